/**
 * Issue 18 in a real n8n 2.41.1: "Pause and resume when Enrow calls back" never strands an
 * execution. n8n answers 409 to a resume call that comes while the execution still runs, two
 * resume calls at once race inside n8n, a loop pauses once per batch, and Enrow may deliver a
 * notification twice: only a real n8n shows what happens then.
 */
import { randomUUID } from 'crypto';

import { type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { nodeOutput } from '../../scripts/e2e/runData';
import { type Simulator } from '../../simulator';
import { runFromWebhook, startSuite, stopSuite, waitForRunEnd } from './support/suite';
import {
	addresses,
	enrowCredential,
	enrowNode,
	enrowTriggerWorkflow,
	manualRunWorkflow,
	noOp,
	verifyOnCallbackWorkflow,
	webhookTrigger,
} from './support/workflows';

let simulator: Simulator;
let n8n: N8nInstance;

/** An Enrow credential on Enrow's own Base URL, which cannot reach a localhost n8n. */
const ENROW_REAL_URL_CREDENTIAL = { id: 'e2eEnrowRealUrl1', name: 'Enrow (real URL)' };

const fastRun = verifyOnCallbackWorkflow('e2eStranding001', 'e2e-fast-job');
const threeJobs = verifyOnCallbackWorkflow('e2eStranding002', 'e2e-three-at-once');

/** Webhook → one item per address → Loop Over Items (2 a batch) → Enrow, paused per batch → loop. */
const loopWebhookId = randomUUID();
const loopRun = {
	id: 'e2eStranding003',
	name: 'E2E loop over items, paused per batch',
	nodes: [
		{ ...webhookTrigger('e2e-loop'), webhookId: loopWebhookId },
		{
			name: 'One Item per Address',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.emails', options: {} },
		},
		{
			name: 'Loop Over Items',
			type: 'n8n-nodes-base.splitInBatches',
			typeVersion: 3,
			parameters: { batchSize: 2, options: {} },
		},
		enrowNode({
			resource: 'emailVerifier',
			operation: 'verifyBulk',
			email: '={{ $json["body.emails"] }}',
			waitMode: 'webhook',
			timeoutMinutes: 30,
			options: {},
		}),
		noOp('All batches done'),
	].map((node, index) => ({ id: randomUUID(), position: [index * 220, 0], ...node })),
	connections: {
		Webhook: { main: [[{ node: 'One Item per Address', type: 'main', index: 0 }]] },
		'One Item per Address': { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] },
		'Loop Over Items': {
			main: [
				[{ node: 'All batches done', type: 'main', index: 0 }],
				[{ node: 'Enrow', type: 'main', index: 0 }],
			],
		},
		Enrow: { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

const triggerWebhookId = randomUUID();
const triggerRun = enrowTriggerWorkflow(
	'e2eStranding004',
	'E2E Enrow Trigger, notifications twice',
	triggerWebhookId,
);

beforeAll(async () => {
	({ simulator, n8n } = await startSuite({
		name: 'webhook-stranding',
		credentials: (url) => [
			enrowCredential(url),
			{ ...enrowCredential('https://api.enrow.io'), ...ENROW_REAL_URL_CREDENTIAL },
		],
		workflows: () => [fastRun, threeJobs, loopRun, triggerRun],
	}));
});

afterAll(async () => await stopSuite(simulator));

beforeEach(() => simulator.reset());

test('a job that finishes 0.1 s after it starts, and calls back at once, still gives its results', async () => {
	simulator.configure({ enrow: { jobDurationMs: { bulkBase: 100, bulkPerRow: 0 } } });
	const emails = ['pam@dundermifflin.com', 'bounce@dundermifflin.com'];
	expect((await n8n.api.callWebhook('e2e-fast-job', { body: { emails } })).status).toBe(200);

	const done = await n8n.api.waitForExecution({
		workflowId: fastRun.id,
		status: ['success', 'error', 'waiting'],
	});
	expect(done.status).toBe('success');
	// Enrow's call came while the execution still ran: n8n refused it (409), and the run did not need it.
	const [delivery] = simulator.stats().webhookDeliveries;
	expect(delivery.status).toBe(409);
	const out = nodeOutput(done.data, 'Enrow').map((item) => item.json);
	expect(out).toEqual([
		expect.objectContaining({ email: 'pam@dundermifflin.com', valid: true, status: 'completed' }),
		expect.objectContaining({
			email: 'bounce@dundermifflin.com',
			valid: false,
			status: 'completed',
		}),
	]);
});

test('three jobs that finish and call back at the same moment resume the execution exactly once', async () => {
	simulator.configure({ enrow: { jobDurationMs: { bulkBase: 5000, bulkPerRow: 0 } } });
	const emails = addresses(10_001);
	expect((await n8n.api.callWebhook('e2e-three-at-once', { body: { emails } })).status).toBe(200);
	const waiting = await n8n.api.waitForExecution({ workflowId: threeJobs.id, status: 'waiting' });
	expect(simulator.stats().jobs).toHaveLength(3);

	const done = await waitForRunEnd(n8n, threeJobs.id);
	expect(done.id).toBe(waiting.id);
	expect(done.status).toBe('success');
	const deliveries = simulator.stats().webhookDeliveries;
	expect(deliveries).toHaveLength(3);
	// One resumed it; n8n answered the others itself (500 while resuming, or 409 after).
	expect(deliveries.filter((delivery) => delivery.status === 200)).toHaveLength(1);
	const executions = await n8n.api.listExecutions({ workflowId: threeJobs.id });
	expect(executions).toHaveLength(1);
	expect(nodeOutput(done.data, 'Enrow')).toHaveLength(10_001);
});

test("a localhost resume URL against Enrow's own Base URL starts nothing and says how to fix it", async () => {
	const workflow = manualRunWorkflow(
		'e2eStranding005',
		'E2E unreachable resume URL',
		[{ email: 'pam@dundermifflin.com' }],
		{
			...enrowNode({
				resource: 'emailVerifier',
				operation: 'verifyBulk',
				email: '={{ $json.email }}',
				waitMode: 'webhook',
				options: {},
			}),
			credentials: { enrowApi: ENROW_REAL_URL_CREDENTIAL },
		},
	);
	await n8n.importWorkflow(workflow);
	const run = await n8n.executeWorkflow(workflow.id);
	const error = run.data.resultData.error as { message?: string; description?: string } | undefined;
	expect(error?.message).toBe(
		'Enrow cannot call this n8n back: its resume URL is not public HTTPS',
	);
	expect(error?.description).toMatch(
		/^The resume URL http:\/\/127\.0\.0\.1:\d+\/webhook-waiting\/.* cannot be reached from the internet \(it is not HTTPS\)\. .*Set n8n's WEBHOOK_URL/,
	);
	expect(simulator.stats().requests).toEqual([]);
});

test('inside Loop Over Items, each batch pauses and resumes with its own job', async () => {
	simulator.configure({ enrow: { jobDurationMs: { bulkBase: 3000, bulkPerRow: 0 } } });
	const emails = addresses(6);
	const done = await runFromWebhook(n8n, 'e2e-loop', { emails }, loopRun.id, 180_000);
	expect(done.status).toBe('success');
	const jobs = simulator.stats().jobs;
	expect(jobs.map((job) => job.rows)).toEqual([2, 2, 2]);
	expect(simulator.stats().webhookDeliveries.map((delivery) => delivery.status)).toEqual([
		200, 200, 200,
	]);
	const all = nodeOutput(done.data, 'All batches done').map((item) => item.json);
	expect(all.map((json) => json.email)).toEqual(emails);
	expect(new Set(all.map((json) => json.jobId))).toEqual(new Set(jobs.map((job) => job.id)));
	expect(all.every((json) => json.status === 'completed')).toBe(true);
});

test('the Enrow Trigger starts its workflow once for a notification delivered twice, or twice at once', async () => {
	simulator.configure({ enrow: { jobDurationMs: { bulkBase: 200, bulkPerRow: 0 } } });
	const triggerUrl = `${n8n.baseUrl}webhook/${triggerWebhookId}/webhook`;
	const startJob = async () => {
		const started = await fetch(`${simulator.url}/email/verify/bulk`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': 'sim-enrow-key' },
			body: JSON.stringify({ verifications: ['a@acme-corp.com', 'b@acme-corp.com'] }),
		});
		simulator.completeAllJobs();
		return ((await started.json()) as { id: string }).id;
	};
	const deliver = async (id: string) =>
		await n8n.api.request('POST', triggerUrl, {
			body: { event: 'bulk_verification_finished', id },
		});

	const once = await startJob();
	expect((await deliver(once)).status).toBe(200);
	await waitForRunEnd(n8n, triggerRun.id);
	expect((await deliver(once)).status).toBe(200);

	const atOnce = await startJob();
	const answers = await Promise.all([deliver(atOnce), deliver(atOnce)]);
	expect(answers.map((answer) => answer.status)).toEqual([200, 200]);

	await new Promise((resolve) => setTimeout(resolve, 3000));
	const executions = await n8n.api.listExecutions({ workflowId: triggerRun.id, includeData: true });
	const jobIds = executions.map(
		(execution) => nodeOutput(execution.data, 'Enrow Trigger')[0]?.json.jobId,
	);
	expect(jobIds.sort()).toEqual([once, atOnce].sort());
});
