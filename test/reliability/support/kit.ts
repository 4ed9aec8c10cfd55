/**
 * Running the three nodes against the simulator for the reliability suite, always with the same
 * distinctive API keys, and collecting everything a user, a log or the API could see, to check
 * that the keys never show.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startSimulator, type Simulator, type SimulatorConfigPatch } from '../../../simulator';
import { CaseRecorder } from './recorder';
import type { Described } from './read';
import {
	harnessErrorReports,
	harnessLog,
	type RunNodeResult,
	type RunTriggerWebhookOptions,
	type RunTriggerWebhookResult,
	type RunWebhookResult,
} from '../../harness';
import { callEnrowTrigger, runEnrowNode } from '../../support/enrowNodeKit';
import { resetSimulatorTo, runVecNode, useSimulator, type NodeRun } from '../../support/nodeKit';

export { balanceReadsAsEnough } from '../../support/enrowNodeKit';

/** Distinctive keys: any occurrence outside the auth header is a leak. */
export const ENROW_KEY = 'enrow-KEY-7c1d9e53a2b8f046';
export const VEC_KEY = 'vec-KEY-5e2a91d07b3c4f68';
export const KEYS = [ENROW_KEY, VEC_KEY];

export const RICH = 1_000_000;

/** Fast jobs, the documented 402 style, no 429 header, no VEC latency, the suite's keys. */
export const BASELINE: SimulatorConfigPatch = {
	enrow: {
		apiKeys: { [ENROW_KEY]: { credits: RICH } },
		jobDurationMs: { single: 150, bulkBase: 200, bulkPerRow: 0 },
		insufficientCredits: '402',
		rateLimitHeader: 'none',
		unknownIdStyle: 'docs-new',
		webhookDelayMs: 0,
	},
	vec: {
		apiKeys: { [VEC_KEY]: { credits: RICH, suspended: false } },
		latencyMs: { min: 0, max: 0 },
		perMinuteLimit: 100_000,
		perDayLimit: 1_000_000,
		blockedIps: [],
	},
};

export async function startReliabilitySimulator(): Promise<Simulator> {
	return await startSimulator({ config: BASELINE });
}

/**
 * Back to the baseline: config, balances, jobs, faults and counters; and both nodes forget each
 * key's pace, which the simulator's reset made untrue (a case's 429s would slow the next one).
 */
export function resetSimulator(simulator: Simulator, patch: SimulatorConfigPatch = {}): void {
	resetSimulatorTo(simulator, BASELINE, patch);
}

/**
 * For a reliability test file: the simulator started before its tests (handed to `receive`),
 * back to the baseline (plus `eachTest`) before each test, closed after them; and after each
 * test, the check that no key showed anywhere.
 */
export function useReliabilitySimulator(
	receive: (simulator: Simulator) => void,
	eachTest: SimulatorConfigPatch = {},
): void {
	let started: Simulator;
	useSimulator(
		(simulator) => {
			started = simulator;
			receive(simulator);
		},
		{
			start: startReliabilitySimulator,
			eachTest: (simulator) => resetSimulator(simulator, eachTest),
		},
	);
	afterEach(() => expect(keyLeaks(started)).toEqual([]));
}

export type RunOptions = Omit<NodeRun, 'apiKey'> & { apiKey?: string };

