/**
 * The "Pause and resume when Enrow calls back" case that webhookMode.e2e.ts (one n8n process) and
 * queueMode.e2e.ts (main, worker and webhook processor) both run: four addresses sent to a
 * verify-in-bulk workflow (support/workflows.ts, verifyOnCallbackWorkflow) become one Enrow job
 * of two rows (a bad address and a duplicate need none), the execution pauses without polling,
 * and the simulator's callback resumes it with every item's result. And the restart case both
 * run: a paused execution survives a restart of n8n and still resumes.
 */
import { randomUUID } from 'crypto';

import type { N8nInstance } from '../../../scripts/e2e/n8nInstance';
import { nodeOutput, type PublicExecution } from '../../../scripts/e2e/runData';
import type { JobSummary, Simulator } from '../../../simulator';
import { reportTiming } from './timing';
import { addresses } from './workflows';

export const PAUSED_RUN_EMAILS = [
	'pam@dundermifflin.com',
	'bounce@dundermifflin.com',
	'not an address',
	'PAM@dundermifflin.com',
];

/** Long enough for the node's reads before it pauses to end well before the job does. */
const PAUSED_RUN_JOB_MS = { bulkBase: 6000, bulkPerRow: 0 };

export interface PausedRun {
	waiting: PublicExecution;
	job: JobSummary;
	getsWhilePaused: number;
}

/**
 * On a reset simulator, calls the workflow's webhook, waits for its execution to pause, and checks
 * the resume URL the node handed to Enrow (on `resumeBaseUrl`) and that nothing is read while the
 * job runs.
 */
export async function expectPausedWithoutPolling(
	n8n: N8nInstance,
	simulator: Simulator,
	run: { webhookPath: string; workflowId: string; resumeBaseUrl: string },
): Promise<PausedRun> {
	simulator.reset();
	simulator.configure({ enrow: { jobDurationMs: PAUSED_RUN_JOB_MS } });
	const called = await n8n.api.callWebhook(run.webhookPath, {
		body: { emails: PAUSED_RUN_EMAILS },
	});
	expect(called.status).toBe(200);

	const waiting = await n8n.api.waitForExecution({ workflowId: run.workflowId, status: 'waiting' });
	// The node read the job for a moment before it paused; from the pause on, it reads nothing.
	const getsAtPause = simulator.stats().gets;
	const [job] = simulator.stats().jobs;
	expect(job.rows).toBe(2);
	expect(job.webhook).toMatch(
		new RegExp(
			`^${run.resumeBaseUrl}webhook-waiting/${waiting.id}/enrow-callback\\?signature=[0-9a-f]+$`,
		),
	);
	expect(waiting.customData).toEqual(expect.objectContaining({ enrowJobs0: job.id }));

	// Paused: until anyone calls the resume URL, the node makes no request at all.
	await new Promise((resolve) =>
		setTimeout(resolve, Math.max(0, job.completesAt - Date.now() - 1500)),
	);
	const getsWhilePaused = simulator.stats().gets - getsAtPause;
	expect(getsWhilePaused).toBe(0);
	return { waiting, job, getsWhilePaused };
}

/** A call that is not Enrow completing this execution's job is refused. */
export async function expectForgedCallRefused(n8n: N8nInstance, job: JobSummary): Promise<void> {
	const forged = await n8n.api.request('POST', job.webhook!, {
		body: { event: 'bulk_verification_finished', id: randomUUID() },
	});
	expect(forged.status).toBe(403);
}

/**
 * Waits for the paused execution to end after the simulator's callback, reports how long the
 * resume took (`timing`) and the node's requests while paused (`figure`), and checks every
 * item's result.
 */
export async function expectResumedWithResults(
	n8n: N8nInstance,
	simulator: Simulator,
	workflowId: string,
	paused: PausedRun,
	labels: { timing: string; figure: string },
): Promise<PublicExecution> {
	const { waiting, job } = paused;
	const done = await n8n.api.waitForExecution({ workflowId, status: ['success', 'error'] });
	expect(done.id).toBe(waiting.id);
	expect(done.status).toBe('success');

	const [delivery] = simulator.stats().webhookDeliveries;
	expect(delivery).toEqual(expect.objectContaining({ jobId: job.id, status: 200 }));
	// Enrow's (the simulator's) callback leaves when the job completes.
	reportTiming(labels.timing, Date.parse(done.stoppedAt!) - job.completesAt);
	process.stderr.write(`[e2e figure] ${labels.figure}: ${paused.getsWhilePaused}\n`);

	const out = nodeOutput(done.data, 'Enrow').map((item) => item.json);
	expect(out).toEqual([
		expect.objectContaining({
			email: 'pam@dundermifflin.com',
			valid: true,
			jobId: job.id,
			status: 'completed',
		}),
		expect.objectContaining({ email: 'bounce@dundermifflin.com', valid: false }),
		expect.objectContaining({ email: 'not an address', reason: 'syntax' }),
		// A duplicate gets the result of the address verified once, with its own spelling.
		expect.objectContaining({ email: 'PAM@dundermifflin.com', valid: true }),
	]);
	return done;
}

/**
 * Pauses an execution of three addresses on a job that would run for 10 minutes, restarts n8n
 * (`restart.timing` reports how long that took; `restart.before` runs just before it), checks the
 * execution still waits, then completes the job and checks the resumed execution's results.
 */
export async function expectPausedRunSurvivesRestart(
	n8n: N8nInstance,
	simulator: Simulator,
	run: { webhookPath: string; workflowId: string },
	restart: { timing: string; before?: () => void },
): Promise<PublicExecution> {
	simulator.reset();
	simulator.configure({ enrow: { jobDurationMs: { bulkBase: 600_000, bulkPerRow: 0 } } });
	const called = await n8n.api.callWebhook(run.webhookPath, { body: { emails: addresses(3) } });
	expect(called.status).toBe(200);
	const waiting = await n8n.api.waitForExecution({ workflowId: run.workflowId, status: 'waiting' });

	restart.before?.();
	reportTiming(restart.timing, await n8n.restart());
	expect((await n8n.api.getExecution(waiting.id, false)).status).toBe('waiting');

	simulator.completeAllJobs();
	const done = await n8n.api.waitForExecution({
		workflowId: run.workflowId,
		status: ['success', 'error'],
	});
	expect(done.id).toBe(waiting.id);
	expect(done.status).toBe('success');
	expect(nodeOutput(done.data, 'Enrow').map((item) => item.json.valid)).toEqual([true, true, true]);
	return done;
}
