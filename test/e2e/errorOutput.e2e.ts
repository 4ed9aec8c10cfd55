/**
 * n8n decides where a failed item goes, so both of its "On Error → Continue" settings are checked
 * in a real n8n 2.41.1, for both packages: with "Continue (using error output)" every failed item,
 * and only those, lands on the node's error output (with its input fields); with "Continue" every
 * item stays on the main output, the failed ones carrying `error`.
 */
import { type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { nodeOutput } from '../../scripts/e2e/runData';
import { type Simulator } from '../../simulator';
import { executeToEnd } from './support/executeRun';
import { prepareSuite, stopSuite } from './support/suite';
import {
	bothCredentials,
	enrowNode,
	manualRunWorkflow,
	noOp,
	vecNode,
	withOutputs,
	type NodeFixture,
} from './support/workflows';

let simulator: Simulator;
let n8n: N8nInstance;

beforeAll(async () => {
	({ simulator, n8n } = await prepareSuite({
		name: 'error-output',
		simulatorConfig: {
			enrow: { jobDurationMs: { single: 300, bulkBase: 500, bulkPerRow: 0 } },
			vec: { latencyMs: { min: 0, max: 0 } },
		},
		credentials: bothCredentials,
	}));
});

afterAll(async () => await stopSuite(simulator));

/** Two leads: the first has an address, the second none (an input error for that item only). */
const leads = [
	{ crmId: 'lead-1', email: 'pam.beesly@dundermifflin.com' },
	{ crmId: 'lead-2', email: '' },
];

const nodes: Record<string, (onError: string) => NodeFixture> = {
	Enrow: (onError) => ({
		...enrowNode({
			resource: 'emailVerifier',
			operation: 'verify',
			email: '={{ $json.email }}',
			waitMode: 'poll',
			pollIntervalSeconds: 1,
			options: {},
		}),
		onError,
	}),
	ValidEmailChecker: (onError) => ({
		...vecNode({
			resource: 'email',
			operation: 'verify',
			email: '={{ $json.email }}',
			options: {},
		}),
		onError,
	}),
};

let sequence = 0;
async function run(nodeName: string, onError: string, outputs: string[]) {
	const id = `e2eErrOut${String(++sequence).padStart(5, '0')}`;
	const node = nodes[nodeName](onError);
	const workflow = withOutputs(
		manualRunWorkflow(id, `E2E ${nodeName} ${onError}`, leads, node),
		node.name,
		outputs.map(noOp),
	);
	const result = await executeToEnd(n8n, workflow);
	return (name: string) => nodeOutput(result.data, name).map((item) => item.json);
}

describe.each(Object.keys(nodes))('%s node', (nodeName) => {
	test('"Continue (using error output)": the failed item, and only it, goes down the error output', async () => {
		const landed = await run(nodeName, 'continueErrorOutput', ['Verified', 'Failed']);

		const verified = landed('Verified');
		expect(verified).toHaveLength(1);
		expect(verified[0]).not.toHaveProperty('error');

		const failed = landed('Failed');
		expect(failed).toEqual([
			expect.objectContaining({
				crmId: 'lead-2',
				error: 'Email of item 1 is empty',
				message: expect.stringContaining('"Email" is required'),
			}),
		]);
	});

	test('"Continue": every item stays on the main output, the failed one with its error', async () => {
		const landed = await run(nodeName, 'continueRegularOutput', ['All']);

		const all = landed('All');
		expect(all).toHaveLength(2);
		expect(all[0]).not.toHaveProperty('error');
		expect(all[1]).toEqual(
			expect.objectContaining({
				error: 'Email of item 1 is empty',
				errorDescription: expect.stringContaining('"Email" is required'),
			}),
		);
	});
});
