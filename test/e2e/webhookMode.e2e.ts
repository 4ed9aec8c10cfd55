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
import {
	expectForgedCallRefused,
	expectPausedRunSurvivesRestart,
	expectPausedWithoutPolling,
	expectResumedWithResults,
} from './support/pausedVerification';
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
	const paused = await expectPausedWithoutPolling(n8n, simulator, {
		webhookPath: 'e2e-verify-paused',
		workflowId: smallRun.id,
		resumeBaseUrl: n8n.baseUrl,
	});
	const { waiting, job } = paused;

	// Calls that are not Enrow completing this execution's job are refused and resume nothing.
	await expectForgedCallRefused(n8n, job);
	// (A call for this execution's own job before it is done is held while Enrow confirms it,
	// then refused: test/reliability/n8nFeatures.test.ts proves that.)
	const unsigned = await n8n.api.request('POST', job.webhook!.replace(/\?.*$/, ''), {
		body: { event: 'bulk_verification_finished', id: job.id },
	});
	expect(unsigned.status).toBe(401);
	expect((await n8n.api.getExecution(waiting.id, false)).status).toBe('waiting');

	await expectResumedWithResults(n8n, simulator, smallRun.id, paused, {
		timing: 'webhook mode: Enrow callback sent -> resumed execution finished',
		figure: 'requests by the node while paused',
	});
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
	await expectPausedRunSurvivesRestart(
		n8n,
		simulator,
		{ webhookPath: 'e2e-verify-restart', workflowId: restartRun.id },
		{ timing: 'n8n restart with a paused execution' },
	);
});
