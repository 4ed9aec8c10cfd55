/**
 * Issue 25 §6 in a real n8n 2.41.1: the Enrow Trigger reads a notified job again before it
 * decides (a transient "unknown job" answer, a job still running), answers what n8n lets it
 * answer (503 for a job still running, 200 for one Enrow does not know), and accepts a secret
 * with `+` however the URL writes it. n8n decides what the caller gets and parses the query
 * string, so only a real n8n shows these.
 */
import { randomUUID } from 'crypto';

import { disposeAllN8nInstances, type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { nodeOutput, type RunExecutionData } from '../../scripts/e2e/runData';
import { startSimulator, type Simulator } from '../../simulator';
import { unknownJobAnswer } from '../support/unknownJobAnswer';
import { createN8n } from './support/e2eRun';
import { enrowCredential, enrowTriggerWorkflow } from './support/workflows';

let simulator: Simulator;
let n8n: N8nInstance;

const EVENTS = ['bulk_verification_finished', 'verification_finished'];
const NOT_STARTED = { received: true, started: false };

const readsWebhookId = randomUUID();
const readsRun = enrowTriggerWorkflow(
	'e2eTriggerReads1',
	'E2E Enrow Trigger, reads again',
	readsWebhookId,
	EVENTS,
);

/** openssl rand -base64 18, with + and / in it. */
const SECRET = 'q+7Vd/2mK+Zp0wXy4Rb9+A==';
const secretWebhookId = randomUUID();
const secretRun = (() => {
	const workflow = enrowTriggerWorkflow(
		'e2eTriggerReads2',
		'E2E Enrow Trigger, secret with +',
		secretWebhookId,
		EVENTS,
	);
	const [trigger] = workflow.nodes as Array<{ parameters: Record<string, unknown> }>;
	trigger.parameters = { ...trigger.parameters, options: { secret: SECRET } };
	return workflow;
})();

const triggerUrl = (webhookId: string) => `${n8n.baseUrl}webhook/${webhookId}/webhook`;

beforeAll(async () => {
	simulator = await startSimulator();
	n8n = await createN8n('trigger-reads');
	await n8n.importCredentials([enrowCredential(simulator.url)]);
	for (const workflow of [readsRun, secretRun]) await n8n.importAndPublishWorkflow(workflow);
	await n8n.start();
	// Until n8n has registered the published workflows' webhooks, Enrow's deliveries would get 404.
	for (const webhookId of [readsWebhookId, secretWebhookId]) {
		const ready = await n8n.api.callWebhook(`${webhookId}/webhook`, {
			body: { event: 'search_started' },
			query: { token: SECRET },
		});
		expect(ready.status).toBe(200);
	}
});

afterAll(async () => {
	await disposeAllN8nInstances();
	await simulator?.close();
});

beforeEach(() => simulator.reset());

/** Starts a verification at the simulator, as the Enrow node would; returns its job ID. */
async function startVerification(bulk: boolean, webhook?: string): Promise<string> {
	const addresses = ['a@acme-corp.com', 'invalid@acme-corp.com'];
	const started = await fetch(`${simulator.url}/email/verify/${bulk ? 'bulk' : 'single'}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-api-key': 'sim-enrow-key' },
		body: JSON.stringify({
			...(bulk ? { verifications: addresses } : { email: addresses[0] }),
			...(webhook ? { settings: { webhook } } : {}),
		}),
	});
	return ((await started.json()) as { id: string }).id;
}

/** Waits until the simulator has delivered `count` webhooks and had their answers. */
async function deliveries(count: number, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (simulator.stats().webhookDeliveries.length < count) {
		if (Date.now() > deadline) throw new Error(`Fewer than ${count} webhook deliveries`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return simulator.stats().webhookDeliveries;
}

async function executionsOf(workflowId: string) {
	return await n8n.api.listExecutions({ workflowId, includeData: true });
}

const triggerItems = (data: RunExecutionData | undefined) =>
	nodeOutput(data, 'Enrow Trigger').map((item) => item.json);

/** The finished execution the trigger started for an Enrow job, once there is one. */
async function executionOfJob(workflowId: string, jobId: string, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = (await executionsOf(workflowId)).find(
			(candidate) =>
				['success', 'error'].includes(candidate.status) &&
				triggerItems(candidate.data)[0]?.jobId === jobId,
		);
		if (execution) return execution;
		if (Date.now() > deadline) throw new Error(`No execution of ${workflowId} for job ${jobId}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

test('one transient "unknown job" answer while the trigger reads a finished job does not drop its results', async () => {
	const before = (await executionsOf(readsRun.id)).length;
	simulator.addFault(unknownJobAnswer('bulk'));
	simulator.addFault(unknownJobAnswer('single'));
	const bulkId = await startVerification(true, triggerUrl(readsWebhookId));
	const singleId = await startVerification(false, triggerUrl(readsWebhookId));
	simulator.completeAllJobs();

	expect((await deliveries(2)).map((delivery) => delivery.status)).toEqual([200, 200]);
	const bulkRun = await executionOfJob(readsRun.id, bulkId);
	expect(bulkRun.status).toBe('success');
	// Enrow lists a bulk job's rows in its own order.
	expect(triggerItems(bulkRun.data)).toHaveLength(2);
	expect(triggerItems(bulkRun.data)).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ email: 'a@acme-corp.com', valid: true, status: 'completed' }),
			expect.objectContaining({ email: 'invalid@acme-corp.com', valid: false }),
		]),
	);
	const singleRun = await executionOfJob(readsRun.id, singleId);
	expect(triggerItems(singleRun.data)).toEqual([
		expect.objectContaining({ email: 'a@acme-corp.com', valid: true, status: 'completed' }),
	]);
	expect(await executionsOf(readsRun.id)).toHaveLength(before + 2);
	// Each job was read twice: the transient answer, then its results.
	const reads = simulator.stats().requests.filter((request) => request.method === 'GET');
	expect(reads.map((read) => `${read.path} ${read.status}`).sort()).toEqual([
		'/email/verify/bulk 200',
		'/email/verify/bulk 400',
		'/email/verify/single 200',
		'/email/verify/single 500',
	]);
});

