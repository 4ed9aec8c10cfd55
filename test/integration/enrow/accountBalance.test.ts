/**
 * Issue 27 §5: a credit balance Enrow sends as text ("1,250", "1 250", "1,250.5") is read as the
 * number it says; one the node cannot read is never taken for 0.
 */
import type { Simulator } from '../../../simulator';
import { jsonOf, runEnrow, useFastSimulator } from '../enrowKit';

const verify = { resource: 'emailVerifier', operation: 'verify', email: '={{ $json.email }}' };
const threeAddresses = [
	{ email: 'pam.beesly@dundermifflin.com' },
	{ email: 'jim.halpert@dundermifflin.com' },
	{ email: 'dwight.schrute@dundermifflin.com' },
];

describe('Enrow node · a credit balance given as text', () => {
	let simulator: Simulator;
	useFastSimulator((started) => (simulator = started));

	/** The next `times` answers of GET /account/info give this balance. */
	function balanceAnswers(credits: unknown, times = 1): void {
		simulator.addFault({
			type: 'status',
			status: 200,
			body: { credits, webhooks: [] },
			match: { method: 'GET', path: '/account/info' },
			times,
		});
	}
	const posts = () => simulator.stats().posts;

	it('Get account credits reads "1,250", "1 250" and "1,250.5" as numbers', async () => {
		for (const credits of ['1,250', '1 250', '1,250.5']) balanceAnswers(credits);
		const result = await runEnrow(
			simulator,
			{ resource: 'account', operation: 'get' },
			{ input: [{}, {}, {}] },
		);

		expect(jsonOf(result)).toEqual([
			{ credits: 1250, webhooks: [] },
			{ credits: 1250, webhooks: [] },
			{ credits: 1250.5, webhooks: [] },
		]);
	});

	it('Get account credits with a balance it cannot read fails the item, quoting it, instead of saying 0', async () => {
		balanceAnswers('lots');
		const result = await runEnrow(
			simulator,
			{ resource: 'account', operation: 'get' },
			{ input: [{}], continueOnFail: true },
		);

		const [item] = jsonOf(result);
		expect(item.error).toBe(
			'Enrow\'s account answer gives "lots" as the credit balance, not a number',
		);
		expect(item.errorDescription).toMatch(/does not guess a balance/);
		expect(item.credits).toBeUndefined();
	});

	it('the credit guard compares a balance of "2" (text) with the run\'s cost and starts nothing', async () => {
		balanceAnswers('2');
		const nine = Array.from({ length: 9 }, (_, i) => ({ email: `lead${i}@acme-corp.com` }));
		const result = await runEnrow(simulator, verify, { input: nine });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'This run may need 2.25 credits; the Enrow account has 2 credits',
		);
		expect(posts()).toBe(0);
	});

	it("the credit guard goes ahead when the balance cannot be read (not taken for 0); Enrow's own answers then decide", async () => {
		balanceAnswers({ paid: 3 });
		const result = await runEnrow(simulator, verify, { input: threeAddresses });

		expect(result.status).toBe('success');
		expect(jsonOf(result).map((json) => json.valid)).toEqual([true, true, true]);
		expect(posts()).toBe(3);
	});

	it('Dry Run\'s summary gives the balance read from "1 250", and null (not 0) for one it cannot read', async () => {
		const dryRun = {
			...verify,
			operation: 'verifyBulk',
			options: { dryRun: true, outputMode: 'summary' },
		};
		balanceAnswers('1 250');
		const read = await runEnrow(simulator, dryRun, { input: threeAddresses });
		expect(jsonOf(read)[0]).toMatchObject({ balance: 1250, balanceCovers: true, maxCredits: 0.75 });

		balanceAnswers('n/a');
		const unread = await runEnrow(simulator, dryRun, { input: threeAddresses });
		expect(jsonOf(unread)[0]).toMatchObject({ balance: null, balanceCovers: null });
		expect(posts()).toBe(0);
	});
});
