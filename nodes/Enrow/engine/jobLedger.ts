import type { IDataObject, IExecuteFunctions, IWorkflowExecutionCustomData } from 'n8n-workflow';

import { withoutAffected } from '../../EnrowApi/transport/errors';

import { executionCustomData } from './executionCustomData';
import { waitedText } from './jobErrors';
import { markPausedItems } from './pauseMark';
import type { PreparedRun } from './prepareRun';
import type { StartedJob } from './startJobs';

/**
 * A paused execution keeps its Enrow job IDs in the execution's custom data: it survives
 * restarts and queue mode, and n8n's executions list shows it, so the IDs stay
 * recoverable if the wait times out. n8n allows 10 custom-data keys per execution
 * (shared with the user's own) of at most 512 characters, so the ledger uses at most 7:
 * up to 6 for the IDs and one for why jobs did not start. A node that runs again in the
 * same execution (Loop Over Items) overwrites them, blanking what its last run left over.
 */
const KEY_PREFIX = 'enrowJobs';
const NOT_STARTED_KEY = 'enrowNotStarted';
const MAX_KEYS = 6;
const VALUE_LIMIT = 512;
/** UUIDs (36 characters) and a separator: 13 per key; 12 leaves room for longer IDs. */
const IDS_PER_KEY = 12;
const NOT_STARTED = '-';

export function fitsInJobLedger(jobCount: number): boolean {
	return jobCount <= MAX_KEYS * IDS_PER_KEY;
}

/** Why a planned job did not start, as its error said when the run began. */
export interface NotStartedReason {
	message: string;
	description?: string;
}

export interface JobLedger {
	/** The planned jobs' IDs in plan order; undefined for a job that did not start. */
	jobIds: Array<string | undefined>;
	/** The IDs of the jobs that started, each once, in plan order. */
	startedJobIds: string[];
	/** By plan position, for the jobs that did not start. */
	notStarted: Map<number, NotStartedReason>;
}

/** Writes the ledger, and blanks the keys a previous run of the node in this execution used. */
export function writeJobLedger(
	customData: IWorkflowExecutionCustomData,
	jobIds: Array<string | undefined>,
	notStarted: Map<number, NotStartedReason> = new Map(),
): void {
	for (let key = 0; key < MAX_KEYS; key++) {
		const ids = jobIds.slice(key * IDS_PER_KEY, (key + 1) * IDS_PER_KEY);
		const value = ids.map((id) => id ?? NOT_STARTED).join(',');
		if (value) customData.set(`${KEY_PREFIX}${key}`, value.slice(0, VALUE_LIMIT));
		else if (customData.get(`${KEY_PREFIX}${key}`)) customData.set(`${KEY_PREFIX}${key}`, '');
	}
	if (notStarted.size > 0) customData.set(NOT_STARTED_KEY, encodeReasons(notStarted));
	else if (customData.get(NOT_STARTED_KEY)) customData.set(NOT_STARTED_KEY, '');
}

/**
 * The reasons in one value of at most 512 characters: each job's message, and one
 * description (they are usually all the same refusal, e.g. no credits). Shortened to fit.
 */
function encodeReasons(notStarted: Map<number, NotStartedReason>): string {
	const [first] = notStarted.values();
	for (const [messageLength, withDescription] of [
		[300, true],
		[160, false],
		[60, false],
	] as const) {
		const value = JSON.stringify({
			// Shared by every job not started: without the items it named (resumeJobs names each job's).
			d: withDescription ? withoutAffected(first.description ?? '').slice(0, 180) : undefined,
			m: Object.fromEntries(
				[...notStarted].map(([at, reason]) => [at, reason.message.slice(0, messageLength)]),
			),
		});
		if (value.length <= VALUE_LIMIT) return value;
	}
	return JSON.stringify({ m: {} });
}

