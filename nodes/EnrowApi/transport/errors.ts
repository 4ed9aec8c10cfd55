import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { apiErrorText } from '../../shared/apiErrorText';
import { redirectTexts, type BaseUrlOwner, type BaseUrlTexts } from '../../shared/baseUrl';
import type { ApiResponse, NetworkFailure } from '../../shared/apiAnswer';
import { ENROW_PACKAGE } from './packageVersion';

export interface FailedCall {
	method: 'GET' | 'POST';
	path: string;
	/** Which input items the request was for, to name them in the message. */
	itemIndex?: number;
	itemsLabel?: string;
	attempts: number;
	waitedMs: number;
	/** The run's Timeout, when it bounded the retries of a 429. */
	timeoutMinutes?: number;
}

/**
 * Why a request to Enrow failed. Callers decide on this, never on the wording of the
 * message: the texts below can be reworded freely.
 */
export type EnrowFailureReason =
	| 'keyRejected'
	| 'outOfCredits'
	| 'rateLimited'
	/** Enrow does not know the job ID (404, or 400/500 on reads, depending on the endpoint). */
	| 'unknownJob'
	| 'noEndpoint'
	| 'serverErrorStartingJob'
	| 'serverError'
	| 'refused'
	/**
	 * Enrow refused the request's shape, not a value the user mapped: this version of the
	 * node and Enrow's API disagree (a key renamed, a limit lowered...).
	 */
	| 'apiMismatch'
	| 'connectionBrokeStartingJob'
	| 'unreachable'
	| 'unreadableAnswer'
	/** A 2xx answer to starting a job that holds no job ID. */
	| 'noJobId'
	/** The credential's Base URL is not an http(s) address: nothing was sent. */
	| 'invalidBaseUrl'
	/** The Base URL answered with a redirect, which the node does not follow. */
	| 'redirected';

const reasons = new WeakMap<object, EnrowFailureReason>();

/** The reason of an error thrown by the Enrow transport; undefined for any other error. */
export function enrowFailureReason(error: unknown): EnrowFailureReason | undefined {
	return typeof error === 'object' && error !== null ? reasons.get(error) : undefined;
}

const DASHBOARD = 'app.enrow.io';

/** The credential and service the Base URL texts name. */
export const ENROW_BASE_URL_OWNER: BaseUrlOwner = {
	credential: 'Enrow API',
	service: 'Enrow',
	defaultUrl: 'https://api.enrow.io',
};

/** Enrow answers 500 "Could not retrieve…" for an unknown single-job ID: no retry fixes that. */
export function isUnknownSingleJobAnswer(statusCode: number, body: unknown): boolean {
	return statusCode === 500 && /could not retrieve/i.test(apiErrorText(body) ?? '');
}

function isUnknownJobText(body: unknown): boolean {
	const text = typeof body === 'object' ? (apiErrorText(body) ?? '') : '';
	return /not found/i.test(text) && /\b(search|verif\w*|job|phone|result)/i.test(text);
}

/**
 * Enrow's 400 texts about the request's shape, which the node builds (its keys, the ID it
 * reads, its batch sizes); none is about a value the user mapped. The node checks names,
 * companies and addresses before sending, so "missing fullname" or "company absent" reaching
 * Enrow means Enrow reads another key. Value refusals ("invalid email format", "Invalid
 * linkedin_url") are not here.
 */
const SHAPE_REFUSALS = [
	/missing (\w+ )?payload/i,
	/must be present in the payload/i,
	/invalid json input/i,
	/too many \w+\. limit is/i,
	/error while pars/i,
	/missing mandatory property/i,
	/input payload (is missing|needs)/i,
	/company_domain and company_name are absent/i,
	/missing id in the query|id is missing in the url/i,
];

function isShapeRefusal(body: unknown): boolean {
	const text = apiErrorText(body) ?? '';
	return SHAPE_REFUSALS.some((pattern) => pattern.test(text));
}

function reasonOfAnswer(call: FailedCall, statusCode: number, body: unknown): EnrowFailureReason {
	const reads = call.method === 'GET';
	if (statusCode === 400 && isShapeRefusal(body)) return 'apiMismatch';
	if (statusCode === 401) return 'keyRejected';
	if (statusCode === 402 || statusCode === 422) return 'outOfCredits';
	if (statusCode === 429) return 'rateLimited';
	// A 404 is an unknown job only when Enrow says so ("Bulk search not found"); any other
	// 404 (a proxy's page, a wrong path in the Base URL) means the URL is wrong.
	if (statusCode === 404) return reads && isUnknownJobText(body) ? 'unknownJob' : 'noEndpoint';
	if (statusCode >= 500 && !reads) return 'serverErrorStartingJob';
	if (reads && isUnknownSingleJobAnswer(statusCode, body)) return 'unknownJob';
	if (statusCode >= 500) return 'serverError';
	// Enrow answers 400 for an unknown bulk-job ID.
	if (statusCode === 400 && reads) return 'unknownJob';
	return 'refused';
}

