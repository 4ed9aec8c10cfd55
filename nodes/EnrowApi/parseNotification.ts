import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../shared/isObject';

export interface EnrowNotification {
	event?: string;
	jobId?: string;
	credits?: IDataObject;
	/** A single job's result, wherever the payload put it. */
	result?: IDataObject;
}

function looksLikeResult(value: unknown): value is IDataObject {
	return isObject(value) && typeof value.qualification === 'string';
}

/**
 * Reads an Enrow webhook body. Enrow's docs show three shapes for single results:
 * flat at the top level (verifier), under `result` (email finder), and under
 * `result.result` (phone finder, legacy docs). All three are read.
 */
export function parseNotification(body: unknown): EnrowNotification {
	if (!isObject(body)) return {};
	const notification: EnrowNotification = {
		event: typeof body.event === 'string' ? body.event : undefined,
		jobId: typeof body.id === 'string' || typeof body.id === 'number' ? String(body.id) : undefined,
		credits: isObject(body.credits) ? body.credits : undefined,
	};
	const nested = isObject(body.result) ? body.result.result : undefined;
	if (looksLikeResult(nested)) notification.result = nested;
	else if (looksLikeResult(body.result)) notification.result = body.result;
	else if (looksLikeResult(body)) notification.result = body;
	return notification;
}
