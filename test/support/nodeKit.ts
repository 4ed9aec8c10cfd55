/**
 * The one test kit for the three nodes: a simulator for a test file, and a run of a node inside
 * n8n-core (test/harness) against it, with a credential pointing at it: the ValidEmailChecker
 * node here, the Enrow node and the Enrow Trigger in enrowNodeKit.ts (this file holds no Enrow
 * code, so that the ValidEmailChecker package's standalone export takes it with its tests). The
 * suites' own kits (test/integration/enrowKit.ts, test/validEmailChecker/vecRun.ts,
 * test/reliability/support/kit.ts) add their keys and defaults.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ValidEmailCheckerApi } from '../../n8n-nodes-validemailchecker/credentials/ValidEmailCheckerApi.credentials';
import { ValidEmailChecker } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node';
import type { Simulator, SimulatorConfigPatch } from '../../simulator';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../harness';
import { forgetPacers } from './injectedShared';

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

export function nodeSettings(run: NodeRun): RunNodeOptions['nodeOverrides'] {
	if (!run.onError && !run.nodeOverrides) return undefined;
	return { ...(run.onError ? { onError: run.onError } : {}), ...run.nodeOverrides };
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
