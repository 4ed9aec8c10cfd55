import {
	NodeOperationError,
	sleep as n8nSleep,
	type IDataObject,
	type NodeApiError,
} from 'n8n-workflow';

import type { AnyJobKind } from '../../EnrowApi/jobKinds';
import { readJob, type JobState, type JobToRead } from '../../EnrowApi/readJob';
import { enrowFailureReason, type EnrowFailureReason } from '../../EnrowApi/transport/errors';
import type { EnrowClient } from '../../EnrowApi/transport';
import { mapWithConcurrency } from '../../shared/mapWithConcurrency';

export type JobToWaitFor = Omit<JobToRead, 'kind'>;

export type JobOutcome =
	| { state: 'completed'; body: IDataObject }
	| { state: 'failed'; body: IDataObject }
	/**
	 * Still running, or unreadable for a while, when the run's timeout came; `lastReadError` if
	 * the last read failed, `unknownStatus` if the last answer had a status Enrow does not document.
	 */
	| { state: 'timedOut'; body?: IDataObject; lastReadError?: NodeApiError; unknownStatus?: string }
	| { state: 'error'; error: NodeApiError };

export interface PollSettings {
	firstIntervalMs: number;
	maxIntervalMs: number;
	timeoutMs: number;
}

export const MAX_POLL_INTERVAL_MS = 30_000;
const POLL_BACKOFF_FACTOR = 1.5;
/** GETs are not rate limited by Enrow; this only keeps a run of many single jobs polite. */
const PARALLEL_READS = 10;
/**
 * Reads that fail for a while say nothing about the job: reading is free, so the job is
 * read again (with the growing interval) until the run's timeout. That includes Enrow's
 * answers for an unknown ID (400 on bulk reads, 500 "Could not retrieve…" on single ones): a
 * job this run started exists, and one such answer may be a moment's fault while Enrow
 * finishes (and charges) the job.
 */
export const PASSING_READ_FAILURES = new Set<EnrowFailureReason>([
	'rateLimited',
	'serverError',
	'unreachable',
	'unreadableAnswer',
	'unknownJob',
]);

export interface JobsToPoll {
	kind: AnyJobKind;
	jobs: JobToWaitFor[];
	settings: PollSettings;
	/** The clock, injectable so the poll schedule can be counted on a simulated one. */
	now?: () => number;
	sleep?: (ms: number) => Promise<void>;
}

/**
 * Polls jobs until each is done, failed or out of time. The interval starts at the
 * user's setting and grows by half each round up to 30 s, so a long job costs a number
 * of requests that grows with the log of its duration, not linearly, until the cap.
 */
export async function waitForJobs(
	client: EnrowClient,
	{ kind, jobs, settings, now = () => Date.now(), sleep = n8nSleep }: JobsToPoll,
): Promise<Map<string, JobOutcome>> {
	const { context } = client;
	const outcomes = new Map<string, JobOutcome>();
	const lastSeen = new Map<string, JobState>();
	const lastReadError = new Map<string, NodeApiError>();
	const startedAt = now();
	let pending = [...new Map(jobs.map((job) => [job.id, job])).values()];
	let interval = Math.max(250, settings.firstIntervalMs);

	while (pending.length > 0) {
		const elapsed = now() - startedAt;
		if (elapsed >= settings.timeoutMs) break;
		await sleep(Math.min(interval, settings.timeoutMs - elapsed));
		if ('getExecutionCancelSignal' in context && context.getExecutionCancelSignal()?.aborted) {
			throw new NodeOperationError(
				context.getNode(),
				'The execution was cancelled while waiting for Enrow',
				{
					description: `Jobs still running at Enrow (their results can be read later with Get Result): ${pending.map((job) => job.id).join(', ')}`,
				},
			);
		}

		const states = await mapWithConcurrency(pending, PARALLEL_READS, async (job) => {
			try {
				return await readJob(client, { kind, ...job });
			} catch (error) {
				return error as NodeApiError;
			}
		});

		const stillRunning: JobToWaitFor[] = [];
		states.forEach((state, index) => {
			const job = pending[index];
			const reason = state instanceof Error ? enrowFailureReason(state) : undefined;
			if (state instanceof Error && reason && PASSING_READ_FAILURES.has(reason)) {
				lastReadError.set(job.id, state);
				stillRunning.push(job);
			} else if (state instanceof Error) {
				outcomes.set(job.id, { state: 'error', error: state });
			} else if (!state.done) {
				lastSeen.set(job.id, state);
				lastReadError.delete(job.id);
				stillRunning.push(job);
			} else {
				outcomes.set(job.id, { state: state.failed ? 'failed' : 'completed', body: state.body });
			}
		});
		pending = stillRunning;
		interval = Math.min(settings.maxIntervalMs, interval * POLL_BACKOFF_FACTOR);
	}

	for (const job of pending) {
		const last = lastSeen.get(job.id);
		outcomes.set(job.id, {
			state: 'timedOut',
			body: last?.body,
			lastReadError: lastReadError.get(job.id),
			unknownStatus: last?.unknownStatus,
		});
	}
	return outcomes;
}
