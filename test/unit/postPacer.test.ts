import { PostPacer } from '../../nodes/Enrow/transport/postPacer';

describe('PostPacer', () => {
	it('lets at most 10 POSTs start in any window and makes the rest wait', async () => {
		let clock = 0;
		const starts: number[] = [];
		const pacer = new PostPacer(10, 1100, () => clock, async (ms) => {
			clock += ms;
		});
		for (let i = 0; i < 25; i++) {
			await pacer.waitTurn();
			starts.push(clock);
		}
		for (let i = 10; i < starts.length; i++) expect(starts[i] - starts[i - 10]).toBeGreaterThanOrEqual(1100);
		expect(starts[24]).toBe(2200);
	});
});
