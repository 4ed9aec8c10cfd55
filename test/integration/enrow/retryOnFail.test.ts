/**
 * n8n's Settings → Retry On Fail runs the whole node again, inside n8n-core's real
 * WorkflowExecute (the harness): a retry must not start a paid job again for a row an earlier
 * try already started, nor re-send a request that may have started one.
 */
import type { Simulator } from '../../../simulator';
import { jsonOf, runEnrow, startFastSimulator, type EnrowRunOptions } from '../enrowKit';

type Described = Error & { description?: string };

describe('Enrow node · Retry On Fail never pays twice', () => {
	let simulator: Simulator;
	beforeAll(async () => {
		simulator = await startFastSimulator();
	});
	beforeEach(() => {
		simulator.reset();
		simulator.configure({
			enrow: { jobDurationMs: { single: 300, bulkBase: 400, bulkPerRow: 0 } },
		});
	});
	afterAll(async () => await simulator.close());

	const retrying: EnrowRunOptions['nodeOverrides'] = {
		retryOnFail: true,
		maxTries: 3,
		waitBetweenTries: 0,
	};
	const verify = { resource: 'emailVerifier', operation: 'verify', email: '={{ $json.email }}' };
	const verifyBulk = { ...verify, operation: 'verifyBulk' };
	const emails = (count: number) =>
		Array.from({ length: count }, (_, i) => ({ email: `lead${i}@acme-corp.com` }));

	it('a poll timeout retried reads the same job again instead of starting another', async () => {
		// Each try waits 3 s; the job needs about 5: the second try sees it finish.
		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 5000, bulkPerRow: 0 } } });
		const result = await runEnrow(
			simulator,
			{ ...verifyBulk, timeoutMinutes: 0.01 },
			{ input: emails(8), nodeOverrides: retrying },
		);

		expect(result.status).toBe('success');
		expect(simulator.stats().jobsCreated).toBe(1);
		expect(simulator.stats().requestsByRoute['POST /email/verify/bulk']).toBe(1);
		const out = jsonOf(result);
		expect(out).toHaveLength(8);
		out.forEach((json) => expect(json.status).toBe('completed'));
		expect(simulator.stats().credits.charged).toBe(2);
	});

	it('single searches: the one that failed is not re-sent, the others are not started again', async () => {
		simulator.addFault({
			match: { method: 'POST', path: '/email/verify/single' },
			type: 'html',
			status: 503,
		});
		const result = await runEnrow(simulator, verify, {
			input: emails(8),
			continueOnFail: true,
			nodeOverrides: retrying,
		});

		// 8 searches, 8 requests over all tries: n8n retried (the first item failed), but each
		// request was sent once. The 503 may have started a job, so it was not sent again.
		expect(simulator.stats().requestsByRoute['POST /email/verify/single']).toBe(8);
		const out = jsonOf(result);
		const failed = out.filter((json) => json.error !== undefined);
		expect(failed).toHaveLength(1);
		expect(failed[0].error).toMatch(/server error while starting the job/);
		expect(out.filter((json) => json.status === 'completed')).toHaveLength(7);
		expect(simulator.stats().credits.charged).toBe(7 * 0.25);
	});

	it('a bulk job whose connection broke after Enrow started it is not started again', async () => {
		simulator.addFault({
			match: { method: 'POST', path: '/email/verify/bulk' },
			type: 'dropAfterProcessing',
		});
		const result = await runEnrow(simulator, verifyBulk, {
			input: emails(3),
			nodeOverrides: retrying,
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The connection to Enrow broke while starting the job');
		expect((result.error as Described).description).toMatch(/Check the jobs/);
		expect(simulator.stats().requestsByRoute['POST /email/verify/bulk']).toBe(1);
		expect(simulator.stats().jobsCreated).toBe(1);
	});

	it('a refusal that cost nothing is sent again by the retry', async () => {
		simulator.addFault({
			match: { method: 'POST', path: '/email/verify/bulk' },
			type: 'status',
			status: 402,
			body: { message: 'Insufficient credits' },
		});
		const result = await runEnrow(simulator, verifyBulk, {
			input: emails(2),
			nodeOverrides: retrying,
		});

		expect(result.status).toBe('success');
		expect(simulator.stats().requestsByRoute['POST /email/verify/bulk']).toBe(2);
		expect(simulator.stats().jobsCreated).toBe(1);
	});

	it('a new run of the node (not a retry) starts its jobs as usual', async () => {
		await runEnrow(simulator, verifyBulk, { input: emails(2), nodeOverrides: retrying });
		await runEnrow(simulator, verifyBulk, { input: emails(2), nodeOverrides: retrying });
		expect(simulator.stats().jobsCreated).toBe(2);
	});
});
