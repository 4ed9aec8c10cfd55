import {
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type NodeApiError,
} from 'n8n-workflow';

import { keyRedactor } from '../../shared/redactKey';
import { RunStop } from '../../shared/runStop';
import { sendOnce } from '../../shared/sendOnce';
import {
	sendWithRetries,
	type RetriedOutcome,
	type RetryRules,
} from '../../shared/sendWithRetries';
import { looksLikeVerification } from '../helpers/verificationResult';
import {
	endsTheRun,
	isDailyLimit,
	PER_MINUTE_MAX_WAIT_MS,
	vecHttpError,
	vecNetworkError,
	vecUnreadableAnswerError,
	type VerifyCall,
} from './errors';

export const DEFAULT_BASE_URL = 'https://app.validemailchecker.com';
export const VERIFY_PATH = '/api/verify-single';

/** State shared by the requests of one node run, and only of that run. */
export interface VecSession {
	baseUrl?: string;
	/** Only to scrub it from any text quoted in an error; never sent anywhere by this code. */
	apiKey?: string;
	/** Set by an answer every later item would get too: from then on the run sends nothing. */
	stop: RunStop;
}

export function createVecSession(): VecSession {
	return { stop: new RunStop() };
}

/**
 * Retry bounds. Exported so tests and the README quote the same numbers.
 * - 429 per minute: waits as long as `Retry-After` says (at most a minute each time).
 * - 500, 502, 503, 504 and broken connections: retried. Verifying is idempotent in effect
 *   (the same address gets the same verdict) and such an answer carries no result, so
 *   without a retry the user has nothing; the cost is that an attempt which failed after
 *   the API did the check may have used a credit. Two retries bound that.
 */
export const VEC_RETRY_LIMITS = {
	maxRateLimitRetries: 6,
	maxRateLimitWaitMs: 180_000,
	maxSingleRateLimitWaitMs: PER_MINUTE_MAX_WAIT_MS,
	maxFailureRetries: 2,
};

const RETRIED_SERVER_ERRORS = new Set([500, 502, 503, 504]);

/**
 * The docs say 1–3 s, longer for slow mail servers, "the connection holds open".
 * Exported (and mutable) so tests can shorten it.
 */
export const REQUEST_TIMEOUT_MS = { POST: 90_000 };

function retryRules(context: IExecuteFunctions, session: VecSession): RetryRules {
	return {
		...VEC_RETRY_LIMITS,
		retryFailures: true,
		isFinal: (response) =>
			isDailyLimit(response, Date.now()) ||
			(response.statusCode >= 500 && !RETRIED_SERVER_ERRORS.has(response.statusCode)),
		backoff: { baseMs: 1000, maxMs: 15_000 },
		sleep,
		now: () => Date.now(),
		isCancelled: () =>
			session.stop.answer !== undefined || context.getExecutionCancelSignal()?.aborted === true,
	};
}

async function resolveCredentials(
	context: IExecuteFunctions,
	session: VecSession,
): Promise<string> {
	if (session.baseUrl === undefined) {
		const credentials = await context.getCredentials('validEmailCheckerApi');
		const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
		session.baseUrl = (configured || DEFAULT_BASE_URL).replace(/\/+$/, '');
		session.apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : undefined;
	}
	return session.baseUrl;
}

function redactor(session: VecSession): (text: string) => string {
	return keyRedactor(session.apiKey);
}

function wasRetrying(outcome: RetriedOutcome): boolean {
	if ('failure' in outcome) return true;
	const { statusCode } = outcome.response;
	return statusCode === 429 || statusCode >= 500 || outcome.response.unreadable === true;
}

/** The error for an item that is not sent because an earlier answer ended the run. */
function stoppedError(context: IExecuteFunctions, session: VecSession, itemIndex: number) {
	const stop = session.stop.answer!;
	const call: VerifyCall = { itemIndex, attempts: 0, waitedMs: 0, stoppedBy: stop.itemIndex };
	return vecHttpError(context.getNode(), call, stop.response, stop.atMs, redactor(session));
}

/**
 * The one place this node talks HTTP: `POST /api/verify-single` for one address.
 * Retries what is worth retrying, stops the whole run on answers every other item would
 * get too (401, 402, 403, 404, daily quota), and turns every failure into an error that
 * names the item and says what to do.
 */
export async function verifyEmail(
	context: IExecuteFunctions,
	session: VecSession,
	email: string,
	itemIndex: number,
): Promise<IDataObject> {
	if (session.stop.answer) throw stoppedError(context, session, itemIndex);
	const baseUrl = await resolveCredentials(context, session);
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${baseUrl}${VERIFY_PATH}`,
		body: { email },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS.POST,
	};

	const outcome = await sendWithRetries(
		async () => {
			// Another item's answer may have ended the run while this one waited to retry.
			if (session.stop.answer) throw stoppedError(context, session, itemIndex);
			return await sendOnce(context, 'validEmailCheckerApi', options, looksLikeVerification);
		},
		retryRules(context, session),
	);
	// The run was stopped by another item while this one was between attempts (read again:
	// the check above was before the request).
	const stop = (session.stop as RunStop).answer;
	if (stop && stop.itemIndex !== itemIndex && wasRetrying(outcome)) {
		throw stoppedError(context, session, itemIndex);
	}

	const node = context.getNode();
	const redact = redactor(session);
	const call: VerifyCall = { itemIndex, attempts: outcome.attempts, waitedMs: outcome.waitedMs };
	if ('failure' in outcome) throw vecNetworkError(node, call, outcome.failure);

	const { response } = outcome;
	if (response.statusCode >= 200 && response.statusCode < 300) {
		if (response.unreadable) {
			throw vecUnreadableAnswerError(node, call, response.statusCode, response.body, redact);
		}
		return response.body as IDataObject;
	}
	const nowMs = Date.now();
	const error: NodeApiError = vecHttpError(node, call, response, nowMs, redact);
	if (endsTheRun(response, nowMs)) session.stop.stopOn({ response, itemIndex, atMs: nowMs });
	throw error;
}
