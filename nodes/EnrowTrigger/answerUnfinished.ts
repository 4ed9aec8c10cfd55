import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { EnrowEvent } from '../EnrowApi/events';
import type { NotifiedJob } from './readNotifiedJob';

export const NOT_STARTED = { received: true, started: false };

/** How long Enrow is asked to wait before it delivers a notification again, if it ever does. */
const RETRY_AFTER_SECONDS = 60;

function howRead(read: Exclude<NotifiedJob, { outcome: 'finished' }>): string {
	if (read.busy) return 'read once: too many notifications were being read again';
	return `read ${read.reads} times over ${(read.readForMs / 1000).toFixed(1)} s`;
}

/**
 * The answer to a notification whose job did not read finished, and the warning in n8n's log.
 * Nothing starts and the notification is not marked handled, so a later one for the job works.
 *
 * - Unknown to Enrow (a made-up or another account's ID): 200, as any call the trigger ignores.
 * - Still running: 503 with Retry-After, since this delivery did not start the workflow
 *   (Enrow's log then shows a failed delivery, and a sender that retries gets a retry).
 */
export function answerUnfinished(
	context: IWebhookFunctions,
	event: EnrowEvent,
	jobId: string,
	read: Exclude<NotifiedJob, { outcome: 'finished' }>,
): IWebhookResponseData {
	const getResult = `the Enrow node's Get Result (Job ID ${jobId}, Job Type ${event.jobType})`;
	if (read.outcome === 'unknown') {
		context.logger.warn(
			`Enrow Trigger: ignored a ${event.name} notification for job ${jobId}, which Enrow does not know (${howRead(read)}). If it is a job of this account, read it with ${getResult}.`,
		);
		return { webhookResponse: NOT_STARTED };
	}
	context.logger.warn(
		`Enrow Trigger: started nothing for a ${event.name} notification for job ${jobId}: Enrow still reports the job running (${howRead(read)}). Its next notification starts the workflow; or read it later with ${getResult}.`,
	);
	context
		.getResponseObject()
		.status(503)
		.set('Retry-After', String(RETRY_AFTER_SECONDS))
		.json({
			...NOT_STARTED,
			status: 'ongoing',
			message: 'Enrow still reports this job as running: nothing was started.',
		});
	return { noWebhookResponse: true };
}
