import type { IExecuteFunctions, IWorkflowExecutionCustomData } from 'n8n-workflow';

import type { PlannedJob } from './planJobs';
import type { StartedJob } from './startJobs';

/**
 * A paused execution keeps its Enrow job IDs in the execution's custom data: it survives
 * restarts and queue mode, and n8n's executions list shows it, so the IDs stay
 * recoverable if the wait times out. n8n allows 10 custom-data keys per execution
 * (shared with the user's own) of at most 512 characters, so the IDs use at most 6 keys.
 */
const KEY_PREFIX = 'enrowJobs';
const MAX_KEYS = 6;
const VALUE_LIMIT = 512;
/** UUIDs (36 characters) and a separator: 13 per key; 12 leaves room for longer IDs. */
const IDS_PER_KEY = 12;
const NOT_STARTED = '-';

export function fitsInJobLedger(jobCount: number): boolean {
	return jobCount <= MAX_KEYS * IDS_PER_KEY;
}

/** Writes one entry per planned job, in plan order ("-" for a job that could not start). */
export function writeJobLedger(customData: IWorkflowExecutionCustomData, jobIds: string[]): void {
	for (let key = 0; key * IDS_PER_KEY < jobIds.length; key++) {
		const value = jobIds.slice(key * IDS_PER_KEY, (key + 1) * IDS_PER_KEY).join(',');
		customData.set(`${KEY_PREFIX}${key}`, value.slice(0, VALUE_LIMIT));
	}
}

/** The planned jobs' IDs in plan order, or undefined if this execution paused for no Enrow job. */
export function readJobLedger(
	customData: IWorkflowExecutionCustomData,
): Array<string | undefined> | undefined {
	const ids: Array<string | undefined> = [];
	for (let key = 0; key < MAX_KEYS; key++) {
		const value = customData.get(`${KEY_PREFIX}${key}`);
		if (!value) break;
		for (const id of value.split(',')) ids.push(id === NOT_STARTED ? undefined : id);
	}
	return ids.length > 0 ? ids : undefined;
}

/**
 * Webhook mode: records the jobs, then puts the execution to wait until Enrow calls the
 * resume URL (handled by `resumeJobs`) or the timeout passes. No request is made while
 * waiting.
 */
export async function pauseUntilEnrowCallsBack(
	context: IExecuteFunctions,
	plan: Array<PlannedJob<unknown>>,
	started: Array<StartedJob<unknown>>,
	timeoutMs: number,
): Promise<void> {
	const idOf = new Map(started.map((job) => [job.plan, job.jobId]));
	writeJobLedger(
		context.customData,
		plan.map((job) => idOf.get(job) ?? NOT_STARTED),
	);
	await context.putExecutionToWait(new Date(Date.now() + timeoutMs));
}
