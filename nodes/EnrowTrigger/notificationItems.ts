import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { EnrowEvent } from '../EnrowApi/events';
import type { EnrowNotification } from '../EnrowApi/parseNotification';
import { bulkResultRows, readJob, type JobState } from '../EnrowApi/readJob';
import { oncePerReference, referencesInCustom } from '../EnrowApi/rowReferences';
import { createEnrowSession } from '../EnrowApi/transport';
import { enrowFailureReason } from '../EnrowApi/transport/errors';
import { asNodeError } from '../shared/asNodeError';

/**
 * Whether a notification's `id` can be a job ID (Enrow's are UUIDs): printable ASCII, no spaces,
 * at most 200 characters. Anything else is not read from Enrow and starts nothing.
 */
export function isJobId(id: string | undefined): id is string {
	return id !== undefined && /^[\x21-\x7e]{1,200}$/.test(id);
}

/** Reads the job from Enrow; undefined when Enrow does not know it (a made-up or foreign ID). */
async function readNotifiedJob(
	context: IWebhookFunctions,
	event: EnrowEvent,
	jobId: string,
): Promise<JobState | undefined> {
	try {
		return await readJob(context, createEnrowSession(), {
			kind: event.kind,
			jobType: event.jobType,
			id: jobId,
		});
	} catch (caught) {
		const error = asNodeError(context, caught, 0);
		if (enrowFailureReason(error) === 'unknownJob') {
			context.logger.warn(
				`Enrow Trigger: ignored a ${event.name} notification for job ${jobId}, which Enrow does not know`,
			);
			return undefined;
		}
		// The results stay readable at Enrow: say which job, so the user can read it later.
		error.message = `Could not read the results of Enrow job ${jobId}: ${error.message}`;
		error.description = `${error.description ? `${error.description} ` : ''}Read them later with the Enrow node's Get Result (Job ID ${jobId}, Job Type ${event.jobType}).`;
		throw error;
	}
}

/**
 * The items a notification starts the workflow with, in the Enrow node's simplified
 * shape plus `event` and `jobId`. With Fetch Results on, the job is read from Enrow with
 * the credential (free), so what starts the workflow is Enrow's own record, never the
 * unsigned payload: a forged notification for a job Enrow does not know starts nothing
 * (an empty list). Without it, single events use the payload and bulk events give one
 * item with the notification.
 *
 * Row references (the Enrow node's Options → Row Reference) are decoded from the `custom`
 * Enrow echoes (EnrowApi/rowReferences.ts) into `rowReference`; a row sent once for
 * duplicates with different references gives one item per reference.
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

	if (!fetchResults) {
		if (event.jobType === 'single' && notification.result) {
			const { result } = notification;
			const simplified = { ...event.kind.simplifySingle(result, undefined, jobId), ...header };
			return oncePerReference(simplified, referencesInCustom(result.custom));
		}
		return [notificationOnly];
	}

	const state = await readNotifiedJob(context, event, jobId);
	if (!state) return [];
	if (event.jobType === 'single') {
		if (!state.done) return [{ ...header, status: 'ongoing' }];
		const simplified = { ...event.kind.simplifySingle(state.body, undefined, jobId), ...header };
		return oncePerReference(simplified, referencesInCustom(state.body.custom));
	}
	if (!state.done || state.failed) {
		return [
			{ ...header, status: state.failed ? 'failed' : 'ongoing', stats: state.body.stats ?? null },
		];
	}
	const rows = bulkResultRows<IDataObject>(state.body);
	// No rows to show: still report the finished job rather than start a run with no items.
	if (rows.length === 0) return [notificationOnly];
	return rows.flatMap((row) =>
		oncePerReference(
			{ ...event.kind.simplifyRow(row, undefined, jobId), ...header },
			event.kind.resultRowReferences(row, state.body),
		),
	);
}
