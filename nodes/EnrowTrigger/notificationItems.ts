import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { readJob } from '../Enrow/jobs/readJob';
import { createEnrowSession } from '../Enrow/transport';
import type { EnrowEvent } from '../Enrow/helpers/enrowEvents';
import type { EnrowNotification } from '../Enrow/helpers/parseNotification';

/**
 * Whether a notification's `id` can be a job ID (Enrow's are UUIDs): printable ASCII, no spaces,
 * at most 200 characters. Anything else is not read from Enrow and starts nothing.
 */
export function isJobId(id: string | undefined): id is string {
	return id !== undefined && /^[\x21-\x7e]{1,200}$/.test(id);
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The items a notification starts the workflow with, in the Enrow node's simplified
 * shape plus `event` and `jobId`: the result of a single job, or one item per row of
 * a bulk job (read from Enrow with the credential, since bulk notifications carry only the ID).
 */
export async function notificationItems(
	context: IWebhookFunctions,
	event: EnrowEvent,
	notification: EnrowNotification,
	fetchResults: boolean,
): Promise<IDataObject[]> {
	const jobId = notification.jobId!;
	const header = { event: event.name, jobId };
	const notificationOnly: IDataObject = {
		...header,
		status: 'completed',
		...(notification.credits ? { credits: notification.credits } : {}),
	};

	if (event.jobType === 'single') {
		if (notification.result) {
			return [{ ...event.kind.simplifySingle(notification.result, undefined, jobId), ...header }];
		}
		// A payload shape we cannot read: the result is one free GET away.
		if (!fetchResults) return [notificationOnly];
		const state = await readJob(context, createEnrowSession(), event.kind, 'single', jobId);
		if (!state.done) return [{ ...header, status: 'ongoing' }];
		return [{ ...event.kind.simplifySingle(state.body, undefined, jobId), ...header }];
	}

	if (!fetchResults) return [notificationOnly];
	const state = await readJob(context, createEnrowSession(), event.kind, 'bulk', jobId);
	if (!state.done || state.failed) {
		return [
			{ ...header, status: state.failed ? 'failed' : 'ongoing', stats: state.body.stats ?? null },
		];
	}
	const rows = Array.isArray(state.body.results) ? state.body.results.filter(isObject) : [];
	// No rows to show: still report the finished job rather than start a run with no items.
	if (rows.length === 0) return [notificationOnly];
	return rows.map((row) => ({ ...event.kind.simplifyRow(row, undefined, jobId), ...header }));
}
