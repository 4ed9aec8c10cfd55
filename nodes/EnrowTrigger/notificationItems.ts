import type { IDataObject } from 'n8n-workflow';

import type { EnrowEvent } from '../EnrowApi/events';
import type { EnrowNotification } from '../EnrowApi/parseNotification';
import { readFinishedJob, readJobAnswer, type JobResult } from '../EnrowApi/jobAnswer';
import { oncePerReference } from '../EnrowApi/jobKinds';
import type { JobState } from '../EnrowApi/readJob';

/**
 * Whether a notification's `id` can be a job ID (Enrow's are UUIDs): printable ASCII, no spaces,
 * at most 200 characters. Anything else is not read from Enrow and starts nothing.
 */
export function isJobId(id: string | undefined): id is string {
	return id !== undefined && /^[\x21-\x7e]{1,200}$/.test(id);
}

/*
 * The items a notification starts the workflow with, in the Enrow node's simplified shape plus
 * `event` and `jobId`. Row references (the Enrow node's Options → Row Reference) are decoded
 * from the `custom` Enrow echoes (EnrowApi/jobKinds/rowReferences.ts) into `rowReference`; a row sent
 * once for duplicates with different references gives one item per reference.
 */

function notificationOnly(event: EnrowEvent, notification: EnrowNotification): IDataObject {
	return {
		event: event.name,
		jobId: notification.jobId!,
		status: 'completed',
		...(notification.credits ? { credits: notification.credits } : {}),
	};
}

/** A result as an item: simplified, with the event and job ID, once per row reference it carries. */
function resultItems(event: EnrowEvent, jobId: string, result: JobResult): IDataObject[] {
	const json = { ...result.simplified(), event: event.name, jobId };
	return oncePerReference(json, result.references());
}

/**
 * Fetch Results off: the unsigned payload as sent. A single event gives its result, a bulk
 * event one item with the notification.
 */
export function payloadItems(event: EnrowEvent, notification: EnrowNotification): IDataObject[] {
	const jobId = notification.jobId!;
	if (event.jobType === 'single' && notification.result) {
		const job = { kind: event.kind, jobType: event.jobType, jobId };
		const answer = readFinishedJob(job, notification.result);
		return resultItems(event, jobId, answer.results[0]);
	}
	return [notificationOnly(event, notification)];
}

/**
 * Fetch Results on: Enrow's own record of the finished job, read with the credential, never
 * the payload. One item per result row for a bulk job, one for a single job; a failed bulk
 * job gives one item with status "failed".
 */
export function finishedJobItems(
	event: EnrowEvent,
	notification: EnrowNotification,
	job: JobState,
): IDataObject[] {
	const jobId = notification.jobId!;
	const answer = readJobAnswer({ kind: event.kind, jobType: event.jobType, jobId }, job);
	if (event.jobType === 'single') return resultItems(event, jobId, answer.results[0]);
	if (answer.status === 'failed') {
		return [{ event: event.name, jobId, status: 'failed', stats: answer.raw.stats ?? null }];
	}
	// No rows to show: still report the finished job rather than start a run with no items.
	if (answer.results.length === 0) return [notificationOnly(event, notification)];
	return answer.results.flatMap((result) => resultItems(event, jobId, result));
}