function decodeReasons(value: string | undefined): Map<number, NotStartedReason> {
	if (!value) return new Map();
	try {
		const { d, m } = JSON.parse(value) as { d?: string; m?: Record<string, string> };
		return new Map(
			Object.entries(m ?? {}).map(([at, message]) => [Number(at), { message, description: d }]),
		);
	} catch {
		return new Map();
	}
}

/** The ledger of this execution's paused run, or undefined if it paused for no Enrow job. */
export function readJobLedger(customData: IWorkflowExecutionCustomData): JobLedger | undefined {
	const jobIds: Array<string | undefined> = [];
	for (let key = 0; key < MAX_KEYS; key++) {
		const value = customData.get(`${KEY_PREFIX}${key}`);
		if (!value) break;
		for (const id of value.split(',')) jobIds.push(id === NOT_STARTED ? undefined : id);
	}
	if (jobIds.length === 0) return undefined;
	const startedJobIds = [...new Set(jobIds)].filter((id): id is string => id !== undefined);
	return { jobIds, startedJobIds, notStarted: decodeReasons(customData.get(NOT_STARTED_KEY)) };
}

/**
 * Records the run's jobs (and why any did not start) in the execution's custom data, as soon as
 * they start: a run cancelled, or stopped by the workflow's own timeout, while it waits still
 * shows which paid jobs it started (n8n's executions list). A run of more jobs than the ledger
 * holds records the first ones.
 */
export function recordJobLedger(
	context: IExecuteFunctions,
	run: PreparedRun<unknown>,
	started: Array<StartedJob<unknown>>,
): void {
	// None on an n8n without one (executionCustomData.ts): a poll then shows no IDs there, and
	// a run that needs the ledger to resume polls instead of pausing.
	const customData = executionCustomData(context);
	if (!customData) return;
	const idOf = new Map(started.map((job) => [job.plan, job.jobId]));
	const notStarted = new Map<number, NotStartedReason>();
	run.plan.forEach((job, at) => {
		if (idOf.has(job)) return;
		const error = run.outcomes.failureOf(job.itemIndexes[0]);
		if (error)
			notStarted.set(at, { message: error.message, description: error.description ?? undefined });
	});
	writeJobLedger(
		customData,
		run.plan.map((job) => idOf.get(job)),
		notStarted,
	);
}

/**
 * Webhook mode, once `recordJobLedger` has recorded the jobs: marks the items with what they
 * say if no callback comes, then puts the execution to wait until Enrow calls the resume URL
 * (handled by `resumeJobs`) or the timeout passes. No request is made while waiting.
 */
export async function pauseUntilEnrowCallsBack(
	context: IExecuteFunctions,
	run: PreparedRun<unknown>,
	started: Array<StartedJob<unknown>>,
): Promise<void> {
	markPausedItems(run.items, timedOutMark(run, started));
	await context.putExecutionToWait(new Date(Date.now() + run.options.poll.timeoutMs));
}

/** What an item says if the pause's deadline passes without Enrow's callback (pauseMark.ts). */
function timedOutMark(run: PreparedRun<unknown>, started: Array<StartedJob<unknown>>) {
	const jobOfItem = new Map<number, string>();
	for (const job of started)
		for (const item of job.plan.itemIndexes) jobOfItem.set(item, job.jobId);
	const error = `Enrow did not call back within the Timeout (${waitedText(run.options.poll.timeoutMs)}): no result for this item`;
	const { getResultLabel } = run.operation;
	return (itemIndex: number): IDataObject => {
		const jobId = jobOfItem.get(itemIndex);
		const notStarted = run.outcomes.failureOf(itemIndex);
		const description = jobId
			? `The job keeps running at Enrow and its credits are not lost. Read its result with "${getResultLabel}" (Job ID ${jobId}, Job Type bulk), or raise "Timeout (Minutes)".`
			: notStarted
				? `No job was started for this item: ${notStarted.message}`
				: 'This item needed no Enrow job; run it again to get its result.';
		return { status: 'timedOut', error, description, ...(jobId ? { jobId } : {}) };
	};
}
