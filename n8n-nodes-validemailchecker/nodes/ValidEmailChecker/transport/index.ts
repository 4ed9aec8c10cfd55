import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import type { NodeError } from '../../shared/asNodeError';
import { readBaseUrl, type BaseUrlTexts } from '../../shared/baseUrl';
import { keyRedactor } from '../../shared/redactKey';
import { RunStop } from '../../shared/runStop';
import { sendOnce } from '../../shared/sendOnce';
import {
	isNetworkFailure,
	sendWithRetries,
	type NetworkFailure,
	type RetriedOutcome,
	type RetryRules,
} from '../../shared/sendWithRetries';
import { looksLikeVerification } from '../helpers/verificationResult';
import { accountPacer, type AccountPacer } from './accountPacer';
import {
	endsTheRun,
	VEC_BASE_URL_OWNER,
	vecBaseUrlError,
	vecHttpError,
	vecNetworkError,
	vecUnreadableAnswerError,
	type VerifyCall,
} from './errors';
import { isDailyLimit, PER_MINUTE_MAX_WAIT_MS, retryHintMs } from './rateLimits';
import { REQUEST_TIMEOUT_MS } from './requestTimeouts';

export const DEFAULT_BASE_URL = VEC_BASE_URL_OWNER.defaultUrl;
export const VERIFY_PATH = '/api/verify-single';

/** State shared by the requests of one node run, and only of that run. */
export interface VecSession {
	baseUrl?: string;
	/** Why the credential's Base URL cannot be used, when it cannot: nothing is sent. */
	baseUrlRefusal?: BaseUrlTexts;
	/** Only to scrub it from any text quoted in an error; never sent anywhere by this code. */
	apiKey?: string;
	/** Set by an answer every later item would get too: from then on the run sends nothing. */
	stop: RunStop;
	/** The account's pace, shared with every run in this process that uses the same key. */
	pacer?: AccountPacer;
}

export function createVecSession(): VecSession {
	return { stop: new RunStop() };
}

/**
 * Retry bounds. Exported so tests and the README quote the same numbers.
 * - 429 per minute (rare: the pacer keeps to the limit; another client of the account may
 *   not): waits as long as the answer says (`Retry-After`, `retry_after_seconds`), at most a
 *   minute each time.
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

function retryRules(context: IExecuteFunctions, session: VecSession): RetryRules {
	return {
		...VEC_RETRY_LIMITS,
		retryFailures: true,
		retryDelayMs: retryHintMs,
		isFinal: (response) =>
			isDailyLimit(response) ||
			(response.statusCode >= 500 && !RETRIED_SERVER_ERRORS.has(response.statusCode)),
		backoff: { baseMs: 1000, maxMs: 15_000 },
		sleep,
		now: () => Date.now(),
		isCancelled: () =>
			session.stop.answer !== undefined || context.getExecutionCancelSignal()?.aborted === true,
	};
}

/** The Base URL, or why it cannot be used (read once per run). */
async function resolveCredentials(
	context: IExecuteFunctions,
	session: VecSession,
): Promise<{ baseUrl: string } | { refusal: BaseUrlTexts }> {
	if (session.baseUrl === undefined && session.baseUrlRefusal === undefined) {
		const credentials = await context.getCredentials('validEmailCheckerApi');
		session.apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey : undefined;
		const reading = readBaseUrl(credentials.baseUrl, VEC_BASE_URL_OWNER, redactor(session));
		if ('refusal' in reading) {
			session.baseUrlRefusal = reading.refusal;
		} else {
			session.baseUrl = reading.url;
			session.pacer = accountPacer(session.baseUrl, session.apiKey);
		}
	}
	if (session.baseUrlRefusal) return { refusal: session.baseUrlRefusal };
	return { baseUrl: session.baseUrl! };
}

function redactor(session: VecSession): (text: string) => string {
	return keyRedactor(session.apiKey);
}

function wasRetrying(outcome: RetriedOutcome): boolean {
	if ('failure' in outcome) return true;
	const { statusCode } = outcome.response;
	return statusCode === 429 || statusCode >= 500 || outcome.response.unreadable === true;
}

/** Why a verification gave no result; `errorFor` builds the error for any item with that address. */
export interface VerifyFailure {
	errorFor(itemIndex: number): NodeError;
}

export type VerifyOutcome = { body: IDataObject } | VerifyFailure;

function failure(build: (call: VerifyCall) => NodeError, call: VerifyCall): VerifyFailure {
	return {
		errorFor: (itemIndex) =>
			build(
				itemIndex === call.itemIndex ? call : { ...call, itemIndex, sameAddressAs: call.itemIndex },
			),
	};
}

