/**
 * Issue 4 in a real n8n 2.41.1: the Enrow node pauses the execution in "Pause and resume when
 * Enrow calls back" mode and the simulator's own webhook delivery resumes it; the Enrow Trigger
 * starts a workflow from a delivery; a paused execution survives a restart.
 */
import { randomUUID } from 'crypto';

import { disposeAllN8nInstances, type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { nodeOutput } from '../../scripts/e2e/runData';
import { startSimulator, type Simulator } from '../../simulator';
import { createN8n } from './support/e2eRun';
import { reportTiming } from './support/timing';
import {
	addresses,
	enrowCredential,
	enrowTriggerWorkflow,
	verifyOnCallbackWorkflow,
} from './support/workflows';

let simulator: Simulator;
let n8n: N8nInstance;

const smallRun = verifyOnCallbackWorkflow('e2eWebhookMode01', 'e2e-verify-paused');
const bigRun = verifyOnCallbackWorkflow('e2eWebhookMode02', 'e2e-verify-three-jobs');
const restartRun = verifyOnCallbackWorkflow('e2eWebhookMode03', 'e2e-verify-restart');
const triggerWebhookId = randomUUID();
const triggerRun = enrowTriggerWorkflow('e2eEnrowTrigger01', 'E2E Enrow Trigger', triggerWebhookId);

beforeAll(async () => {
	simulator = await startSimulator();
	n8n = await createN8n('webhook-mode');
	await n8n.importCredentials([enrowCredential(simulator.url)]);
	for (const workflow of [smallRun, bigRun, restartRun, triggerRun])
		await n8n.importAndPublishWorkflow(workflow);
	reportTiming('n8n start (webhook-mode suite)', await n8n.start());
});

afterAll(async () => {
	await disposeAllN8nInstances();
	await simulator?.close();
});

test("pauses with zero polling, refuses forged calls, and resumes on Enrow's callback with the results", async () => {
	simulator.reset();
	simulator.configure({ enrow: { jobDurationMs: { bulkBase: 6000, bulkPerRow: 0 } } });
	const emails = [
		'pam@dundermifflin.com',
		'bounce@dundermifflin.com',
		'not an address',
		'PAM@dundermifflin.com',
	];
	expect((await n8n.api.callWebhook('e2e-verify-paused', { body: { emails } })).status).toBe(200);

	const waiting = await n8n.api.waitForExecution({ workflowId: smallRun.id, status: 'waiting' });
	// The node read the job for a moment before it paused; from the pause on, it reads nothing.
	const getsAtPause = simulator.stats().gets;
	const [job] = simulator.stats().jobs;
	expect(job.rows).toBe(2);
	expect(job.webhook).toMatch(
		new RegExp(
			`^${n8n.baseUrl}webhook-waiting/${waiting.id}/enrow-callback\\?signature=[0-9a-f]+$`,
		),
	);
	expect(waiting.customData).toEqual(expect.objectContaining({ enrowJobs0: job.id }));

	// Paused: until anyone calls the resume URL, the node makes no request at all.
	await new Promise((resolve) =>
		setTimeout(resolve, Math.max(0, job.completesAt - Date.now() - 1500)),
	);
	const getsWhilePaused = simulator.stats().gets - getsAtPause;
	expect(getsWhilePaused).toBe(0);

	// Calls that are not Enrow completing this execution's job are refused and resume nothing.
	const forged = await n8n.api.request('POST', job.webhook!, {
		body: { event: 'bulk_verification_finished', id: randomUUID() },
	});
	expect(forged.status).toBe(403);
	// (A call for this execution's own job before it is done is held while Enrow confirms it,
	// then refused: test/reliability/n8nFeatures.test.ts proves that.)
	const unsigned = await n8n.api.request('POST', job.webhook!.replace(/\?.*$/, ''), {
		body: { event: 'bulk_verification_finished', id: job.id },
	});
	expect(unsigned.status).toBe(401);
	expect((await n8n.api.getExecution(waiting.id, false)).status).toBe('waiting');

	const done = await n8n.api.waitForExecution({
		workflowId: smallRun.id,
		status: ['success', 'error'],
	});
	expect(done.id).toBe(waiting.id);
	expect(done.status).toBe('success');

	const [delivery] = simulator.stats().webhookDeliveries;
	expect(delivery).toEqual(expect.objectContaining({ jobId: job.id, status: 200 }));
	// Enrow's (the simulator's) callback leaves when the job completes.
	reportTiming(
		'webhook mode: Enrow callback sent -> resumed execution finished',
		Date.parse(done.stoppedAt!) - job.completesAt,
	);
	process.stderr.write(`[e2e figure] requests by the node while paused: ${getsWhilePaused}\n`);

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
});

test('a run split into 3 Enrow jobs resumes once, when the last job is done', async () => {
	simulator.reset();
	// The 1-row job takes 4 s: longer than the node's reads before it pauses (2 s), so its
	// callback finds the execution waiting.
	simulator.configure({ enrow: { jobDurationMs: { bulkBase: 4000, bulkPerRow: 1 } } });
	const emails = addresses(10_001);
	expect((await n8n.api.callWebhook('e2e-verify-three-jobs', { body: { emails } })).status).toBe(
		200,
	);

	const done = await n8n.api.waitForExecution({
		workflowId: bigRun.id,
		status: ['success', 'error'],
		timeoutMs: 180_000,
	});
	expect(done.status).toBe('success');
	const stats = simulator.stats();
	expect(stats.jobs.map((job) => job.rows)).toEqual([5000, 5000, 1]);
	expect(stats.webhookDeliveries).toHaveLength(3);
	// The 1-row job finished first and was acknowledged without resuming.
	expect(stats.webhookDeliveries[0]).toEqual(
		expect.objectContaining({ jobId: stats.jobs[2].id, status: 200 }),
	);
	expect(await n8n.api.listExecutions({ workflowId: bigRun.id })).toHaveLength(1);

	const out = nodeOutput(done.data, 'Enrow');
	expect(out).toHaveLength(10_001);
	expect(out[10_000].json).toEqual(
		expect.objectContaining({ email: 'lead10000@acme-corp.com', jobId: stats.jobs[2].id }),
	);
	expect(out.map((item) => (item.pairedItem as { item: number }).item)).toEqual(
		emails.map((_, i) => i),
	);
});

test('the Enrow Trigger starts a workflow with the fetched rows of a finished bulk verification', async () => {
	simulator.reset();
	simulator.configure({ enrow: { jobDurationMs: { bulkBase: 500, bulkPerRow: 0 } } });
	const triggerUrl = `${n8n.baseUrl}webhook/${triggerWebhookId}/webhook`;
	const started = await fetch(`${simulator.url}/email/verify/bulk`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-api-key': 'sim-enrow-key' },
		body: JSON.stringify({
			verifications: ['a@acme-corp.com', 'invalid@acme-corp.com'],
			settings: { webhook: triggerUrl },
		}),
	});
	const { id } = (await started.json()) as { id: string };

	const run = await n8n.api.waitForExecution({
		workflowId: triggerRun.id,
		status: ['success', 'error'],
	});
	expect(run.status).toBe('success');
	const rows = nodeOutput(run.data, 'Enrow Trigger').map((item) => item.json);
	expect(rows).toHaveLength(2);
	expect(rows).toEqual(
		expect.arrayContaining([
			expect.objectContaining({
				email: 'a@acme-corp.com',
				valid: true,
				event: 'bulk_verification_finished',
				jobId: id,
			}),
			expect.objectContaining({ email: 'invalid@acme-corp.com', valid: false }),
		]),
	);
	expect(simulator.stats().webhookDeliveries[0]).toEqual(
		expect.objectContaining({ url: triggerUrl, status: 200 }),
	);
});

test('a paused execution survives an n8n restart and still resumes', async () => {
	simulator.reset();
	simulator.configure({ enrow: { jobDurationMs: { bulkBase: 600_000, bulkPerRow: 0 } } });
	expect(
		(await n8n.api.callWebhook('e2e-verify-restart', { body: { emails: addresses(3) } })).status,
	).toBe(200);
	const waiting = await n8n.api.waitForExecution({ workflowId: restartRun.id, status: 'waiting' });

	reportTiming('n8n restart with a paused execution', await n8n.restart());
	expect((await n8n.api.getExecution(waiting.id, false)).status).toBe('waiting');

	simulator.completeAllJobs();
	const done = await n8n.api.waitForExecution({
		workflowId: restartRun.id,
		status: ['success', 'error'],
	});
	expect(done.id).toBe(waiting.id);
	expect(done.status).toBe('success');
	expect(nodeOutput(done.data, 'Enrow').map((item) => item.json.valid)).toEqual([true, true, true]);
});
