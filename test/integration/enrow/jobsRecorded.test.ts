/**
 * Poll mode records the jobs it started in the execution's custom data as soon as they start,
 * as the pause-and-resume mode does: a run that n8n stops while it waits (cancel, the
 * workflow's own timeout: tested in a real n8n, test/e2e/neverPayTwice.e2e.ts) still shows
 * which paid jobs it started.
 */
import type { Simulator } from '../../../simulator';
import { runEnrow, startFastSimulator } from '../enrowKit';

describe('Enrow node · poll mode records its jobs', () => {
	let simulator: Simulator;
	beforeAll(async () => {
		simulator = await startFastSimulator();
	});
	afterAll(async () => await simulator.close());

	it('keeps the job IDs in custom data while it waits, and after a timeout', async () => {
		simulator.reset();
		simulator.configure({ enrow: { jobDurationMs: { single: 60_000 } } });
		const result = await runEnrow(
			simulator,
			{
				resource: 'emailVerifier',
				operation: 'verify',
				email: '={{ $json.email }}',
				timeoutMinutes: 0.01,
			},
			{ input: [{ email: 'pam@dundermifflin.com' }, { email: 'jim@dundermifflin.com' }] },
		);

		expect(result.status).toBe('error');
		const ids = simulator.stats().jobs.map((job) => job.id);
		const customData = (result.runExecutionData.resultData.metadata ?? {}) as Record<
			string,
			string
		>;
		expect(customData.enrowJobs0.split(',').sort()).toEqual(ids.sort());
	});
});
