/**
 * Issue 25 in a real n8n 2.41.1, where n8n itself decides: Retry On Fail re-running a node, the
 * error output while a run is paused, a transient "unknown job" read, a callback Enrow's API
 * cannot confirm at once, a late callback meeting a later Wait node, a pause whose deadline
 * passes, and the workflow's own timeout during polling. None may charge twice or lose a result.
 */
import { type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { nodeOutput } from '../../scripts/e2e/runData';
import { type Simulator } from '../../simulator';
import { expectEveryItemTimedOut } from '../support/expectedItems';
import { startSuite, stopSuite, waitForRunEnd } from './support/suite';
import {
	enrowCredential,
	enrowNode,
	linearWorkflow,
	noOp,
	vecCredential,
	vecNode,
	waitForResumeCall,
	webhookTrigger,
	withOutputs,
	type NodeFixture,
} from './support/workflows';

let simulator: Simulator;
let n8n: N8nInstance;

const splitEmails: NodeFixture = {
	name: 'One Item per Address',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'body.emails', options: {} },
};
const email = '={{ $json["body.emails"] }}';
const verifyBulk = (extra: Record<string, unknown>) =>
	enrowNode({
		resource: 'emailVerifier',
		operation: 'verifyBulk',
		email,
		simplify: true,
		options: {},
		...extra,
	});

const workflows = {
	retryPoll: linearWorkflow('e2eNeverTwice01', 'E2E retry poll timeout', [
		webhookTrigger('e2e-retry-poll'),
		splitEmails,
		{
			...verifyBulk({ waitMode: 'poll', pollIntervalSeconds: 1, timeoutMinutes: 0.05 }),
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 0,
		},
	]),
	retryVec: linearWorkflow('e2eNeverTwice02', 'E2E retry ValidEmailChecker', [
		webhookTrigger('e2e-retry-vec'),
		splitEmails,
		{
			...vecNode({
				resource: 'email',
				operation: 'verify',
				email,
				options: { concurrency: 1 },
			}),
			onError: 'continueRegularOutput',
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 0,
		},
	]),
	pausedErrorOutput: withOutputs(
		linearWorkflow('e2eNeverTwice03', 'E2E paused with error output', [
			webhookTrigger('e2e-paused-error-output'),
			splitEmails,
			{
				...verifyBulk({ waitMode: 'webhook', timeoutMinutes: 30 }),
				onError: 'continueErrorOutput',
			},
		]),
		'Enrow',
		[noOp('Results'), noOp('Failed')],
	),
	transientRead: linearWorkflow('e2eNeverTwice04', 'E2E transient unknown-job read', [
		webhookTrigger('e2e-transient-read'),
		splitEmails,
		verifyBulk({ waitMode: 'poll', pollIntervalSeconds: 1 }),
	]),
	lagOnCallback: linearWorkflow('e2eNeverTwice05', 'E2E callback read lag', [
		webhookTrigger('e2e-callback-lag'),
		splitEmails,
		verifyBulk({ waitMode: 'webhook', timeoutMinutes: 30 }),
	]),
	lateCallback: linearWorkflow('e2eNeverTwice06', 'E2E late callback and a Wait node', [
		webhookTrigger('e2e-late-callback'),
		splitEmails,
		verifyBulk({ waitMode: 'webhook', timeoutMinutes: 30 }),
		{ ...waitForResumeCall(), name: 'Manager Approval' },
		noOp('Approved'),
	]),
	deadline: linearWorkflow('e2eNeverTwice07', 'E2E pause deadline', [
		webhookTrigger('e2e-pause-deadline'),
		splitEmails,
		verifyBulk({ waitMode: 'webhook', timeoutMinutes: 0.02 }),
	]),
	workflowTimeout: {
		...linearWorkflow('e2eNeverTwice08', 'E2E workflow timeout while polling', [
			webhookTrigger('e2e-workflow-timeout'),
			splitEmails,
			verifyBulk({ waitMode: 'poll', pollIntervalSeconds: 1 }),
		]),
		settings: { executionOrder: 'v1', executionTimeout: 4 },
	},
};

const addresses = ['pam@dundermifflin.com', 'bounce@dundermifflin.com', 'jim@dundermifflin.com'];
const start = async (path: string, emails: string[] = addresses) =>
	expect((await n8n.api.callWebhook(path, { body: { emails } })).status).toBe(200);
const jobDuration = (bulkBase: number) =>
	simulator.configure({ enrow: { jobDurationMs: { bulkBase, bulkPerRow: 0 } } });

/** The run ended in success with the three addresses verified valid, invalid, valid. */
function expectThreeVerified(done: Awaited<ReturnType<typeof waitForRunEnd>>) {
	expect(done.status).toBe('success');
	expect(nodeOutput(done.data, 'Enrow').map((item) => item.json.valid)).toEqual([
		true,
		false,
		true,
	]);
}

beforeAll(async () => {
	({ simulator, n8n } = await startSuite({
		name: 'never-pay-twice',
		simulatorConfig: { vec: { latencyMs: { min: 0, max: 0 } } },
		credentials: (url) => [enrowCredential(url), vecCredential(url)],
		workflows: () => Object.values(workflows),
	}));
});

afterAll(() => stopSuite(simulator));

beforeEach(() => {
	simulator.reset();
	simulator.configure({ enrow: { webhookDelayMs: 0 } });
	jobDuration(1000);
});

