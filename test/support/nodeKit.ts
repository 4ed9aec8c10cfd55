/**
 * The one test kit for the three nodes: a simulator for a test file, and a run of the Enrow node,
 * the ValidEmailChecker node or the Enrow Trigger inside n8n-core (test/harness) against it, with
 * a credential pointing at it. The suites' own kits (test/integration/enrowKit.ts,
 * test/validEmailChecker/vecRun.ts, test/reliability/support/kit.ts) add their keys and defaults.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { EnrowApi } from '../../credentials/EnrowApi.credentials';
import { ValidEmailCheckerApi } from '../../n8n-nodes-validemailchecker/credentials/ValidEmailCheckerApi.credentials';
import { ValidEmailChecker } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node';
import { Enrow } from '../../nodes/Enrow/Enrow.node';
import { EnrowTrigger } from '../../nodes/EnrowTrigger/EnrowTrigger.node';
import type { Simulator, SimulatorConfigPatch } from '../../simulator';
import {
	runNode,
	runTriggerWebhook,
	type RunNodeOptions,
	type RunNodeResult,
	type RunTriggerWebhookOptions,
	type RunTriggerWebhookResult,
} from '../harness';
import { forgetPacers } from './injected';

/**
 * The simulator back to `patches` applied in order (config, then balances, jobs, faults and
 * counters reset), and both nodes' pacers forgotten: the reset made their pace untrue (a case's
 * 429s would slow the next one).
 */
export function resetSimulatorTo(simulator: Simulator, ...patches: SimulatorConfigPatch[]): void {
	for (const patch of patches) simulator.configure(patch);
	simulator.reset();
	forgetPacers();
}

export interface SimulatorUse {
	start: () => Promise<Simulator>;
	/** Before each test (default: resetSimulatorTo with no patch); false: nothing. */
	eachTest?: ((simulator: Simulator) => void) | false;
}

/**
 * For a test file or describe block: a simulator started before its tests (handed to `receive`),
 * reset before each test, closed after them.
 */
export function useSimulator(receive: (simulator: Simulator) => void, use: SimulatorUse): void {
	let simulator: Simulator;
	beforeAll(async () => {
		simulator = await use.start();
		receive(simulator);
	});
	const eachTest = use.eachTest ?? ((started: Simulator) => resetSimulatorTo(started));
	if (eachTest) beforeEach(() => eachTest(simulator));
	afterAll(async () => await simulator.close());
}

/** How a node runs, beside its parameters. */
export interface NodeRun {
	apiKey: string;
	/** Default: the simulator. */
	baseUrl?: string;
	input?: IDataObject[];
	continueOnFail?: boolean;
	/** The node's "On Error" setting, e.g. 'continueErrorOutput'. */
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	/** Other node settings, e.g. Retry On Fail: `{ retryOnFail: true, maxTries: 3 }`. */
	nodeOverrides?: RunNodeOptions['nodeOverrides'];
}

function nodeSettings(run: NodeRun): RunNodeOptions['nodeOverrides'] {
	if (!run.onError && !run.nodeOverrides) return undefined;
	return { ...(run.onError ? { onError: run.onError } : {}), ...run.nodeOverrides };
}

/** The Enrow node's real execute() against the simulator over HTTP. */
export async function runEnrowNode(
	simulator: Simulator,
	parameters: INodeParameters,
	run: NodeRun,
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new Enrow(),
		parameters,
		credentials: { enrowApi: { apiKey: run.apiKey, baseUrl: run.baseUrl ?? `${simulator.url}/` } },
		credentialTypes: [new EnrowApi()],
		input: run.input,
		continueOnFail: run.continueOnFail,
		nodeOverrides: nodeSettings(run),
	});
}

/** The ValidEmailChecker node's real execute() against the simulator over HTTP. */
export async function runVecNode(
	simulator: Simulator,
	parameters: INodeParameters,
	run: NodeRun,
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new ValidEmailChecker(),
		parameters: { resource: 'email', operation: 'verify', ...parameters },
		credentials: {
			validEmailCheckerApi: { apiKey: run.apiKey, baseUrl: run.baseUrl ?? simulator.url },
		},
		credentialTypes: [new ValidEmailCheckerApi()],
		input: run.input,
		continueOnFail: run.continueOnFail,
		nodeOverrides: nodeSettings(run),
	});
}

/** A call to the Enrow Trigger's production URL, as n8n 2.41 handles it. */
export async function callEnrowTrigger(
	simulator: Simulator,
	parameters: INodeParameters,
	request: Omit<RunTriggerWebhookOptions, 'nodeType' | 'parameters'>,
	credential: { apiKey: string; baseUrl?: string },
): Promise<RunTriggerWebhookResult> {
	return await runTriggerWebhook({
		nodeType: new EnrowTrigger(),
		parameters,
		credentials: {
			enrowApi: { apiKey: credential.apiKey, baseUrl: credential.baseUrl ?? `${simulator.url}/` },
		},
		credentialTypes: [new EnrowApi()],
		...request,
	});
}

export function jsonOf(result: { output: INodeExecutionData[] }): IDataObject[] {
	return result.output.map((item) => item.json);
}

export function pairedIndexes(result: { output: INodeExecutionData[] }): number[] {
	return result.output.map((item) => (item.pairedItem as { item: number }).item);
}

/** The body of every POST the simulator received (job starts), in order. */
export function postedBodies(simulator: Simulator): IDataObject[] {
	return simulator
		.stats()
		.requests.filter((request) => request.method === 'POST')
		.map((request) => request.body as IDataObject);
}

/**
 * The account's balance as the node reads it before a run of several jobs: enough, although the
 * credits then run out part-way (another workflow spent them meanwhile). How a 402 can still
 * come in the middle of a run that the credit guard let start.
 */
export function balanceReadsAsEnough(simulator: Simulator): void {
	simulator.addFault({
		type: 'status',
		status: 200,
		body: { credits: 1_000_000, webhooks: [] },
		match: { method: 'GET', path: '/account/info' },
	});
}
