/**
 * Issue 8: the e2e cases in n8n's queue mode, the way users scale n8n out. A main process
 * (`n8n start`: editor, API, publishing, waiting-execution tracking), one `n8n worker` that runs
 * the executions and one `n8n webhook` processor that takes every production webhook call and
 * resume URL (WEBHOOK_URL points at it; the main process serves none), sharing a throwaway Redis
 * (job queue) and PostgreSQL (n8n 2.41.1 does not support scaling mode on SQLite) that this suite
 * installs when missing, starts and stops (scripts/e2e/queueServices.ts).
 *
 * `n8n execute` refuses queue mode, so the poll-mode case starts from a Webhook too. Main runs
 * with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true, as n8n 3.0 runs every manual execution: a run
 * started the way the editor starts one (`POST /rest/workflows/:id/run`) goes to the worker too.
 * What ran where is read from the processes' own logs: the worker logs "Worker started
 * execution <id>", the process that put a run on the queue logs "Enqueued execution <id>".
 */
import { disposeAllN8nInstances, type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { startQueueServices, type QueueServices } from '../../scripts/e2e/queueServices';
import { nodeOutput } from '../../scripts/e2e/runData';
import { startSimulator, type Simulator } from '../../simulator';
import { createN8n } from './support/e2eRun';
import {
	expectForgedCallRefused,
	expectPausedRunSurvivesRestart,
	expectPausedWithoutPolling,
	expectResumedWithResults,
} from './support/pausedVerification';
import { countLogLines, eventually } from './support/processLogs';
import { reportTiming, timed } from './support/timing';
import {
	enrowCredential,
	findOnWebhookWorkflow,
	itemsFrom,
	linearWorkflow,
	manualTrigger,
	verifyOnCallbackNode,
	verifyOnCallbackWorkflow,
} from './support/workflows';

let simulator: Simulator;
let services: QueueServices | undefined;
let n8n: N8nInstance;

const findRun = findOnWebhookWorkflow('e2eQueueFind01', 'e2e-queue-find');
const pausedRun = verifyOnCallbackWorkflow('e2eQueuePaused01', 'e2e-queue-verify-paused');
const restartRun = verifyOnCallbackWorkflow('e2eQueueRestart01', 'e2e-queue-verify-restart');
const manualEmails = ['pam@dundermifflin.com', 'bounce@dundermifflin.com', 'not an address'];
/** Manual Trigger → addresses → Enrow verify in bulk, paused until Enrow calls back. */
const manualRun = linearWorkflow('e2eQueueManual01', 'E2E queue manual run, paused', [
	manualTrigger(),
	...itemsFrom(manualEmails.map((email) => ({ email }))),
	verifyOnCallbackNode('={{ $json.email }}'),
]);

/** The worker ran the execution (`times` starts: one per run segment), and neither the main
 *  process nor the webhook processor ran any execution. */
async function expectRanOnWorker(id: string | number, times: number): Promise<void> {
	await eventually(() => {
		const workerLog = n8n.processLog('worker');
		expect(countLogLines(workerLog, 'Worker started execution', id)).toBe(times);
		expect(countLogLines(workerLog, 'Worker finished execution', id)).toBe(times);
	});
	expect(n8n.log()).not.toMatch(/Worker started execution/);
	expect(n8n.processLog('webhook')).not.toMatch(/Worker started execution/);
}

/** The webhook processor put execution `id` on the queue `times` times (trigger call, resume call). */
async function expectQueuedByWebhookProcessor(id: string | number, times: number): Promise<void> {
	await eventually(() =>
		expect(countLogLines(n8n.processLog('webhook'), 'Enqueued execution', id)).toBe(times),
	);
	expect(n8n.log()).not.toMatch(/Enqueued execution/);
}

beforeAll(async () => {
	simulator = await startSimulator({ config: { enrow: { jobDurationMs: { single: 500 } } } });
	services = await timed(
		'queue services: install check, Redis, PostgreSQL (initdb + start + createdb)',
		async () => await startQueueServices({ name: 'queue-mode' }),
	);
	n8n = await timed(
		'n8n user folders (main, worker, webhook) + package installs',
		async () =>
			await createN8n('queue-mode', {
				queue: { services: services! },
				env: { OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' },
			}),
	);
	await timed('n8n import:credentials + import:workflow (PostgreSQL migrated)', async () => {
		await n8n.importCredentials([enrowCredential(simulator.url)]);
		await n8n.importWorkflows([findRun, pausedRun, restartRun, manualRun]);
	});
	reportTiming(
		'n8n start, queue mode (main, worker and webhook processor together)',
		await n8n.start(),
	);
	// Through the public API of the running main process, which registers the webhooks.
	for (const workflow of [findRun, pausedRun, restartRun]) await n8n.publishWorkflow(workflow.id);
});

afterAll(async () => {
	await disposeAllN8nInstances();
	await services?.stop();
	await simulator?.close();
});

test('poll mode: a Webhook-started find runs on the worker and polls Enrow to completion', async () => {
	simulator.reset();
	// The main process serves no production webhooks: a load balancer would send them to the
	// webhook processor, which WEBHOOK_URL names.
	expect(n8n.webhookBaseUrl).not.toBe(n8n.baseUrl);
	const toMain = await n8n.api.request('POST', `${n8n.baseUrl}webhook/e2e-queue-find`, {
		body: { fullName: 'Pam Beesly', companyDomain: 'dundermifflin.com' },
	});
	expect(toMain.status).toBe(404);
	const started = Date.now();
	const response = await n8n.api.callWebhook('e2e-queue-find', {
		body: { fullName: 'Pam Beesly', companyDomain: 'dundermifflin.com' },
	});
	expect(response.status).toBe(200);

	const execution = await n8n.api.waitForExecution({
		workflowId: findRun.id,
		status: ['success', 'error'],
	});
	reportTiming('queue mode: webhook call -> find polled -> execution read', Date.now() - started);
	expect(execution.status).toBe('success');
	expect(execution.mode).toBe('webhook');
	const [item] = nodeOutput(execution.data, 'Enrow');
	expect(item.json).toMatchObject({
		email: 'pam.beesly@dundermifflin.com',
		found: true,
		status: 'completed',
	});
	expect(item.pairedItem).toEqual({ item: 0 });
	const stats = simulator.stats();
	expect(stats.requestsByRoute['POST /email/find/single']).toBe(1);
	expect(stats.gets).toBeGreaterThan(0); // polled

	await expectRanOnWorker(execution.id, 1);
	await expectQueuedByWebhookProcessor(execution.id, 1);
});

test("webhook mode: pauses with zero polling and resumes on Enrow's callback, on the worker", async () => {
	// The resume URL the node handed to Enrow (built on the worker) names the webhook processor.
	const paused = await expectPausedWithoutPolling(n8n, simulator, {
		webhookPath: 'e2e-queue-verify-paused',
		workflowId: pausedRun.id,
		resumeBaseUrl: n8n.webhookBaseUrl,
	});

	// A call that is not Enrow completing this execution's job is refused and resumes nothing.
	// (A call for its own job before it is done is held while Enrow confirms it, then refused:
	// the reliability suite proves that, test/reliability/n8nFeatures.test.ts.)
	await expectForgedCallRefused(n8n, paused.job);
	expect((await n8n.api.getExecution(paused.waiting.id, false)).status).toBe('waiting');

	const done = await expectResumedWithResults(n8n, simulator, pausedRun.id, paused, {
		timing: 'queue mode: Enrow callback sent -> resumed execution finished',
		figure: 'queue mode, requests by the node while paused',
	});

	// Both run segments (up to the pause, after the resume) ran on the worker; the webhook
	// processor queued both (the trigger call, then the resume call).
	await expectRanOnWorker(done.id, 2);
	await expectQueuedByWebhookProcessor(done.id, 2);
});

test('a paused execution survives a restart of main, worker and webhook processor and still resumes', async () => {
	let workerLogBefore = 0;
	const done = await expectPausedRunSurvivesRestart(
		n8n,
		simulator,
		{ webhookPath: 'e2e-queue-verify-restart', workflowId: restartRun.id },
		{
			timing: 'queue mode: restart of main + worker + webhook processor',
			before: () => {
				workerLogBefore = n8n.processLog('worker').length;
			},
		},
	);
	expect(simulator.stats().webhookDeliveries).toEqual([expect.objectContaining({ status: 200 })]);
	// The new worker ran the resumed part; the new webhook processor queued it.
	await expectRanOnWorker(done.id, 2);
	await expectQueuedByWebhookProcessor(done.id, 2);
	const workerLogAfterRestart = n8n.processLog('worker').slice(workerLogBefore);
	expect(countLogLines(workerLogAfterRestart, 'Worker started execution', done.id)).toBe(1);
});

test("a manual execution (n8n 3.0's way: offloaded to a worker) pauses, and the webhook processor resumes it with the results", async () => {
	simulator.reset();
	simulator.configure({ enrow: { jobDurationMs: { bulkBase: 6000, bulkPerRow: 0 } } });

	const executionId = await n8n.api.runManually(manualRun.id, 'Start');

	const waiting = await n8n.api.waitForExecution({ workflowId: manualRun.id, status: 'waiting' });
	expect(String(waiting.id)).toBe(executionId);
	expect(waiting.mode).toBe('manual');
	const [job] = simulator.stats().jobs;
	expect(job.rows).toBe(2);
	expect(job.webhook).toMatch(
		new RegExp(
			`^${n8n.webhookBaseUrl}webhook-waiting/${executionId}/enrow-callback\\?signature=[0-9a-f]+$`,
		),
	);
	expect(waiting.customData).toEqual(expect.objectContaining({ enrowJobs0: job.id }));

	const done = await n8n.api.waitForExecution({
		workflowId: manualRun.id,
		status: ['success', 'error'],
	});
	expect(String(done.id)).toBe(executionId);
	expect(done.status).toBe('success');
	expect(simulator.stats().webhookDeliveries).toEqual([
		expect.objectContaining({ jobId: job.id, status: 200 }),
	]);
	expect(nodeOutput(done.data, 'Enrow').map((item) => item.json)).toEqual([
		expect.objectContaining({ email: manualEmails[0], valid: true, jobId: job.id }),
		expect.objectContaining({ email: manualEmails[1], valid: false }),
		expect.objectContaining({ email: manualEmails[2], reason: 'syntax' }),
	]);

	// Both run segments ran on the worker; main queued the start, the webhook processor the resume.
	await expectRanOnWorker(done.id, 2);
	await eventually(() => {
		expect(countLogLines(n8n.log(), 'Enqueued execution', done.id)).toBe(1);
		expect(countLogLines(n8n.processLog('webhook'), 'Enqueued execution', done.id)).toBe(1);
	});
});
