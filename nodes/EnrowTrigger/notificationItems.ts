import type { IDataObject } from 'n8n-workflow';

import type { EnrowEvent } from '../EnrowApi/events';
import type { EnrowNotification } from '../EnrowApi/parseNotification';
import { bulkResultRows, type JobState } from '../EnrowApi/readJob';
import { oncePerReference, referencesInCustom } from '../EnrowApi/rowReferences';

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
 * from the `custom` Enrow echoes (EnrowApi/rowReferences.ts) into `rowReference`; a row sent
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

/**
 * Fetch Results off: the unsigned payload as sent. A single event gives its result, a bulk
 * event one item with the notification.
 */
export function payloadItems(event: EnrowEvent, notification: EnrowNotification): IDataObject[] {
	const jobId = notification.jobId!;
	if (event.jobType === 'single' && notification.result) {
		const { result } = notification;
		const simplified = {
			...event.kind.simplifySingle(result, undefined, jobId),
			event: event.name,
			jobId,
		};
		return oncePerReference(simplified, referencesInCustom(result.custom));
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
	const header = { event: event.name, jobId };
	if (event.jobType === 'single') {
		const simplified = { ...event.kind.simplifySingle(job.body, undefined, jobId), ...header };
		return oncePerReference(simplified, referencesInCustom(job.body.custom));
	}
	if (job.failed) return [{ ...header, status: 'failed', stats: job.body.stats ?? null }];
	const rows = bulkResultRows<IDataObject>(job.body);
	// No rows to show: still report the finished job rather than start a run with no items.
	if (rows.length === 0) return [notificationOnly(event, notification)];
	return rows.flatMap((row) =>
		oncePerReference(
			{ ...event.kind.simplifyRow(row, undefined, jobId), ...header },
			event.kind.resultRowReferences(row, job.body),
		),
	);
}