test('Retry On Fail after a poll timeout reads the same Enrow job: one job, paid once', async () => {
	// Each try waits 3 s; the job needs 5: n8n's second try sees it finish.
	jobDuration(5000);
	await start('e2e-retry-poll');
	const done = await waitForRunEnd(n8n, workflows.retryPoll.id);

	expect(done.status).toBe('success');
	expect(simulator.stats().jobsCreated).toBe(1);
	expect(simulator.stats().requestsByRoute['POST /email/verify/bulk']).toBe(1);
	expect(nodeOutput(done.data, 'Enrow').map((item) => item.json.status)).toEqual([
		'completed',
		'completed',
		'completed',
	]);
	expect(simulator.stats().credits.charged).toBe(0.75);
});

test('Retry On Fail with ValidEmailChecker verifies only what the first try did not', async () => {
	// The first address is refused once; with On Error "Continue" n8n retries the whole node.
	simulator.addFault({
		match: { path: '/api/verify-single' },
		type: 'status',
		status: 400,
		body: { error: 'Email is required' },
	});
	await start('e2e-retry-vec');
	const done = await waitForRunEnd(n8n, workflows.retryVec.id);

	expect(done.status).toBe('success');
	const out = nodeOutput(done.data, 'ValidEmailChecker').map((item) => item.json);
	expect(out.map((json) => json.email)).toEqual(addresses);
	expect(out.every((json) => json.error === undefined)).toBe(true);
	// Try 1: all three (the first refused); try 2: the first only.
	expect(simulator.stats().requestsByRoute['POST /api/verify-single']).toBe(4);
});

test('Pause and resume with On Error "Continue (using error output)" resumes with every item', async () => {
	jobDuration(4000);
	await start('e2e-paused-error-output', [...addresses, '']);
	const waiting = await n8n.api.waitForExecution({
		workflowId: workflows.pausedErrorOutput.id,
		status: 'waiting',
	});
	const done = await waitForRunEnd(n8n, workflows.pausedErrorOutput.id);

	expect(done.id).toBe(waiting.id);
	expect(done.status).toBe('success');
	const results = nodeOutput(done.data, 'Results').map((item) => [
		item.json.email,
		item.json.valid,
	]);
	expect(results).toEqual([
		['pam@dundermifflin.com', true],
		['bounce@dundermifflin.com', false],
		['jim@dundermifflin.com', true],
	]);
	const failed = nodeOutput(done.data, 'Failed').map((item) => item.json);
	expect(failed).toHaveLength(1);
	expect(String(failed[0].error)).toMatch(/Email of item 3 is empty/);
	const [delivery] = simulator.stats().webhookDeliveries;
	expect(delivery.status).toBe(200);
});

test('a transient "unknown job" answer while polling does not lose the job', async () => {
	simulator.addFault({
		type: 'status',
		status: 400,
		body: { message: 'Could not retrieve bulk verification results' },
		match: { method: 'GET', path: '/email/verify/bulk' },
	});
	await start('e2e-transient-read');
	const done = await waitForRunEnd(n8n, workflows.transientRead.id);

	expectThreeVerified(done);
	expect(simulator.stats().jobsCreated).toBe(1);
});

test("a callback Enrow's API cannot confirm at once (read lag) still resumes the run", async () => {
	jobDuration(4000);
	await start('e2e-callback-lag');
	await n8n.api.waitForExecution({ workflowId: workflows.lagOnCallback.id, status: 'waiting' });
	// Once paused: the reads right after Enrow's callback still say "ongoing".
	simulator.addFault({
		type: 'status',
		status: 200,
		body: { general: { status: 'ongoing' }, stats: { finished: 2, requested: 3 } },
		match: { method: 'GET', path: '/email/verify/bulk' },
		times: 3,
	});
	const done = await waitForRunEnd(n8n, workflows.lagOnCallback.id);

	expectThreeVerified(done);
});

test("a late Enrow callback cannot resume a later Wait node's pause", async () => {
	// Done within the node's reads before it would pause; Enrow's callback comes 4 s later.
	jobDuration(300);
	simulator.configure({ enrow: { webhookDelayMs: 4000 } });
	await start('e2e-late-callback');
	const waiting = await n8n.api.waitForExecution({
		workflowId: workflows.lateCallback.id,
		status: 'waiting',
	});
	expect(nodeOutput(waiting.data, 'Enrow')).toHaveLength(3);

	const deadline = Date.now() + 15_000;
	while (simulator.stats().webhookDeliveries.length === 0 && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 200));
	const [delivery] = simulator.stats().webhookDeliveries;
	expect(delivery.status).toBe(404);
	const after = await n8n.api.getExecution(waiting.id);
	expect(after.status).toBe('waiting');
	expect(Object.keys(after.data?.resultData.runData ?? {})).not.toContain('Approved');
});

test('a pause whose Timeout passes ends with items that say they have no result', async () => {
	jobDuration(600_000);
	await start('e2e-pause-deadline');
	const waiting = await n8n.api.waitForExecution({
		workflowId: workflows.deadline.id,
		status: 'waiting',
	});
	const [job] = simulator.stats().jobs;
	// n8n checks paused executions' deadlines once a minute.
	const done = await waitForRunEnd(n8n, workflows.deadline.id, 150_000);

	expect(done.id).toBe(waiting.id);
	const out = nodeOutput(done.data, 'Enrow').map((item) => item.json);
	expect(out).toHaveLength(3);
	expectEveryItemTimedOut(out, job.id);
});

test("the workflow's own timeout while polling leaves the paid job's ID in the execution", async () => {
	jobDuration(600_000);
	await start('e2e-workflow-timeout');
	const done = await n8n.api.waitForExecution({
		workflowId: workflows.workflowTimeout.id,
		status: ['success', 'error', 'canceled', 'crashed'],
		timeoutMs: 60_000,
	});

	expect(done.status).not.toBe('success');
	const [job] = simulator.stats().jobs;
	expect(done.customData).toEqual(expect.objectContaining({ enrowJobs0: job.id }));
});