/**
 * Which items (and job) an error is about, at the end of its description: titles stay short
 * enough for n8n's error panel. "Affected: items 0–4,999." / "Affected: item 3, Enrow job …."
 */
export function affectedText(about: string): string {
	return `Affected: ${about}.`;
}

/** A description without its "Affected: …." sentence, to reuse for other items. */
export function withoutAffected(description: string): string {
	return description.replace(/\s*Affected: [^.]+\./g, '').trim();
}

/** An answer's text as a title quotes it: short enough for n8n's error panel. */
function quoted(text: string): string {
	return `"${text.length > 80 ? `${text.slice(0, 79)}…` : text}"`;
}

const PACKAGE_LABEL = `${ENROW_PACKAGE.name} ${ENROW_PACKAGE.version}`;

const CHECK_JOB_ID =
	'Check the job ID (it must come from this Enrow account) and that "Job Type" matches how the job was started (single or bulk).';

function answerText(
	reason: EnrowFailureReason,
	call: FailedCall,
	statusCode: number,
	text: string,
): { message: string; description: string } {
	switch (reason) {
		case 'keyRejected':
			return {
				message: `Enrow rejected the API key: ${quoted(text)}`,
				description: `Open the Enrow API credential and paste the key shown in ${DASHBOARD} → API. Nothing was charged.`,
			};
		case 'outOfCredits':
			return {
				message: `Not enough Enrow credits: ${quoted(text)}`,
				description: `Top up or upgrade your plan in ${DASHBOARD}, then run the workflow again. This run made no further paid requests to Enrow.`,
			};
		case 'rateLimited':
			return {
				message: 'Enrow is rate limiting this API key',
				description:
					call.timeoutMinutes === undefined
						? `Enrow still answered "Too Many Requests" after ${call.attempts} attempts over ${Math.round(call.waitedMs / 1000)} s. It allows 10 job requests per second per API key, and this node already paces itself below that: another workflow or app is probably using the same key. Run them one after the other, or try again in a minute. Nothing was charged for the refused requests.`
						: `Enrow still answered "Too Many Requests" after ${call.attempts} attempts over ${Math.round(call.waitedMs / 1000)} s, and the node's Timeout (${call.timeoutMinutes.toLocaleString('en-US')} min) left no time to wait again. Enrow allows 10 job requests per second per API key; this node slows down whenever Enrow asks, so another workflow or app is probably using the same key heavily. Raise the Timeout, run them one after the other, or try again later. Nothing was charged for the refused requests.`,
			};
		case 'unknownJob':
			if (statusCode === 404) {
				return {
					message: `Enrow does not know this job: ${quoted(text)}`,
					description: CHECK_JOB_ID,
				};
			}
			return {
				message:
					statusCode === 400
						? `Enrow could not read this job: ${quoted(text)}`
						: `Enrow could not find this job: ${quoted(text)}`,
				description: `Enrow answers ${statusCode} for an unknown ${statusCode === 400 ? 'bulk' : 'single'}-job ID. Check the job ID and that "Job Type" matches how the job was started (single or bulk).`,
			};
		case 'noEndpoint':
			return {
				message: `Enrow has no endpoint ${call.path}: ${quoted(text)}`,
				description:
					'Check the Base URL in the Enrow API credential: it should be https://api.enrow.io.',
			};
		case 'serverErrorStartingJob':
			return {
				message: `Enrow had a server error while starting the job (HTTP ${statusCode}): ${quoted(text)}`,
				description: `The request was not repeated, so you cannot be charged twice. It may or may not have started a job: check the jobs in ${DASHBOARD} before running these items again.`,
			};
		case 'serverError':
			return {
				message: `Enrow had a server error (HTTP ${statusCode}): ${quoted(text)}`,
				description: `Reading results is free and was tried ${call.attempts} times. Try again in a few minutes; the job keeps running at Enrow.`,
			};
		case 'apiMismatch':
			return {
				message: `Enrow's API and this version of the Enrow node disagree: ${quoted(text)}`,
				description: `Enrow refused the form of the request that ${PACKAGE_LABEL} sent, not a value you mapped, so changing your data will not help. Nothing was charged. Update the ${ENROW_PACKAGE.name} package (Settings → Community Nodes); if you already have its latest version, report this message at ${ENROW_PACKAGE.issues}.`,
			};
		default:
			return {
				message: `Enrow refused the request: ${quoted(text)}`,
				description: `Check the values mapped into this node for these items. Nothing was charged. If they look right, Enrow may have changed what it accepts: update the ${ENROW_PACKAGE.name} package (this is ${ENROW_PACKAGE.version}) or report it at ${ENROW_PACKAGE.issues}.`,
			};
	}
}

