import { sleep, type IWebhookFunctions } from 'n8n-workflow';

import type { EnrowEvent } from '../EnrowApi/events';
import { readJob, type JobState } from '../EnrowApi/readJob';
import { createEnrowSession, type EnrowSession } from '../EnrowApi/transport';
import { enrowFailureReason } from '../EnrowApi/transport/errors';
import { asNodeError } from '../shared/asNodeError';
import { NOTIFIED_JOB_REREADS } from './rereadBounds';
import { takeRereadPlace } from './rereadPlaces';

/** What Enrow says of a notified job once the trigger stops reading it. */
export type NotifiedJob =
	| { outcome: 'finished'; job: JobState }
	| {
			outcome: 'running' | 'unknown';
			reads: number;
			/** From the first read to the end of the last. */
			readForMs: number;
			/** Not read again: too many notifications were being read again (NOTIFIED_JOB_REREADS.maxAtOnce). */
			busy: boolean;
	  };

/** One read; 'unknown' when Enrow answers as it does for a job it does not know. */
async function readOnce(
	context: IWebhookFunctions,
	session: EnrowSession,
	event: EnrowEvent,
	jobId: string,
): Promise<JobState | 'unknown'> {
	try {
		return await readJob(context, session, { kind: event.kind, jobType: event.jobType, id: jobId });
	} catch (caught) {
		const error = asNodeError(context, caught, 0);
		if (enrowFailureReason(error) === 'unknownJob') return 'unknown';
		// The results stay readable at Enrow: say which job, so the user can read it later.
		error.message = `Could not read the results of Enrow job ${jobId}: ${error.message}`;
		error.description = `${error.description ? `${error.description} ` : ''}Read them later with the Enrow node's Get Result (Job ID ${jobId}, Job Type ${event.jobType}).`;
		throw error;
	}
}

/**
 * Reads a notified job from Enrow (free) until it reads finished, within NOTIFIED_JOB_REREADS:
 * a transient "unknown job" answer or read lag does not drop a paid result, and a forged
 * notification costs a bounded number of reads. Errors other than "unknown job" (a rejected
 * key, 5xx after the transport's retries) are thrown, naming the job.
 *
 * `copiesSeen` counts the copies of this notification answered as duplicates meanwhile: one that
 * came during the last read may be Enrow's completion notification, so it earns one more read.
 */
export async function readNotifiedJob(
	context: IWebhookFunctions,
	event: EnrowEvent,
	jobId: string,
	copiesSeen: () => number,
): Promise<NotifiedJob> {
	const session = createEnrowSession();
	const startedAt = Date.now();
	let givePlaceBack: (() => void) | undefined;
	let readForACopy = false;
	try {
		for (let reads = 1; ; reads++) {
			const copiesBeforeRead = copiesSeen();
			const seen = await readOnce(context, session, event, jobId);
			if (seen !== 'unknown' && seen.done) return { outcome: 'finished', job: seen };
			const last = {
				outcome: seen === 'unknown' ? ('unknown' as const) : ('running' as const),
				reads,
				readForMs: Date.now() - startedAt,
				busy: false,
			};
			if (readForACopy) return last;
			const delayMs = NOTIFIED_JOB_REREADS.delaysMs[reads - 1];
			const withinBound =
				delayMs !== undefined && last.readForMs + delayMs <= NOTIFIED_JOB_REREADS.budgetMs;
			givePlaceBack ??= withinBound ? takeRereadPlace() : undefined;
			if (withinBound && givePlaceBack) {
				await sleep(delayMs);
				continue;
			}
			readForACopy = copiesSeen() > copiesBeforeRead;
			if (!readForACopy) return { ...last, busy: withinBound };
		}
	} finally {
		givePlaceBack?.();
	}
}
