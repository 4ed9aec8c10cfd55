/**
 * Issue 24 in a real n8n 2.41.1, against the simulator on Enrow's newest docs revision (it
 * refuses the older `emails` key and `first_name`/`last_name`): bulk verification polled and
 * paused until Enrow calls back, a single verification paused (it starts a bulk job), phone
 * searches by name, single and bulk, and Get Result of each job, with the credits they cost.
 */
import { type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { nodeOutput } from '../../scripts/e2e/runData';
import { type Simulator } from '../../simulator';
import { executeToEnd } from './support/executeRun';
import { prepareSuite, stopSuite } from './support/suite';
import { reportTiming } from './support/timing';
import {
	enrowCredential,
	enrowNode,
	linearWorkflow,
	manualRunWorkflow,
	pollEveryOneSecond,
	webhookTrigger,
	type NodeFixture,
} from './support/workflows';

const addresses = ['pam@dundermifflin.com', 'bounce@dundermifflin.com', 'jim@dundermifflin.com'];
const people = [
	{ first: 'Pam', last: 'Beesly', domain: 'dundermifflin.com' },
	{ first: 'Nobody', last: 'Home', domain: 'dundermifflin.com' },
];

let simulator: Simulator;
let n8n: N8nInstance;

/**
 * Get Result of the job the item before it names (`jobId`), as a user chains the two: once per
 * item for single jobs; once for a bulk job (Settings → Execute Once), whose rows then all come
 * out with the first item.
 */
function getResult(resource: string, jobType: 'single' | 'bulk'): NodeFixture {
	return {
		...enrowNode(
			{ resource, operation: 'getResult', jobId: '={{ $json.jobId }}', jobType, simplify: true },
			'Get Result',
		),
		executeOnce: jobType === 'bulk',
	};
}

/** Rows as [key, verdict] pairs in a stable order: a bulk job's rows come back in Enrow's order. */
const sorted = (rows: unknown[][]) =>
	[...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

const byName = {
	resource: 'phoneFinder',
	findPersonBy: 'nameAndCompany',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	companyDomain: '={{ $json.domain }}',
};

const postedTo = (path: string) =>
	simulator
		.stats()
		.requests.filter((request) => request.method === 'POST' && request.path === path)
		.map((request) => request.body as Record<string, unknown>);

beforeAll(async () => {
	({ simulator, n8n } = await prepareSuite({
		name: 'api-revision',
		simulatorConfig: { enrow: { jobDurationMs: { single: 500, bulkBase: 1000, bulkPerRow: 0 } } },
		credentials: (url) => [enrowCredential(url)],
	}));
});

afterAll(async () => await stopSuite(simulator));

beforeEach(() => simulator.reset());

test('verify in bulk, polled, then Get Result of its job: `verifications` sent, 0.25 per address', async () => {
	const workflow = manualRunWorkflow(
		'e2eApiRevision01',
		'E2E verify bulk (poll)',
		addresses.map((email) => ({ email })),
		enrowNode({
			resource: 'emailVerifier',
			operation: 'verifyBulk',
			email: '={{ $json.email }}',
			...pollEveryOneSecond,
		}),
		getResult('emailVerifier', 'bulk'),
	);
	const run = await executeToEnd(n8n, workflow);

	const [sent] = postedTo('/email/verify/bulk');
	expect(sent.verifications).toEqual(addresses);
	expect(sent).not.toHaveProperty('emails');
	const verdicts = nodeOutput(run.data, 'Enrow').map((item) => [item.json.email, item.json.valid]);
	expect(verdicts).toEqual([
		['pam@dundermifflin.com', true],
		['bounce@dundermifflin.com', false],
		['jim@dundermifflin.com', true],
	]);
	// Get Result reads the same job for free: the same verdicts.
	const read = nodeOutput(run.data, 'Get Result').map((item) => [item.json.email, item.json.valid]);
	expect(sorted(read)).toEqual(sorted(verdicts));
	expect(simulator.stats().credits.charged).toBe(0.75);
	expect(simulator.stats().requestsByRoute['POST /email/verify/bulk']).toBe(1);
});

test('phone by name, single and bulk, polled, then Get Result: firstname/lastname sent, 40 per phone found', async () => {
	const phoneByName = (id: string, operation: 'find' | 'findBulk', jobType: 'single' | 'bulk') =>
		manualRunWorkflow(
			id,
			`E2E phone by name (${jobType})`,
			people,
			enrowNode({ ...byName, operation, ...pollEveryOneSecond }),
			getResult('phoneFinder', jobType),
		);
	const single = phoneByName('e2eApiRevision02', 'find', 'single');
	const bulk = phoneByName('e2eApiRevision03', 'findBulk', 'bulk');
	for (const workflow of [single, bulk]) {
		simulator.reset();
		const run = await executeToEnd(n8n, workflow);
		const found = nodeOutput(run.data, 'Enrow').map((item) => item.json.found);
		expect(found).toEqual([true, false]);
		expect(nodeOutput(run.data, 'Enrow')[0].json.number).toMatch(/^\+1570555\d{4}$/);
		const numbers = (node: string) =>
			nodeOutput(run.data, node)
				.map((item) => String(item.json.number))
				.sort();
		expect(numbers('Get Result')).toEqual(numbers('Enrow'));
		// One phone found: 40 credits on current plans; the other search was refunded.
		expect(simulator.stats().credits.charged).toBe(40);
	}
	const sentNames = (body: Record<string, unknown>) => ({
		firstname: body.firstname,
		lastname: body.lastname,
		first_name: body.first_name,
	});
	simulator.reset();
	await n8n.executeWorkflow(single.id);
	expect(postedTo('/phone/single').map(sentNames)).toEqual([
		{ firstname: 'Pam', lastname: 'Beesly', first_name: undefined },
		{ firstname: 'Nobody', lastname: 'Home', first_name: undefined },
	]);
});

describe('pause and resume when Enrow calls back', () => {
	const verifyPaused = (operation: 'verify' | 'verifyBulk', id: string, path: string) =>
		linearWorkflow(id, `E2E ${path}`, [
			webhookTrigger(path),
			{
				name: 'One Item per Address',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'body.emails', options: {} },
			},
			enrowNode({
				resource: 'emailVerifier',
				operation,
				email: '={{ $json["body.emails"] }}',
				waitMode: 'webhook',
				timeoutMinutes: 30,
				simplify: true,
				options: {},
			}),
			getResult('emailVerifier', 'bulk'),
		]);
	const single = verifyPaused('verify', 'e2eApiRevision04', 'e2e-revision-verify-single');
	const bulk = verifyPaused('verifyBulk', 'e2eApiRevision05', 'e2e-revision-verify-bulk');

	beforeAll(async () => {
		await n8n.importAndPublishWorkflow(single);
		await n8n.importAndPublishWorkflow(bulk);
		reportTiming('n8n start (api-revision suite)', await n8n.start());
	});

	it.each([
		['Verify an email', single, 'e2e-revision-verify-single'],
		['Verify emails in bulk', bulk, 'e2e-revision-verify-bulk'],
	])(
		'%s: the paused run is resumed by the callback with each verdict',
		async (_label, workflow, path) => {
			// Longer than the node's reads before it pauses, so the callback finds the execution waiting.
			simulator.configure({ enrow: { jobDurationMs: { bulkBase: 4000, bulkPerRow: 0 } } });
			expect((await n8n.api.callWebhook(path, { body: { emails: addresses } })).status).toBe(200);

			const waiting = await n8n.api.waitForExecution({
				workflowId: workflow.id,
				status: 'waiting',
			});
			const done = await n8n.api.waitForExecution({
				workflowId: workflow.id,
				status: ['success', 'error'],
			});
			expect(done.id).toBe(waiting.id);
			expect(done.status).toBe('success');

			// Pause and resume sends one bulk job, in the shape the API reads.
			const posted = postedTo('/email/verify/bulk');
			expect(posted).toHaveLength(1);
			expect(posted[0].verifications).toEqual(addresses);
			const out = nodeOutput(done.data, 'Enrow').map((item) => [item.json.email, item.json.valid]);
			expect(out).toEqual([
				['pam@dundermifflin.com', true],
				['bounce@dundermifflin.com', false],
				['jim@dundermifflin.com', true],
			]);
			const read = nodeOutput(done.data, 'Get Result').map((item) => [
				item.json.email,
				item.json.valid,
			]);
			expect(sorted(read)).toEqual(sorted(out));
			expect(simulator.stats().credits.charged).toBe(0.75);
		},
	);
});
