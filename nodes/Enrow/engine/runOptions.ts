import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { JobType } from '../../EnrowApi/jobKinds';
import { readResultField } from '../../shared/outputItems';
import { readChoice } from './choices';
import type { ItemParameters } from './jobOperation';
import { pauseWouldLoseResults } from './subWorkflowPause';
import { MAX_POLL_INTERVAL_MS, type PollSettings } from './waitForJobs';

export type WaitMode = 'poll' | 'none' | 'webhook';
export type OutputMode = 'perItem' | 'summary';

/**
 * Settings that shape the whole run rather than one item. They are read once, from the
 * first item: a run has one wait mode and one output shape (documented in the README).
 */
export interface RunOptions {
	waitMode: WaitMode;
	poll: PollSettings;
	simplify: boolean;
	includeInputFields: boolean;
	/** Options → Put Result in Field: the field that holds each item's result; '' = top level. */
	resultField: string;
	deduplicate: boolean;
	outputMode: OutputMode;
	/** Options → Max Credits: the most the run may cost; 0 = no cap. */
	maxCredits: number;
	/** Options → Dry Run: estimate only, send nothing paid. */
	dryRun: boolean;
}

/** Single jobs take seconds; a 5,000-row bulk job can take many minutes. */
export const DEFAULT_TIMEOUT_MINUTES: Record<JobType, number> = { single: 10, bulk: 60 };
export const DEFAULT_POLL_INTERVAL_SECONDS = 2;

/**
 * The documented ranges (README, "Wait modes"): a value set by expression or in an
 * imported workflow outside them is brought to the nearest end; one that is not a number
 * is refused. n8n's panel offers 1–30 s and 1 minute or more.
 */
export const RUN_SETTING_RANGES = {
	pollIntervalSeconds: { label: 'Poll Interval (Seconds)', min: 0.25, max: 30 },
	timeoutMinutes: { label: 'Timeout (Minutes)', min: 0.05, max: 10_080 },
};

const WAIT_MODES: WaitMode[] = ['poll', 'webhook', 'none'];
const OUTPUT_MODES: OutputMode[] = ['perItem', 'summary'];

function settingError(context: ItemParameters, message: string, description: string) {
	return new NodeOperationError(context.getNode(), message, { description });
}

function numberSetting(
	context: ItemParameters,
	name: keyof typeof RUN_SETTING_RANGES,
	fallback: number,
): number {
	const { label, min, max } = RUN_SETTING_RANGES[name];
	const value = context.getNodeParameter(name, 0, fallback);
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw settingError(
			context,
			`${label} is ${JSON.stringify(value)}, not a number`,
			`Set "${label}" to a number from ${min} to ${max.toLocaleString('en-US')}.`,
		);
	}
	return Math.min(max, Math.max(min, number));
}

function creditCap(context: ItemParameters, value: unknown): number {
	if (value === undefined || value === null || value === '') return 0;
	const cap = typeof value === 'string' ? Number(value) : value;
	if (typeof cap !== 'number' || !Number.isFinite(cap) || cap < 0) {
		throw settingError(
			context,
			`Max Credits is ${JSON.stringify(value)}, not a number of credits`,
			'Set "Max Credits" (Options) to the most this run may spend, e.g. 500, or 0 for no cap.',
		);
	}
	return cap;
}

/**
 * Whether an AI agent or MCP client calls this node as a tool. Newer n8n says so with
 * `isToolExecution()`; 1.123.81 and 2.0.3 have no such method, but there (as in 2.41.1) a
 * node used as a tool runs under its tool variant's type, `<package>.enrowTool`.
 */
export function isToolCall(context: ItemParameters & { isToolExecution?(): boolean }): boolean {
	if (context.isToolExecution?.() === true) return true;
	return context.getNode().type.endsWith('Tool');
}

export function readRunOptions(
	context: ItemParameters & { isToolExecution?(): boolean; getMode?(): string },
	jobType: JobType,
): RunOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	let waitMode = readChoice(context.getNode(), context.getNodeParameter('waitMode', 0, 'poll'), {
		label: 'Wait Mode',
		allowed: WAIT_MODES,
	});
	// An AI agent's tool call must answer in one go, and a sub-workflow on n8n 1.x would hand
	// its caller the input instead of the results: neither pauses the execution.
	if (waitMode === 'webhook' && (isToolCall(context) || pauseWouldLoseResults(context)))
		waitMode = 'poll';
	const defaultTimeout = DEFAULT_TIMEOUT_MINUTES[jobType];
	const waits = waitMode !== 'none';
	const pollIntervalSeconds = waits
		? numberSetting(context, 'pollIntervalSeconds', DEFAULT_POLL_INTERVAL_SECONDS)
		: DEFAULT_POLL_INTERVAL_SECONDS;
	const timeoutMinutes = waits
		? numberSetting(context, 'timeoutMinutes', defaultTimeout)
		: defaultTimeout;
	return {
		waitMode,
		poll: {
			firstIntervalMs: pollIntervalSeconds * 1000,
			maxIntervalMs: MAX_POLL_INTERVAL_MS,
			timeoutMs: timeoutMinutes * 60_000,
		},
		simplify: context.getNodeParameter('simplify', 0, true) !== false,
		includeInputFields: options.includeInputFields === true,
		resultField: readResultField(context.getNode(), options.resultField),
		deduplicate: options.deduplicate !== false,
		outputMode: readChoice(context.getNode(), options.outputMode ?? 'perItem', {
			label: 'Output Mode',
			allowed: OUTPUT_MODES,
		}),
		maxCredits: creditCap(context, options.maxCredits),
		dryRun: options.dryRun === true,
	};
}
