import { PostPacer } from '../../nodes/EnrowApi/transport/postPacer';

function fakeClock() {
	const clock = { now: 0 };
	const wait = async (ms: number) => {
		clock.now += ms;
		await new Promise((resolve) => setImmediate(resolve));
	};
	return { clock, now: () => clock.now, wait };
}

describe('PostPacer', () => {
	it('lets at most 10 requests start per second, counting each from when its answer came back', async () => {
		const { clock, now, wait } = fakeClock();
		const pacer = new PostPacer(10, 1000, now, wait);
		const starts: number[] = [];
		for (let i = 0; i < 25; i++) {
			const release = await pacer.waitTurn();
			starts.push(clock.now);
			clock.now += 50; // the request takes 50 ms
			release();
		}
		for (let i = 10; i < starts.length; i++)
			expect(starts[i] - starts[i - 10]).toBeGreaterThanOrEqual(1000 + 50);
	});

	it('makes the 11th request wait while 10 are still in flight', async () => {
		const { clock, now, wait } = fakeClock();
		const pacer = new PostPacer(10, 1000, now, wait);
		const releases = [];
		for (let i = 0; i < 10; i++) releases.push(await pacer.waitTurn());
		let eleventhStarted = false;
		const eleventh = pacer.waitTurn().then(() => {
			eleventhStarted = true;
		});
		await new Promise((resolve) => setImmediate(resolve));
		expect(eleventhStarted).toBe(false);
		releases[0]();
		await eleventh;
		expect(eleventhStarted).toBe(true);
		expect(clock.now).toBeGreaterThanOrEqual(1000);
	});
});
