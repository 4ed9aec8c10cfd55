import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { apiErrorText } from '../../shared/apiErrorText';
import type { NetworkFailure } from '../../shared/sendWithRetries';

export interface FailedCall {
	method: 'GET' | 'POST';
	path: string;
	/** Which input items the request was for, to name them in the message. */
	itemIndex?: number;
	itemsLabel?: string;
	attempts: number;
	waitedMs: number;
}

const DASHBOARD = 'app.enrow.io';

function forItems(call: FailedCall): string {
	return call.itemsLabel ? ` (${call.itemsLabel})` : '';
}

function startsJob(call: FailedCall): boolean {
	return call.method === 'POST';
}

/**
 * Turns an Enrow error answer into a message that says what happened and what to do.
 * Built from the status and body only: the request (and so the API key header) is never
 * part of the error.
 */
export function enrowHttpError(
	node: INode,
	call: FailedCall,
	statusCode: number,
	body: unknown,
	redact: (text: string) => string,
): NodeApiError {
	const text = redact(apiErrorText(body) ?? `HTTP ${statusCode}`);
	let message: string;
	let description: string;

	if (statusCode === 401) {
		message = `Enrow rejected the API key: "${text}"`;
		description = `Open the Enrow API credential and paste the key shown in ${DASHBOARD} → API. Nothing was charged.`;
	} else if (statusCode === 402 || statusCode === 422) {
		message = `Not enough Enrow credits${forItems(call)}: "${text}"`;
		description = `Top up or upgrade your plan in ${DASHBOARD}, then run the workflow again. This run made no further paid requests to Enrow.`;
	} else if (statusCode === 429) {
		const seconds = Math.round(call.waitedMs / 1000);
		message = `Enrow is rate limiting this API key${forItems(call)}: still "Too Many Requests" after ${call.attempts} attempts over ${seconds} s`;
		description =
			'Enrow allows 10 job requests per second per API key, and this node already paces itself below that. Another workflow or app is probably using the same key: run them one after the other, or try again in a minute. Nothing was charged for the refused requests.';
	} else if (statusCode === 404 && call.method === 'GET') {
		message = `Enrow does not know this job: "${text}"`;
		description =
			'Check the job ID (it must come from this Enrow account) and that "Job Type" matches how the job was started (single or bulk).';
	} else if (statusCode === 404) {
		message = `Enrow has no endpoint ${call.path}: "${text}"`;
		description =
			'Check the Base URL in the Enrow API credential: it should be https://api.enrow.io.';
	} else if (statusCode >= 500 && startsJob(call)) {
		message = `Enrow had a server error while starting the job${forItems(call)} (HTTP ${statusCode}): "${text}"`;
		description = `The request was not repeated, so you cannot be charged twice. It may or may not have started a job: check the jobs in ${DASHBOARD} before running these items again.`;
	} else if (
		statusCode >= 500 &&
		call.method === 'GET' &&
		statusCode === 500 &&
		/could not retrieve/i.test(text)
	) {
		message = `Enrow could not find this job: "${text}"`;
		description =
			'Enrow answers 500 for an unknown single-job ID. Check the job ID and that "Job Type" matches how the job was started (single or bulk).';
	} else if (statusCode >= 500) {
		message = `Enrow had a server error (HTTP ${statusCode}) after ${call.attempts} attempts: "${text}"`;
		description =
			'Reading results is free and was retried. Try again in a few minutes; the job keeps running at Enrow.';
	} else if (statusCode === 400 && call.method === 'GET') {
		message = `Enrow could not read this job: "${text}"`;
		description =
			'Enrow answers 400 for an unknown bulk-job ID. Check the job ID and that "Job Type" matches how the job was started (single or bulk).';
	} else {
		message = `Enrow refused the request${forItems(call)}: "${text}"`;
		description = 'Check the values mapped into this node for these items. Nothing was charged.';
	}

	const error = new NodeApiError(
		node,
		{ httpCode: String(statusCode), message: text } as JsonObject,
		{
			message,
			description,
			httpCode: String(statusCode),
			itemIndex: call.itemIndex,
		},
	);
	if (call.method === 'GET' && /^Enrow (could not|does not know)/.test(message)) {
		// For a job this run started, "unknown" means Enrow lost or failed it (see waitForJobs).
		error.context.unknownJob = true;
	}
	return error;
}

export function enrowNetworkError(
	node: INode,
	call: FailedCall,
	failure: NetworkFailure,
): NodeApiError {
	let message: string;
	let description: string;
	// The network code stays out of the message: n8n replaces any message that contains one
	// (ECONNRESET...) with a generic text of its own.
	if (startsJob(call) && failure.reachedServer) {
		message = `The connection to Enrow broke while starting the job${forItems(call)}`;
		description = `Enrow may already have started the job and reserved its credits, so the request was not repeated. Check the jobs in ${DASHBOARD} before running these items again. (Network error: ${failure.code})`;
	} else {
		message = `Could not reach Enrow after ${call.attempts} attempts`;
		description = `Check your network and the Base URL in the Enrow API credential (https://api.enrow.io). No job was started by the failed requests. (Network error: ${failure.code})`;
	}
	return new NodeApiError(node, { networkError: failure.code } as JsonObject, {
		message,
		description,
		itemIndex: call.itemIndex,
	});
}

export function enrowUnreadableAnswerError(
	node: INode,
	call: FailedCall,
	statusCode: number,
	body: unknown,
	redact: (text: string) => string,
): NodeApiError {
	const snippet = redact(apiErrorText(body) ?? '');
	const message = `Enrow's answer could not be read (HTTP ${statusCode}, not JSON)${forItems(call)}`;
	const description = startsJob(call)
		? `Enrow may have started the job, but its ID could not be read from the answer. Check the jobs in ${DASHBOARD} before running these items again. Answer began: ${snippet}`
		: `Reading results was retried without success. Try again in a few minutes. Answer began: ${snippet}`;
	return new NodeApiError(node, { message: 'unreadable answer' } as JsonObject, {
		message,
		description,
		httpCode: String(statusCode),
		itemIndex: call.itemIndex,
	});
}
