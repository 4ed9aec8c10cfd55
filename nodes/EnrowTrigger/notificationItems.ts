import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { readJob } from '../Enrow/jobs/readJob';
import { createEnrowSession } from '../Enrow/transport';
import { findEvent } from '../Enrow/helpers/enrowEvents';
import type { EnrowNotification } from '../Enrow/helpers/parseNotification';

/**
 * The items a notification starts the workflow with, in the Enrow node's simplified
 * shape plus `event` and `jobId`: the result of a single job, or one item per row of
 * a bulk job (read from Enrow with the credential, since bulk notifications carry only the ID).
 */
export async function notificationItems(
	context: IWebhookFunctions,
	notification: EnrowNotification,
	fetchResults: boolean,
): Promise<IDataObject[]> {
	const event = findEvent(notification.event)!;
	const jobId = notification.jobId ?? '';
	const header = { event: event.name, jobId };

	if (event.jobType === 'single') {
		if (!notification.result) return [{ ...header, status: 'completed' }];
		return [{ ...event.kind.simplifySingle(notification.result, undefined, jobId), ...header }];
	}

	if (!fetchResults || !jobId) {
		return [
			{
				...header,
				status: 'completed',
				...(notification.credits ? { credits: notification.credits } : {}),
			},
		];
	}
	const state = await readJob(context, createEnrowSession(), event.kind, 'bulk', jobId);
	if (!state.done || state.failed) {
		return [
			{ ...header, status: state.failed ? 'failed' : 'ongoing', stats: state.body.stats ?? null },
		];
	}
	const rows = (state.body.results as IDataObject[] | undefined) ?? [];
	return rows.map((row) => ({ ...event.kind.simplifyRow(row, undefined, jobId), ...header }));
}