/** An item not sent because an earlier answer ended the run: that answer's error, for this item. */
function stopped(
	context: IExecuteFunctions,
	session: VecSession,
	itemIndex: number,
): VerifyFailure {
	const stop = session.stop.answer!;
	const call: VerifyCall = {
		itemIndex,
		attempts: 0,
		waitedMs: 0,
		stoppedBy: stop.itemIndex,
		baseUrl: session.baseUrl,
		path: VERIFY_PATH,
	};
	const redact = redactor(session);
	return failure(
		(forItem) => vecHttpError(context.getNode(), forItem, stop.response, stop.atMs, redact),
		call,
	);
}

function cancelled(context: IExecuteFunctions, itemIndex: number): VerifyFailure {
	return failure(
		(call) =>
			new NodeOperationError(
				context.getNode(),
				`The execution was cancelled before item ${call.itemIndex} was verified`,
				{ itemIndex: call.itemIndex, description: 'Nothing was sent or charged for this item.' },
			),
		{ itemIndex, attempts: 0, waitedMs: 0 },
	);
}

/** Returned by an attempt that was not made (the run stopped, or was cancelled, while it waited its turn). */
const NOT_SENT: NetworkFailure = { code: 'NOT_SENT', reachedServer: false };

/**
 * The one place this node talks HTTP: `POST /api/verify-single` for one address.
 * Keeps to the account's rate limit (the pacer), retries what is worth retrying, stops the
 * whole run on answers every other item would get too (401, 402, 403, 404, the daily
 * limit), and says for every failure what happened and what to do.
 */
export async function verifyAddress(
	context: IExecuteFunctions,
	session: VecSession,
	email: string,
	itemIndex: number,
): Promise<VerifyOutcome> {
	if (session.stop.answer) return stopped(context, session, itemIndex);
	const resolved = await resolveCredentials(context, session);
	if ('refusal' in resolved) {
		const { refusal } = resolved;
		return { errorFor: (forItem) => vecBaseUrlError(context.getNode(), refusal, forItem) };
	}
	const { baseUrl } = resolved;
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${baseUrl}${VERIFY_PATH}`,
		body: { email },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS.POST,
	};
	const isCancelled = () =>
		session.stop.answer !== undefined || context.getExecutionCancelSignal()?.aborted === true;

	let refusedForRate = false;
	const outcome = await sendWithRetries(
		async () => {
			const turn = await session.pacer!.waitTurn({
				afterRateLimitWait: refusedForRate,
				isCancelled,
			});
			if (!turn) return NOT_SENT;
			const answer = await sendOnce(
				context,
				'validEmailCheckerApi',
				options,
				looksLikeVerification,
			);
			if (isNetworkFailure(answer)) {
				turn.answered();
				return answer;
			}
			// Stop before the pacer lets the next request go: it would get the same answer.
			const nowMs = Date.now();
			if (endsTheRun(answer, nowMs)) {
				session.stop.stopOn({ response: answer, itemIndex, atMs: nowMs });
			}
			turn.answered(answer);
			refusedForRate = answer.statusCode === 429;
			return answer;
		},
		retryRules(context, session),
	);

	// The run was stopped by another item's answer while this one waited its turn or was
	// between attempts (read again: it was checked before the request).
	const stop = (session.stop as RunStop).answer;
	if (stop && stop.itemIndex !== itemIndex && wasRetrying(outcome)) {
		return stopped(context, session, itemIndex);
	}
	if ('failure' in outcome && outcome.failure === NOT_SENT) return cancelled(context, itemIndex);

	const node = context.getNode();
	const redact = redactor(session);
	const call: VerifyCall = {
		itemIndex,
		attempts: outcome.attempts,
		waitedMs: outcome.waitedMs,
		baseUrl,
		path: VERIFY_PATH,
	};
	if ('failure' in outcome) {
		const { failure: network } = outcome;
		return failure((forItem) => vecNetworkError(node, forItem, network), call);
	}

	const { response } = outcome;
	if (response.statusCode >= 200 && response.statusCode < 300) {
		if (!response.unreadable) return { body: response.body as IDataObject };
		return failure(
			(forItem) =>
				vecUnreadableAnswerError(node, forItem, response.statusCode, response.body, redact),
			call,
		);
	}
	const nowMs = Date.now();
	if (endsTheRun(response, nowMs)) session.stop.stopOn({ response, itemIndex, atMs: nowMs });
	return failure((forItem) => vecHttpError(node, forItem, response, nowMs, redact), call);
}
