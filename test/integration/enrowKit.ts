import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { EnrowApi } from '../../credentials/EnrowApi.credentials';
import { Enrow } from '../../nodes/Enrow/Enrow.node';
import { startSimulator, type Simulator, type SimulatorConfigPatch } from '../../simulator';
import { runNode, type RunNodeResult } from '../harness';

export const ENROW_KEY = 'sim-enrow-key';

/** Fast jobs, so a test waits a few hundred milliseconds rather than seconds. */
export const FAST_JOBS: SimulatorConfigPatch = {
	enrow: { jobDurationMs: { single: 300, bulkBase: 400, bulkPerRow: 0 } },
};

export async function startFastSimulator(patch: SimulatorConfigPatch = {}): Promise<Simulator> {
	const simulator = await startSimulator({ config: FAST_JOBS });
	simulator.configure(patch);
	return simulator;
}

/**
 * For a test file or describe block: a fast simulator started before its tests (handed to
 * `receive`), reset before each test, closed after them.
 */
export function useFastSimulator(receive: (simulator: Simulator) => void): void {
	let simulator: Simulator;
	beforeAll(async () => {
		simulator = await startFastSimulator();
		receive(simulator);
	});
	beforeEach(() => simulator.reset());
	afterAll(async () => await simulator.close());
}

/** The body of every POST the simulator received (job starts), in order. */
export function postedBodies(simulator: Simulator): IDataObject[] {
	return simulator
		.stats()
		.requests.filter((request) => request.method === 'POST')
		.map((request) => request.body as IDataObject);
}

export interface EnrowRunOptions {
	input?: IDataObject[];
	continueOnFail?: boolean;
	/** The node's "On Error" setting, e.g. 'continueErrorOutput'. */
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	apiKey?: string;
}

/** Runs the Enrow node's real execute() inside n8n-core, against the simulator over HTTP. */
export async function runEnrow(
	simulator: Simulator,
	parameters: INodeParameters,
	options: EnrowRunOptions = {},
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new Enrow(),
		parameters: { pollIntervalSeconds: 0.3, ...parameters },
		credentials: {
			enrowApi: { apiKey: options.apiKey ?? ENROW_KEY, baseUrl: `${simulator.url}/` },
		},
		credentialTypes: [new EnrowApi()],
		input: options.input,
		continueOnFail: options.continueOnFail,
		nodeOverrides: options.onError ? { onError: options.onError } : undefined,
	});
}

export function jsonOf(result: RunNodeResult): IDataObject[] {
	return result.output.map((item) => item.json);
}

export function pairedIndexes(result: RunNodeResult): unknown[] {
	return result.output.map((item) => (item.pairedItem as { item: number }).item);
}

/** Every request body and the node's whole output and error, as one string to search for secrets. */
export function everythingVisible(result: RunNodeResult): string {
	const error = result.error as (Error & { description?: string }) | undefined;
	return JSON.stringify([
		result.output,
		error?.message,
		error?.description,
		result.taskError,
		result.runExecutionData,
	]);
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
