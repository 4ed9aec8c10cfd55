import type { ApiResponse, NetworkFailure } from './apiAnswer';
import { isNetworkFailure } from './apiAnswer';
import { backoffDelayMs, serverRetryDelayMs, type BackoffOptions } from './retryTiming';

export interface RetryRules {
	/** 429 means "not processed", so it is always safe to retry, within these bounds. */
	maxRateLimitRetries: number;
	maxRateLimitWaitMs: number;
	/**
	 * A 429 whose server hint asks for a longer wait than this is not waited for
	 * (a daily quota, say): the caller gets the 429 at once and can say so.
	 */
	maxSingleRateLimitWaitMs: number;
	/** Retry 5xx answers and broken connections. Only for requests that are safe to repeat. */
	retryFailures: boolean;
	maxFailureRetries: number;
	/**
	 * Answers the caller knows repeating cannot fix, whatever their status (a 429 for a
	 * used-up daily quota, say): returned at once, without waiting.
	 */
	isFinal?: (response: ApiResponse) => boolean;
	/**
	 * How long a 429 asks to wait, for an API that says so in its body too. Default: the
	 * `Retry-After` or `X-RateLimit-Reset` header (serverRetryDelayMs).
	 */
	retryDelayMs?: (response: ApiResponse, nowMs: number) => number | undefined;
	backoff: BackoffOptions;
}

/** The retries a request has had so far. */
export interface RetryCount {
	rateLimitRetries: number;
	failureRetries: number;
	waitedMs: number;
}

export type RetriedOutcome =
	| { response: ApiResponse; attempts: number; waitedMs: number }
	| { failure: NetworkFailure; attempts: number; waitedMs: number };

/**
 * How long to wait before sending a request again after `outcome`, or undefined when it is not
 * sent again (`count` is updated for the retry). It never repeats a request that may have been
 * acted on unless the rules say it is safe (`retryFailures`); a request that never reached the
 * server, or was answered 429, is always safe to repeat.
 */
export function retryDelay(
	outcome: ApiResponse | NetworkFailure,
	count: RetryCount,
	rules: RetryRules,
	nowMs: number,
): number | undefined {
	if (isNetworkFailure(outcome)) {
		const safe = !outcome.reachedServer || rules.retryFailures;
		if (!safe || count.failureRetries >= rules.maxFailureRetries) return undefined;
		count.failureRetries++;
		return backoffDelayMs(count.failureRetries, rules.backoff);
	}
	if (rules.isFinal?.(outcome)) return undefined;
	if (outcome.statusCode === 429) {
		const hinted = rules.retryDelayMs
			? rules.retryDelayMs(outcome, nowMs)
			: serverRetryDelayMs(outcome.headers, nowMs);
		const wait = hinted ?? backoffDelayMs(count.rateLimitRetries + 1, rules.backoff);
		const withinBounds =
			count.rateLimitRetries < rules.maxRateLimitRetries &&
			count.waitedMs + wait <= rules.maxRateLimitWaitMs &&
			(hinted === undefined || hinted <= rules.maxSingleRateLimitWaitMs);
		if (!withinBounds) return undefined;
		count.rateLimitRetries++;
		return wait;
	}
	const failed = outcome.statusCode >= 500 || outcome.unreadable === true;
	if (!failed || !rules.retryFailures || count.failureRetries >= rules.maxFailureRetries)
		return undefined;
	count.failureRetries++;
	return backoffDelayMs(count.failureRetries, rules.backoff);
}
