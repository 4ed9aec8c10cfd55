import type { Simulator } from '../../../simulator';
import { getResult, jobIdOf, jsonOf, pairedIndexes, runEnrow, useFastSimulator } from '../enrowKit';

describe('Enrow node · Email Verifier', () => {
	let simulator: Simulator;
	useFastSimulator((started) => (simulator = started));

	const verify = { resource: 'emailVerifier', email: '={{ $json.email }}' };

	it('verifies one address per item and skips an impossible one for free', async () => {
		const input = [
			{ email: 'pam.beesly@dundermifflin.com' },
			{ email: 'not an email' },
			{ email: 'bounce@dundermifflin.com' },
		];
		const result = await runEnrow(simulator, { ...verify, operation: 'verify' }, { input });

		expect(jsonOf(result)).toEqual([
			{
				email: 'pam.beesly@dundermifflin.com',
				qualification: 'valid',
				valid: true,
				jobId: expect.any(String),
				status: 'completed',
			},
			{
				email: 'not an email',
				qualification: 'invalid',
				valid: false,
				reason: 'syntax',
				jobId: null,
				status: 'completed',
			},
			{
				email: 'bounce@dundermifflin.com',
				qualification: 'invalid',
				valid: false,
				jobId: expect.any(String),
				status: 'completed',
			},
		]);
		expect(pairedIndexes(result)).toEqual([0, 1, 2]);
		const stats = simulator.stats();
		expect(stats.requestsByRoute['POST /email/verify/single']).toBe(2);
		expect(stats.credits.charged).toBe(0.5);
	});

	it('verifies 12,000 rows as 3 jobs: duplicates charged once, bad syntax not sent, output in input order and paired', async () => {
		const unique = 11_000;
		const input: Array<{ email: string }> = [];
		for (let i = 0; i < unique; i++)
			input.push({ email: i % 10 === 3 ? `invalid${i}@acme-corp.com` : `lead${i}@acme-corp.com` });
		for (let i = 0; i < 900; i++)
			input.push({ email: ` ${String(input[i * 7].email).toUpperCase()}` });
		for (let i = 0; i < 100; i++) input.push({ email: `broken address ${i}` });
		const result = await runEnrow(simulator, { ...verify, operation: 'verifyBulk' }, { input });

		expect(result.status).toBe('success');
		const out = jsonOf(result);
		expect(out).toHaveLength(12_000);
		expect(pairedIndexes(result)).toEqual(input.map((_, i) => i));
		for (let i = 0; i < unique; i++) {
			expect(out[i].email).toBe(input[i].email);
			expect(out[i].valid).toBe(i % 10 !== 3);
		}
		for (let i = 0; i < 900; i++) {
			// A duplicate (same address, other case and spaces) gets the result of the address that
			// was verified, with its own spelling of it.
			expect(out[unique + i]).toEqual(
				expect.objectContaining({
					email: input[unique + i].email.trim(),
					valid: (i * 7) % 10 !== 3,
				}),
			);
			expect(out[unique + i].jobId).toBe(out[i * 7].jobId);
		}
		for (let i = 0; i < 100; i++)
			expect(out[11_900 + i]).toEqual(expect.objectContaining({ reason: 'syntax', valid: false }));

		const stats = simulator.stats();
		expect(stats.requestsByRoute['POST /email/verify/bulk']).toBe(3);
		expect(stats.jobs.map((job) => job.rows)).toEqual([5000, 5000, 1000]);
		expect(stats.credits.charged).toBe(unique * 0.25);
		expect(new Set(out.slice(0, unique).map((json) => json.jobId)).size).toBe(3);
	});

	it('gives the summary of a bulk run as one item paired with every input item', async () => {
		const input = [
			{ email: 'a@acme-corp.com' },
			{ email: 'invalid@acme-corp.com' },
			{ email: 'a@acme-corp.com' },
			{ email: 'nope' },
		];
		const result = await runEnrow(
			simulator,
			{ ...verify, operation: 'verifyBulk', options: { outputMode: 'summary' } },
			{ input },
		);

		expect(result.output).toHaveLength(1);
		expect(result.output[0].pairedItem).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(result.output[0].json).toEqual({
			status: 'completed',
			jobIds: [expect.any(String)],
			stats: { items: 4, rowsSent: 2, errors: 0, byQualification: { valid: 2, invalid: 2 } },
			creditsSpent: 0.5,
			results: [
				expect.objectContaining({ email: 'a@acme-corp.com', valid: true }),
				expect.objectContaining({ valid: false }),
				expect.objectContaining({ email: 'a@acme-corp.com', valid: true }),
				expect.objectContaining({ reason: 'syntax' }),
			],
		});
	});

	it('sends duplicates as separate rows when Deduplicate is off', async () => {
		const input = [{ email: 'a@acme-corp.com' }, { email: 'a@acme-corp.com' }];
		await runEnrow(
			simulator,
			{ ...verify, operation: 'verifyBulk', options: { deduplicate: false } },
			{ input },
		);
		expect(simulator.stats().jobs[0].rows).toBe(2);
	});

	it('reads a bulk verification with Get Result: one item per row', async () => {
		const started = await runEnrow(
			simulator,
			{ ...verify, operation: 'verifyBulk', waitMode: 'none' },
			{ input: [{ email: 'a@acme-corp.com' }, { email: 'b@acme-corp.com' }] },
		);
		simulator.completeAllJobs();
		const read = await getResult(simulator, 'emailVerifier', jobIdOf(started), 'bulk');
		expect(
			jsonOf(read)
				.map((row) => row.email)
				.sort(),
		).toEqual(['a@acme-corp.com', 'b@acme-corp.com']);
	});
});
