import type { IDataObject } from 'n8n-workflow';

import type { JobType } from '../../EnrowApi/jobKinds';
import type { ItemParameters } from './jobOperation';
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
	deduplicate: boolean;
	outputMode: OutputMode;
}

/** Single jobs take seconds; a 5,000-row bulk job can take many minutes. */
export const DEFAULT_TIMEOUT_MINUTES: Record<JobType, number> = { single: 10, bulk: 60 };

export function readRunOptions(
	context: ItemParameters & { isToolExecution?(): boolean },
	jobType: JobType,
): RunOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	let waitMode = context.getNodeParameter('waitMode', 0, 'poll') as WaitMode;
	// An AI agent's tool call must answer in one go: it never pauses the execution.
	if (waitMode === 'webhook' && context.isToolExecution?.()) waitMode = 'poll';
	const defaultTimeout = DEFAULT_TIMEOUT_MINUTES[jobType];
	const pollIntervalSeconds =
		waitMode === 'none' ? 2 : (context.getNodeParameter('pollIntervalSeconds', 0, 2) as number);
	const timeoutMinutes =
		waitMode === 'none'
			? defaultTimeout
			: (context.getNodeParameter('timeoutMinutes', 0, defaultTimeout) as number);
	return {
		waitMode,
		poll: {
			firstIntervalMs: Math.max(0.25, Number(pollIntervalSeconds) || 2) * 1000,
			maxIntervalMs: MAX_POLL_INTERVAL_MS,
			timeoutMs: Math.max(0.05, Number(timeoutMinutes) || defaultTimeout) * 60_000,
		},
		simplify: context.getNodeParameter('simplify', 0, true) as boolean,
		includeInputFields: options.includeInputFields === true,
		deduplicate: options.deduplicate !== false,
		outputMode: options.outputMode === 'summary' ? 'summary' : 'perItem',
	};
}
