import type { IDataObject } from 'n8n-workflow';

import {
	createApiClient,
	type ApiClient,
	type ApiContext,
	type ApiProfile,
} from '../../shared/apiClient';
import { isRedirect } from '../../shared/baseUrl';
import { serverRetryDelayMs } from '../../shared/retryTiming';
import {
	ENROW_BASE_URL_OWNER,
	enrowBaseUrlError,
	enrowFailureReason,
	enrowHttpError,
	enrowNetworkError,
	enrowRedirectError,
	enrowUnreadableAnswerError,
	isUnknownSingleJobAnswer,
	type FailedCall,
} from './errors';
import { postPacerFor } from './postPacer';
import { REQUEST_TIMEOUT_MS } from './requestTimeouts';

export type EnrowContext = ApiContext;

export interface EnrowCall {
	method: 'GET' | 'POST';
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** e.g. "items 1 to 5,000": named in error messages of requests made for several items. */
	itemsLabel?: string;
}

/** A successful answer: its HTTP status (202 on a single job still running) and its body. */
export interface EnrowAnswer {
	statusCode: number;
	body: unknown;
}

/**
 * The one place this node talks HTTP, made once per node run. Paces job-starting POSTs (the
 * key's pacer), retries what is safe to retry, and turns every failure into an error that says
 * what to do. A POST refused with 429 is tried again as long as its wait ends before the run's
 * Timeout (`timeout`) does; without one, ENROW_RETRY_LIMITS bound the retries. A 402/422 ends
 * the run (`stop`): from then on it makes no paid request, each one gets that answer's error.
 */
export type EnrowClient = ApiClient<EnrowCall, EnrowAnswer>;

/**
 * Retry bounds. Exported so tests and the README quote the same numbers. A job-starting POST
 * of a run with a Timeout retries 429s until that Timeout instead.
 */
export const ENROW_RETRY_LIMITS = {
	maxRateLimitRetries: 8,
	maxRateLimitWaitMs: 120_000,
	maxFailureRetries: 4,
};

/** The shortest wait after a 429, whatever it asks. */
const MIN_RATE_LIMIT_WAIT_MS = 500;

export const ENROW_BASE_URL = ENROW_BASE_URL_OWNER.defaultUrl;

/** An error for `call` quoting the answer that ended the run (no credits): the call is not sent. */
function refusedForCredits(client: EnrowClient, call: EnrowCall): Error {
	const { response } = client.stop.answer!;
	return enrowHttpError(
		client.context.getNode(),
		{ ...call, attempts: 0, waitedMs: 0 },
		response.statusCode,
		response.body,
		client.redact,
	);
}

const ENROW: ApiProfile<EnrowCall, EnrowAnswer> = {
	credentialType: 'enrowApi',
	baseUrlOwner: ENROW_BASE_URL_OWNER,
	pacerFor: postPacerFor,
	// Enrow limits job-starting POSTs per key; GETs are free and not limited.
	isPaced: (call) => call.method === 'POST',
	timeoutMs: (call) => REQUEST_TIMEOUT_MS[call.method],
	retryRules: (call, client) => ({
		...ENROW_RETRY_LIMITS,
		...(call.method === 'POST' && client.timeout
			? {
					maxRateLimitRetries: Infinity,
					maxRateLimitWaitMs: Math.max(0, client.timeout.endsAtMs - Date.now()),
				}
			: {}),
		maxSingleRateLimitWaitMs: 60_000,
		// A job-starting POST that may have reached Enrow is never repeated: it could be charged twice.
		retryFailures: call.method === 'GET',
		// Enrow answers 500 "Could not retrieve…" for an unknown single-job ID: no retry fixes that.
		isFinal: (response) => isUnknownSingleJobAnswer(response.statusCode, response.body),
		// Retried until the Timeout, a 429 asking for no wait ("Retry-After: 0") must not become
		// a stream of POSTs: Enrow counts its limit over a second.
		retryDelayMs: (response, nowMs) => {
			const hinted = serverRetryDelayMs(response.headers, nowMs);
			return hinted === undefined ? undefined : Math.max(MIN_RATE_LIMIT_WAIT_MS, hinted);
		},
		backoff: { baseMs: 1000, maxMs: 30_000 },
	}),
	// A 202 to a read means "still running" whatever its body (Enrow's newest docs, and its
	// MCP server): an empty or non-JSON 202 is an answer, not a fault to retry.
	isAnswer: (call, statusCode, _body, parsed) =>
		parsed || (statusCode === 202 && call.method === 'GET'),
	isStopped: (call, client) => call.method === 'POST' && client.stop.answer !== undefined,
	stopped: (call, client) => {
		throw refusedForCredits(client, call);
	},
	refusedBaseUrl: (call, refusal, client) => {
		throw enrowBaseUrlError(client.context.getNode(), refusal, call);
	},
	settle: (call, outcome, client) => {
		const node = client.context.getNode();
		const failed: FailedCall = {
			...call,
			attempts: outcome.attempts,
			waitedMs: outcome.waitedMs,
			timeoutMinutes: call.method === 'POST' ? client.timeout?.minutes : undefined,
		};
		if ('failure' in outcome) throw enrowNetworkError(node, failed, outcome.failure);

		const { statusCode, body, unreadable } = outcome.response;
		if (statusCode >= 200 && statusCode < 300) {
			if (unreadable)
				throw enrowUnreadableAnswerError(node, failed, statusCode, body, client.redact);
			return { statusCode, body };
		}
		if (isRedirect(statusCode))
			throw enrowRedirectError(node, failed, outcome.response, client.url!, client.redact);
		const error = enrowHttpError(node, failed, statusCode, body, client.redact);
		if (enrowFailureReason(error) === 'outOfCredits') {
			client.stop.stopOn({
				response: outcome.response,
				itemIndex: call.itemIndex,
				atMs: Date.now(),
			});
		}
		throw error;
	},
};

export function createEnrowClient(context: EnrowContext): EnrowClient {
	return createApiClient(context, ENROW);
}

/**
 * The credential's Base URL, without a trailing slash. A Base URL that is not an http(s)
 * address throws, naming the fix, before anything is sent; `call` names the items the refused
 * request was for.
 */
export async function enrowBaseUrl(
	client: EnrowClient,
	call?: Pick<EnrowCall, 'itemIndex' | 'itemsLabel'>,
): Promise<string> {
	const reading = await client.baseUrl();
	if ('refusal' in reading)
		throw enrowBaseUrlError(client.context.getNode(), reading.refusal, call);
	return reading.url;
}
