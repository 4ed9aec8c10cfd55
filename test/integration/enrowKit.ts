import type { INodeParameters } from 'n8n-workflow';

import { startSimulator, type Simulator, type SimulatorConfigPatch } from '../../simulator';
import type { RunNodeResult } from '../harness';
import { runEnrowNode } from '../support/enrowNodeKit';
import { resetSimulatorTo, useSimulator, type NodeRun } from '../support/nodeKit';

export { balanceReadsAsEnough } from '../support/enrowNodeKit';
export { jsonOf, pairedIndexes, postedBodies } from '../support/nodeKit';

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
 * `receive`), reset before each test (then `eachTest` applied), closed after them.
 */
export function useFastSimulator(
	receive: (simulator: Simulator) => void,
	eachTest: SimulatorConfigPatch = {},
): void {
	useSimulator(receive, {
		start: startFastSimulator,
		eachTest: (simulator) => resetSimulatorTo(simulator, eachTest),
	});
}

export type EnrowRunOptions = Omit<NodeRun, 'apiKey' | 'baseUrl' | 'nodeOverrides'> & {
	apiKey?: string;
};

/** Runs the Enrow node's real execute() inside n8n-core, against the simulator over HTTP. */
export async function runEnrow(
	simulator: Simulator,
	parameters: INodeParameters,
	options: EnrowRunOptions = {},
): Promise<RunNodeResult> {
	return await runEnrowNode(
		simulator,
		{ pollIntervalSeconds: 0.3, ...parameters },
		{ ...options, apiKey: options.apiKey ?? ENROW_KEY },
	);
}

/** The Job ID of the first item of a run that started jobs ("Return Job ID Immediately"). */
export function jobIdOf(started: RunNodeResult): string {
	return String(started.output[0].json.jobId);
}

/** Get Result of one job: its resource's Get Result with this Job ID and Job Type. */
export async function getResult(
	simulator: Simulator,
	resource: string,
	jobId: string,
	jobType: 'single' | 'bulk',
): Promise<RunNodeResult> {
	return await runEnrow(simulator, { resource, operation: 'getResult', jobId, jobType });
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
