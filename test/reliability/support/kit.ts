/**
 * Running the three nodes against the simulator for the reliability suite, always with the same
 * distinctive API keys, and collecting everything a user, a log or the API could see, to check
 * that the keys never show.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { EnrowApi } from '../../../credentials/EnrowApi.credentials';
import { ValidEmailCheckerApi } from '../../../n8n-nodes-validemailchecker/credentials/ValidEmailCheckerApi.credentials';
import { Enrow } from '../../../nodes/Enrow/Enrow.node';
import { EnrowTrigger } from '../../../nodes/EnrowTrigger/EnrowTrigger.node';
import { ValidEmailChecker } from '../../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node';
import { startSimulator, type Simulator, type SimulatorConfigPatch } from '../../../simulator';
import {
	harnessErrorReports,
	harnessLog,
	runNode,
	runTriggerWebhook,
	type RunNodeOptions,
	type RunNodeResult,
	type RunTriggerWebhookOptions,
	type RunTriggerWebhookResult,
	type RunWebhookResult,
} from '../../harness';
import { forgetPacers } from '../../support/injected';

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
	simulator.configure(BASELINE);
	simulator.configure(patch);
	simulator.reset();
	forgetPacers();
}

export interface RunOptions {
	input?: IDataObject[];
	continueOnFail?: boolean;
	apiKey?: string;
	/** Default: the simulator. */
	baseUrl?: string;
	/** The node's "On Error" setting, e.g. 'continueErrorOutput'. */
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	/** Other node settings, e.g. Retry On Fail: `{ retryOnFail: true, maxTries: 3 }`. */
	nodeOverrides?: RunNodeOptions['nodeOverrides'];
}

function nodeSettings(options: RunOptions): RunNodeOptions['nodeOverrides'] {
	return { ...(options.onError ? { onError: options.onError } : {}), ...options.nodeOverrides };
}

export async function runEnrow(
	simulator: Simulator,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<RunNodeResult> {
	const result = await runNode({
		nodeType: new Enrow(),
		parameters: { pollIntervalSeconds: 0.25, ...parameters },
		credentials: {
			enrowApi: {
				apiKey: options.apiKey ?? ENROW_KEY,
				baseUrl: options.baseUrl ?? `${simulator.url}/`,
			},
		},
		credentialTypes: [new EnrowApi()],
		input: options.input,
		continueOnFail: options.continueOnFail,
		nodeOverrides: nodeSettings(options),
	});
	noteLeaks('Enrow node run', visibleParts(result));
	return result;
}

export async function runVec(
	simulator: Simulator,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<RunNodeResult> {
	const result = await runNode({
		nodeType: new ValidEmailChecker(),
		parameters: { resource: 'email', operation: 'verify', ...parameters },
		credentials: {
			validEmailCheckerApi: {
				apiKey: options.apiKey ?? VEC_KEY,
				baseUrl: options.baseUrl ?? simulator.url,
			},
		},
		credentialTypes: [new ValidEmailCheckerApi()],
		input: options.input,
		continueOnFail: options.continueOnFail,
		nodeOverrides: nodeSettings(options),
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
	const baseUrl = options.baseUrl ?? `${simulator.url}/`;
	const result = await runTriggerWebhook({
		nodeType: new EnrowTrigger(),
		parameters,
		credentials: { enrowApi: { apiKey: ENROW_KEY, baseUrl } },
		credentialTypes: [new EnrowApi()],
		...request,
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

export function jsonOf(result: { output: INodeExecutionData[] }): IDataObject[] {
	return result.output.map((item) => item.json);
}

export function pairedIndexes(result: { output: INodeExecutionData[] }): number[] {
	return result.output.map((item) => (item.pairedItem as { item: number }).item);
}

export type Described = Error & { description?: string | null; context?: IDataObject };

export function messageOf(result: RunNodeResult): string {
	return result.error?.message ?? '';
}

export function descriptionOf(result: RunNodeResult): string {
	return (result.error as Described | undefined)?.description ?? '';
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
