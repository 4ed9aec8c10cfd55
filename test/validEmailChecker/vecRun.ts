/**
 * Runs the real ValidEmailChecker node inside n8n-core (test/harness) against the API
 * simulator (simulator/), as the integration tests of this folder need it.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSimulator, type Simulator, type SimulatorConfigPatch } from '../../simulator';
import type { RunNodeResult } from '../harness';
import { resetSimulatorTo, runVecNode, useSimulator as useNodeSimulator } from '../support/nodeKit';

export const VEC_KEY = 'sim-vec-key';
export const VERIFY_ROUTE = 'POST /api/verify-single';

/** Each test starts from these, whatever an earlier test configured. */
export const BASELINE: SimulatorConfigPatch = {
	vec: {
		latencyMs: { min: 0, max: 0 },
		perMinuteLimit: 600,
		perDayLimit: 100_000,
		blockedIps: [],
		apiKeys: { [VEC_KEY]: { credits: 100_000, suspended: false } },
	},
};

/** The simulator back to BASELINE (plus `patch`), and the node's memory of each account's pace with it. */
export function resetSimulator(sim: Simulator, patch: SimulatorConfigPatch = {}): void {
	resetSimulatorTo(sim, BASELINE, patch);
}

/**
 * For a test file: starts a simulator before its tests (handed to `receive`), closes it after
 * them, and resets it (resetSimulator) before each test.
 */
export function useSimulator(receive: (sim: Simulator) => void): void {
	useNodeSimulator(receive, { start: startSimulator, eachTest: (sim) => resetSimulator(sim) });
}

export interface VerifyRun {
	input: IDataObject[];
	options?: INodeParameters;
	apiKey?: string;
	continueOnFail?: boolean;
	/** The Email parameter; by default mapped from each item's `email` field. */
	email?: string;
	baseUrl?: string;
}

export async function runVerify(sim: Simulator, run: VerifyRun): Promise<RunNodeResult> {
	return await runVecNode(
		sim,
		{ email: run.email ?? '={{ $json.email }}', options: run.options ?? {} },
		{ ...run, apiKey: run.apiKey ?? VEC_KEY },
	);
}

/** Requests that reached the verify endpoint, faulted ones included. */
export function requestsSent(sim: Simulator): number {
	return sim.stats().requestsByRoute[VERIFY_ROUTE] ?? 0;
}

export function emails(...addresses: string[]): IDataObject[] {
	return addresses.map((email) => ({ email }));
}
