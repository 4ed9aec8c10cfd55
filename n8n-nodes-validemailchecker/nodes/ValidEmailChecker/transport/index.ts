import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { createApiClient, NOT_SENT, type ApiClient, type ApiProfile } from '../../shared/apiClient';
import type { NodeError } from '../../shared/asNodeError';
import type { RetriedOutcome } from '../../shared/retryRules';
import { looksLikeVerification } from '../helpers/verificationResult';
import { accountPacer } from './accountPacer';
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
function stopped(client: VecClient, itemIndex: number): VerifyFailure {
	const stop = client.stop.answer!;
	const call: VerifyCall = {
		itemIndex,
		attempts: 0,
		waitedMs: 0,
		stoppedBy: stop.itemIndex,
		baseUrl: client.url,
		path: VERIFY_PATH,
	};
	return failure(
		(forItem) =>
			vecHttpError(client.context.getNode(), forItem, stop.response, stop.atMs, client.redact),
		call,
	);
}

function cancelled(client: VecClient, itemIndex: number): VerifyFailure {
	return failure(
		(call) =>
			new NodeOperationError(
				client.context.getNode(),
				`The execution was cancelled before item ${call.itemIndex} was verified`,
				{ itemIndex: call.itemIndex, description: 'Nothing was sent or charged for this item.' },
			),
		{ itemIndex, attempts: 0, waitedMs: 0 },
	);
}

/** A verification: one address, sent for the item `itemIndex` (and its duplicates). */
export interface VerifyRequest {
	method: 'POST';
	path: typeof VERIFY_PATH;
	body: { email: string };
	itemIndex: number;
}

/**
 * The one place this node talks HTTP, made once per node run: `POST /api/verify-single` for one
 * address. Keeps to the account's rate limit (the pacer), retries what is worth retrying, stops
 * the whole run on answers every other item would get too (401, 402, 403, 404, the daily
 * limit), and says for every failure what happened and what to do.
 */
export type VecClient = ApiClient<VerifyRequest, VerifyOutcome>;

const VALID_EMAIL_CHECKER: ApiProfile<VerifyRequest, VerifyOutcome> = {
	credentialType: 'validEmailCheckerApi',
	baseUrlOwner: VEC_BASE_URL_OWNER,
	pacerFor: accountPacer,
	isPaced: () => true,
	timeoutMs: () => REQUEST_TIMEOUT_MS.POST,
	retryRules: () => ({
		...VEC_RETRY_LIMITS,
		retryFailures: true,
		retryDelayMs: retryHintMs,
		isFinal: (response) =>
			isDailyLimit(response) ||
			(response.statusCode >= 500 && !RETRIED_SERVER_ERRORS.has(response.statusCode)),
		backoff: { baseMs: 1000, maxMs: 15_000 },
	}),
	isAnswer: (_call, _statusCode, body, parsed) => parsed && looksLikeVerification(body),
	isStopped: (_call, client) => client.stop.answer !== undefined,
	// Stopped, the run's other items stop waiting their turn and between attempts too.
	endsWaits: (client) => client.stop.answer !== undefined,
	// Stop before the pacer lets the next request go: it would get the same answer.
	onAnswer: (call, response, client) => {
		const nowMs = Date.now();
		if (endsTheRun(response, nowMs)) {
			client.stop.stopOn({ response, itemIndex: call.itemIndex, atMs: nowMs });
		}
	},
	stopped: (call, client) => stopped(client, call.itemIndex),
	refusedBaseUrl: (_call, refusal, client) => ({
		errorFor: (forItem) => vecBaseUrlError(client.context.getNode(), refusal, forItem),
	}),
	settle: (request, outcome, client) => {
		const { itemIndex } = request;
		// The run was stopped by another item's answer while this one waited its turn or was
		// between attempts.
		const stop = client.stop.answer;
		if (stop && stop.itemIndex !== itemIndex && wasRetrying(outcome)) {
			return stopped(client, itemIndex);
		}
		if ('failure' in outcome && outcome.failure === NOT_SENT) return cancelled(client, itemIndex);

		const node = client.context.getNode();
		const { redact } = client;
		const call: VerifyCall = {
			itemIndex,
			attempts: outcome.attempts,
			waitedMs: outcome.waitedMs,
			baseUrl: client.url,
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
		// An answer that ends the run has stopped it already (onAnswer, before the pacer heard of it).
		const nowMs = Date.now();
		return failure((forItem) => vecHttpError(node, forItem, response, nowMs, redact), call);
	},
};

export function createVecClient(context: IExecuteFunctions): VecClient {
	return createApiClient(context, VALID_EMAIL_CHECKER);
}

/** Verifies `email`, asked for by the item `itemIndex` (and its duplicates). */
export async function verifyAddress(
	client: VecClient,
	email: string,
	itemIndex: number,
): Promise<VerifyOutcome> {
	return await client.request({ method: 'POST', path: VERIFY_PATH, body: { email }, itemIndex });
}