export async function runEnrow(
	simulator: Simulator,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<RunNodeResult> {
	const result = await runEnrowNode(
		simulator,
		{ pollIntervalSeconds: 0.25, ...parameters },
		{ ...options, apiKey: options.apiKey ?? ENROW_KEY },
	);
	noteLeaks('Enrow node run', visibleParts(result));
	return result;
}

export async function runVec(
	simulator: Simulator,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<RunNodeResult> {
	const result = await runVecNode(simulator, parameters, {
		...options,
		apiKey: options.apiKey ?? VEC_KEY,
	});
	noteLeaks('ValidEmailChecker node run', visibleParts(result));
	return result;
}

export async function callTrigger(
	simulator: Simulator,
	parameters: INodeParameters,
	request: Omit<RunTriggerWebhookOptions, 'nodeType' | 'parameters'>,
	options: Pick<RunOptions, 'baseUrl'> = {},
): Promise<RunTriggerWebhookResult> {
	const result = await callEnrowTrigger(simulator, parameters, request, {
		apiKey: ENROW_KEY,
		baseUrl: options.baseUrl,
	});
	noteLeaks('Enrow Trigger call', triggerParts(result));
	return result;
}

/** Records what a resume-URL call made visible (runWebhook is called directly by the tests). */
export function noteWebhookCall(call: RunWebhookResult): RunWebhookResult {
	noteLeaks(
		'resume URL call',
		safeStringify([
			call.response,
			errorParts(call.webhookError),
			call.resumed ? visibleParts(call.result) : '',
		]),
	);
	return call;
}

export function emails(count: number, prefix = 'lead'): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ email: `${prefix}${i}@acme-corp.com` }));
}

// ---------------------------------------------------------------------------------------------
// What could show the key: every run made through this kit is scanned as it ends.

/** `<what>: <key>` for every run whose visible parts held a key. */
const leaks: string[] = [];

function noteLeaks(what: string, text: string): void {
	for (const key of leakedKeys(text)) leaks.push(`${what}: ${key}`);
}

/** Everything a run exposes: output, the thrown error (message, description, cause, context), n8n's stored copies. */
export function visibleParts(result: RunNodeResult): string {
	return safeStringify([
		result.output,
		result.outputs,
		errorParts(result.error),
		result.taskError,
		result.taskData,
		result.runExecutionData,
	]);
}

function triggerParts(result: RunTriggerWebhookResult): string {
	return safeStringify([
		result.response,
		result.workflowData,
		result.items,
		result.webhookResult,
		errorParts(result.webhookError),
		result.staticData,
	]);
}

function errorParts(error: unknown): unknown {
	if (!error || typeof error !== 'object') return error;
	const e = error as Described & { cause?: unknown; stack?: string };
	return { ...e, message: e.message, description: e.description, cause: e.cause, stack: e.stack };
}

function safeStringify(value: unknown): string {
	const visited = new WeakSet<object>();
	return JSON.stringify(value, (_key, v: unknown) => {
		if (typeof v === 'object' && v !== null) {
			if (visited.has(v)) return '[circular]';
			visited.add(v);
		}
		if (typeof v === 'bigint') return String(v);
		return v;
	});
}

/**
 * Where a key showed up: runs made through this kit so far, n8n's log and error reports, and
 * the simulator's request log (paths, queries, bodies, webhook URLs: the auth header is not recorded).
 * Empty when nowhere.
 */
export function keyLeaks(simulator?: Simulator): string[] {
	const stats = simulator?.stats();
	const found = [...leaks];
	const places: Array<[string, unknown]> = [
		['n8n log', harnessLog],
		['n8n error reports', harnessErrorReports.map((r) => [errorParts(r.error), r.options])],
		['requests sent to the API', stats?.requests.map((r) => [r.path, r.query, r.body]) ?? []],
		['webhook deliveries', stats?.webhookDeliveries ?? []],
	];
	for (const [what, value] of places) {
		for (const key of leakedKeys(safeStringify(value))) found.push(`${what}: ${key}`);
	}
	return found;
}

/** Forgets the leaks noted so far (a test that provokes one on purpose checks and clears them). */
export function clearNotedLeaks(): void {
	leaks.length = 0;
}

/** The keys found in `text` (empty when none). */
export function leakedKeys(text: string): string[] {
	return KEYS.filter((key) => text.includes(key));
}

/**
 * A reliability file's case recorder (its rows of RELIABILITY.md), with the simulator started for
 * the file's tests and handed to `receive`.
 */
export function useReliabilityCases(
	testFile: string,
	receive: (simulator: Simulator) => void,
	eachTest: SimulatorConfigPatch = {},
): CaseRecorder {
	useReliabilitySimulator(receive, eachTest);
	return new CaseRecorder(testFile);
}
