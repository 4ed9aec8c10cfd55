import type { IWebhookFunctions } from 'n8n-workflow';

import type { EnrowEvent } from '../EnrowApi/events';
import type { JobState } from '../EnrowApi/readJob';
import { rereadJob, type RereadBounds } from '../EnrowApi/rereadJob';
import { createEnrowClient } from '../EnrowApi/transport';
import { enrowFailureReason } from '../EnrowApi/transport/errors';
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
	const client = createEnrowClient(context);
	let givePlaceBack: (() => void) | undefined;
	let copiesBeforeRead = 0;
	let readForACopy = false;
	let last: Extract<NotifiedJob, { reads: number }> | undefined;
	const bounds: RereadBounds = {
		beforeRead: () => void (copiesBeforeRead = copiesSeen()),
		pauseAfter(seen, reads, readForMs) {
			if (seen instanceof Error && enrowFailureReason(seen) !== 'unknownJob') return undefined;
			last = {
				outcome: seen instanceof Error ? 'unknown' : 'running',
				reads,
				readForMs,
				busy: false,
			};
			if (readForACopy) return undefined;
			const delayMs = NOTIFIED_JOB_REREADS.delaysMs[reads - 1];
			const withinBound =
				delayMs !== undefined && readForMs + delayMs <= NOTIFIED_JOB_REREADS.budgetMs;
			givePlaceBack ??= withinBound ? takeRereadPlace() : undefined;
			if (withinBound && givePlaceBack) return delayMs;
			readForACopy = copiesSeen() > copiesBeforeRead;
			if (readForACopy) return 0;
			last.busy = withinBound;
			return undefined;
		},
	};
	try {
		const seen = await rereadJob(
			client,
			{ kind: event.kind, jobType: event.jobType, id: jobId },
			bounds,
		);
		if (!(seen instanceof Error)) return seen.done ? { outcome: 'finished', job: seen } : last!;
		if (enrowFailureReason(seen) === 'unknownJob') return last!;
		// The results stay readable at Enrow: say which job, so the user can read it later.
		seen.message = `Could not read the results of Enrow job ${jobId}: ${seen.message}`;
		seen.description = `${seen.description ? `${seen.description} ` : ''}Read them later with the Enrow node's Get Result (Job ID ${jobId}, Job Type ${event.jobType}).`;
		throw seen;
	} finally {
		givePlaceBack?.();
	}
}