function enrowError(
	node: INode,
	reason: EnrowFailureReason,
	response: JsonObject,
	text: { message: string; description: string },
	call: Pick<FailedCall, 'itemIndex' | 'itemsLabel'>,
	httpCode?: number,
): NodeApiError {
	// Which items it was about goes to the description: the title stays short.
	const affected = call.itemsLabel ? ` ${affectedText(call.itemsLabel)}` : '';
	const error = new NodeApiError(node, response, {
		message: text.message,
		description: `${text.description}${affected}`,
		httpCode: httpCode === undefined ? undefined : String(httpCode),
		itemIndex: call.itemIndex,
	});
	reasons.set(error, reason);
	return error;
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
	const reason = reasonOfAnswer(call, statusCode, body);
	return enrowError(
		node,
		reason,
		{ httpCode: String(statusCode), message: text },
		answerText(reason, call, statusCode, text),
		call,
		statusCode,
	);
}

export function enrowNetworkError(
	node: INode,
	call: FailedCall,
	failure: NetworkFailure,
): NodeApiError {
	// The network code stays out of the message: n8n replaces any message that contains one
	// (ECONNRESET...) with a generic text of its own.
	const brokeWhileStarting = call.method === 'POST' && failure.reachedServer;
	const text = brokeWhileStarting
		? {
				message: 'The connection to Enrow broke while starting the job',
				description: `Enrow may already have started the job and reserved its credits, so the request was not repeated. Check the jobs in ${DASHBOARD} before running these items again. (Network error: ${failure.code})`,
			}
		: {
				message: `Could not reach Enrow after ${call.attempts} attempts`,
				description: `Check your network and the Base URL in the Enrow API credential (https://api.enrow.io). No job was started by the failed requests. (Network error: ${failure.code})`,
			};
	return enrowError(
		node,
		brokeWhileStarting ? 'connectionBrokeStartingJob' : 'unreachable',
		{ networkError: failure.code },
		text,
		call,
	);
}

export function enrowUnreadableAnswerError(
	node: INode,
	call: FailedCall,
	statusCode: number,
	body: unknown,
	redact: (text: string) => string,
): NodeApiError {
	const snippet = redact(apiErrorText(body) ?? '');
	return enrowError(
		node,
		'unreadableAnswer',
		{ message: 'unreadable answer' },
		{
			message: `Enrow's answer could not be read (HTTP ${statusCode}, not JSON)`,
			description:
				call.method === 'POST'
					? `Enrow may have started the job, but its ID could not be read from the answer. Check the jobs in ${DASHBOARD} before running these items again. Answer began: ${snippet}`
					: `Reading results was retried without success. Try again in a few minutes. Answer began: ${snippet}`,
		},
		call,
		statusCode,
	);
}

export function enrowNoJobIdError(
	node: INode,
	call: FailedCall,
	answer: unknown,
	redact: (text: string) => string,
): NodeApiError {
	const shown = redact(JSON.stringify(answer ?? null).slice(0, 200));
	return enrowError(
		node,
		'noJobId',
		{ message: 'no job ID in the answer' },
		{
			message: "Enrow's answer to starting the job had no job ID",
			description: `Enrow answered without saying which job it started, so the node cannot read the results. A job may still have been started and its credits reserved: check the jobs in ${DASHBOARD} before running these items again. The request was not repeated. Answer: ${shown}`,
		},
		call,
	);
}

/** The credential's Base URL is not an http(s) address (shared/baseUrl.ts says why and the fix). */
export function enrowBaseUrlError(
	node: INode,
	refusal: BaseUrlTexts,
	call: Pick<FailedCall, 'itemIndex' | 'itemsLabel'> = {},
): NodeApiError {
	return enrowError(node, 'invalidBaseUrl', { message: 'invalid Base URL' }, refusal, call);
}

/** A 3xx answer: the Base URL redirects, and the node does not follow redirects. */
export function enrowRedirectError(
	node: INode,
	call: FailedCall,
	response: ApiResponse,
	baseUrl: string,
	redact: (text: string) => string,
): NodeApiError {
	const text = redirectTexts(ENROW_BASE_URL_OWNER, response, { baseUrl, path: call.path }, redact);
	return enrowError(
		node,
		'redirected',
		{ httpCode: String(response.statusCode), message: 'redirect' },
		text,
		call,
		response.statusCode,
	);
}