test('a notification for a job still running: 503 and nothing started; its completion notification starts the workflow once', async () => {
	simulator.configure({ enrow: { jobDurationMs: { bulkBase: 600_000, bulkPerRow: 0 } } });
	const before = (await executionsOf(readsRun.id)).length;
	const id = await startVerification(true, triggerUrl(readsWebhookId));

	const sentAt = Date.now();
	const early = await n8n.api.request('POST', triggerUrl(readsWebhookId), {
		body: { event: 'bulk_verification_finished', id },
	});
	const answeredAfterMs = Date.now() - sentAt;
	expect(early.status).toBe(503);
	expect(early.headers.get('retry-after')).toBe('60');
	expect(early.body).toEqual(expect.objectContaining({ ...NOT_STARTED, status: 'ongoing' }));
	// Read at about 0, 1, 3 and 7 s, and answered before a sender's usual 10 s timeout.
	expect(simulator.stats().requests.filter((request) => request.method === 'GET')).toHaveLength(4);
	expect(answeredAfterMs).toBeGreaterThan(6_500);
	expect(answeredAfterMs).toBeLessThan(10_000);
	expect(await executionsOf(readsRun.id)).toHaveLength(before);

	simulator.completeAllJobs();
	expect((await deliveries(1)).map((delivery) => delivery.status)).toEqual([200]);
	const done = await executionOfJob(readsRun.id, id);
	expect(done.status).toBe('success');
	expect(triggerItems(done.data)).toHaveLength(2);
	expect(triggerItems(done.data)).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ jobId: id, email: 'a@acme-corp.com', status: 'completed' }),
			expect.objectContaining({ jobId: id, email: 'invalid@acme-corp.com', status: 'completed' }),
		]),
	);
	// Handled now: the same notification again starts nothing.
	const again = await n8n.api.request('POST', triggerUrl(readsWebhookId), {
		body: { event: 'bulk_verification_finished', id },
	});
	expect(again.body).toEqual({ ...NOT_STARTED, duplicate: true });
	await new Promise((resolve) => setTimeout(resolve, 2000));
	expect(await executionsOf(readsRun.id)).toHaveLength(before + 1);
});

test('a notification for a job that finishes while the trigger reads it again starts the workflow with its result', async () => {
	simulator.configure({ enrow: { jobDurationMs: { single: 2000 } } });
	const before = (await executionsOf(readsRun.id)).length;
	const id = await startVerification(false);
	const answer = await n8n.api.request('POST', triggerUrl(readsWebhookId), {
		body: { event: 'verification_finished', id },
	});
	expect(answer.status).toBe(200);
	const done = await executionOfJob(readsRun.id, id);
	expect(await executionsOf(readsRun.id)).toHaveLength(before + 1);
	expect(triggerItems(done.data)).toEqual([
		expect.objectContaining({ jobId: id, valid: true, status: 'completed' }),
	]);
	const statuses = simulator
		.stats()
		.requests.filter((request) => request.method === 'GET')
		.map((read) => read.status);
	expect(statuses[0]).toBe(202);
	expect(statuses[statuses.length - 1]).toBe(200);
});

test('a forged notification for a job Enrow does not know: 200 within the bound, nothing started', async () => {
	const before = (await executionsOf(readsRun.id)).length;
	const sentAt = Date.now();
	const forged = await n8n.api.request('POST', triggerUrl(readsWebhookId), {
		body: { event: 'bulk_verification_finished', id: randomUUID() },
	});
	const answeredAfterMs = Date.now() - sentAt;
	expect(forged.status).toBe(200);
	expect(forged.body).toEqual(NOT_STARTED);
	expect(answeredAfterMs).toBeLessThan(10_000);
	const reads = simulator.stats().requests.filter((request) => request.method === 'GET');
	expect(reads.map((read) => read.status)).toEqual([400, 400, 400, 400]);
	expect(await executionsOf(readsRun.id)).toHaveLength(before);
});

test('a secret with + works whether the URL Enrow calls writes + as is or as %2B', async () => {
	const before = (await executionsOf(secretRun.id)).length;
	const asIs = `${triggerUrl(secretWebhookId)}?token=${SECRET}`;
	const encoded = `${triggerUrl(secretWebhookId)}?token=${encodeURIComponent(SECRET)}`;
	const ids = [await startVerification(true, asIs), await startVerification(true, encoded)];
	simulator.completeAllJobs();

	const answered = await deliveries(2);
	expect(Object.fromEntries(answered.map((delivery) => [delivery.url, delivery.status]))).toEqual({
		[asIs]: 200,
		[encoded]: 200,
	});
	for (const id of ids) expect((await executionOfJob(secretRun.id, id)).status).toBe('success');
	expect(await executionsOf(secretRun.id)).toHaveLength(before + 2);

	const wrong = await n8n.api.request(
		'POST',
		`${triggerUrl(secretWebhookId)}?token=${SECRET.replace(/\+/g, '-')}`,
		{ body: { event: 'bulk_verification_finished', id: ids[0] } },
	);
	expect(wrong.status).toBe(401);
	expect(wrong.body).toEqual({ message: 'Invalid or missing token' });
});
