/**
 * The credit guard (README, "Credits and limits"): before any paid request the node knows what
 * the run can cost at most, refuses a run above Options → Max Credits or above the account's
 * balance, and a dry run says what the real run will then reserve.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../../simulator';
import { FINDER_BY_DOMAIN } from '../../support/mappedInputs';
import { ENROW_KEY, jsonOf, pairedIndexes, runEnrow, useFastSimulator } from '../enrowKit';

const verifyBulk = {
	resource: 'emailVerifier',
	operation: 'verifyBulk',
	email: '={{ $json.email }}',
};
const findBulk = { ...FINDER_BY_DOMAIN, operation: 'findBulk' };

function addresses(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ email: `lead${i}@acme-corp.com` }));
}

function jobStarts(simulator: Simulator): number {
	return simulator.stats().requests.filter((request) => request.method === 'POST').length;
}

describe('Enrow node · credit guard', () => {
	let simulator: Simulator;
	useFastSimulator((started) => (simulator = started), {
		enrow: { apiKeys: { [ENROW_KEY]: { credits: 1_000_000 } } },
	});

	it('sends nothing for a run above Max Credits, and names the maximum cost and the cap', async () => {
		const parameters = { ...verifyBulk, options: { maxCredits: 100 } };
		const refused = await runEnrow(simulator, parameters, { input: addresses(12_000) });
		expect(jobStarts(simulator)).toBe(0);
		expect(refused.error?.message).toBe(
			'This run may cost up to 3,000 credits, more than Max Credits (100)',
		);
		expect((refused.error as Error & { description: string }).description).toMatch(
			/^12,000 addresses to send × 0\.25 credit = 3,000 credits at most, before refunds\. Nothing was sent/,
		);

		// 3 × 0.25 = 0.75 is under the cap: that run goes ahead.
		const kept = await runEnrow(simulator, parameters, { input: addresses(3) });
		expect(kept.status).toBe('success');
		expect(jobStarts(simulator)).toBe(1);
		const over = await runEnrow(
			simulator,
			{ ...verifyBulk, options: { maxCredits: 0.5 } },
			{ input: addresses(3), continueOnFail: true },
		);
		expect(jsonOf(over).map((json) => json.error)).toEqual(
			Array(3).fill('This run may cost up to 0.75 credit, more than Max Credits (0.5)'),
		);
		expect(jobStarts(simulator)).toBe(1);
	});

	it('starts nothing when the balance cannot pay a run of several jobs (12,000 rows, 2,000 credits)', async () => {
		simulator.configure({ enrow: { apiKeys: { [ENROW_KEY]: { credits: 2_000 } } } });
		const result = await runEnrow(simulator, verifyBulk, { input: addresses(12_000) });
		expect(jobStarts(simulator)).toBe(0);
		expect(simulator.stats().requestsByRoute['GET /account/info']).toBe(1);
		expect(result.error?.message).toBe(
			'This run may need 3,000 credits; the Enrow account has 2,000 credits',
		);
		expect(simulator.stats().credits.reserved).toBe(0);
	});

	it("leaves a single-job run to Enrow's own refusal (no balance read)", async () => {
		simulator.configure({ enrow: { apiKeys: { [ENROW_KEY]: { credits: 0.5 } } } });
		const result = await runEnrow(simulator, verifyBulk, { input: addresses(4) });
		expect(simulator.stats().requestsByRoute['GET /account/info']).toBeUndefined();
		expect(jobStarts(simulator)).toBe(1);
		expect(result.error?.message).toMatch(/^Not enough Enrow credits/);
	});

	it('a dry run sends nothing paid, and its figures are what the real run then reserves', async () => {
		const input = [
			{ name: 'Dwight Schrute', domain: 'dundermifflin.com' },
			{ name: 'dwight  schrute', domain: 'https://www.dundermifflin.com/' },
			{ name: 'Jim Halpert', domain: 'dundermifflin.com' },
			{ name: 'Pam Beesly', domain: 'dundermifflin.com' },
		];
		const dry = await runEnrow(simulator, { ...findBulk, options: { dryRun: true } }, { input });
		expect(jobStarts(simulator)).toBe(0);
		expect(jsonOf(dry)).toEqual([
			{ status: 'estimated', wouldSend: true, maxCredits: 1 },
			{ status: 'estimated', wouldSend: false, maxCredits: 0, reason: 'duplicate' },
			{ status: 'estimated', wouldSend: true, maxCredits: 1 },
			{ status: 'estimated', wouldSend: true, maxCredits: 1 },
		]);
		expect(pairedIndexes(dry)).toEqual([0, 1, 2, 3]);

		const summary = await runEnrow(
			simulator,
			{ ...findBulk, options: { dryRun: true, outputMode: 'summary' } },
			{ input },
		);
		expect(jobStarts(simulator)).toBe(0);
		expect(jsonOf(summary)).toEqual([
			{
				status: 'estimated',
				items: 4,
				rowsToSend: 3,
				jobsToStart: 1,
				maxCredits: 3,
				formula: '3 searches to send × 1 credit = 3 credits at most, before refunds',
				balance: 1_000_000,
				balanceCovers: true,
			},
		]);

		const real = await runEnrow(simulator, findBulk, { input });
		expect(real.status).toBe('success');
		const estimated = jsonOf(dry).reduce((sum, json) => sum + Number(json.maxCredits), 0);
		expect(simulator.stats().credits.reserved).toBe(estimated);
		expect(simulator.stats().credits.reserved).toBe(jsonOf(summary)[0].maxCredits);
	});

	it('a dry run of the verifier marks impossible addresses, and matches a 12,000-row real run', async () => {
		const input = [...addresses(11_990), { email: 'not an address' }, ...addresses(9)];
		const dry = await runEnrow(simulator, { ...verifyBulk, options: { dryRun: true } }, { input });
		const out = jsonOf(dry);
		expect(out[11_990]).toEqual({
			status: 'estimated',
			wouldSend: false,
			maxCredits: 0,
			reason: 'syntax',
		});
		expect(out.filter((json) => json.reason === 'duplicate')).toHaveLength(9);
		const estimated = out.reduce((sum, json) => sum + Number(json.maxCredits), 0);
		expect(estimated).toBe(11_990 * 0.25);

		await runEnrow(simulator, verifyBulk, { input });
		expect(simulator.stats().credits.reserved).toBe(estimated);
	});
});
