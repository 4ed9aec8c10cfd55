import { backoffDelayMs, serverRetryDelayMs, type BackoffOptions } from './retryTiming';

export interface ApiResponse {
	statusCode: number;
	headers: Record<string, string | string[] | number | undefined>;
	body: unknown;
	/** A 2xx answer whose body could not be parsed (cut off, HTML...): retried like a 5xx. */
	unreadable?: boolean;
}

/** A request that got no HTTP answer. */
export interface NetworkFailure {
	code: string;
	/**
	 * False only when the connection was never made (refused, DNS), so the server cannot
	 * have acted on the request. A reset or a timeout may come after the server did its work.
	 */
	reachedServer: boolean;
}

export type Attempt = () => Promise<ApiResponse | NetworkFailure>;

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
	sleep: (ms: number) => Promise<void>;
	now: () => number;
	isCancelled?: () => boolean;
}

export type RetriedOutcome =
	| { response: ApiResponse; attempts: number; waitedMs: number }
	| { failure: NetworkFailure; attempts: number; waitedMs: number };

const NEVER_CONNECTED = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

export function networkFailure(code: string | undefined): NetworkFailure {
	const known = code || 'NETWORK_ERROR';
	return { code: known, reachedServer: !NEVER_CONNECTED.has(known) };
}

export function isNetworkFailure(outcome: ApiResponse | NetworkFailure): outcome is NetworkFailure {
	return (
		(outcome as NetworkFailure).code !== undefined &&
		(outcome as ApiResponse).statusCode === undefined
	);
}

/**
 * The one retry loop of the package. It never repeats a request that may have been acted
 * on unless the caller said it is safe (`retryFailures`); a request that never reached the
 * server, or was answered 429, is always safe to repeat.
 */
export async function sendWithRetries(
	attempt: Attempt,
	rules: RetryRules,
): Promise<RetriedOutcome> {
	let attempts = 0;
	let rateLimitRetries = 0;
	let failureRetries = 0;
	let waitedMs = 0;

	for (;;) {
		attempts++;
		const outcome = await attempt();
		let delayMs: number | undefined;

		if (isNetworkFailure(outcome)) {
			const safe = !outcome.reachedServer || rules.retryFailures;
			if (safe && failureRetries < rules.maxFailureRetries) {
				failureRetries++;
				delayMs = backoffDelayMs(failureRetries, rules.backoff);
			} else {
				return { failure: outcome, attempts, waitedMs };
			}
		} else if (rules.isFinal?.(outcome)) {
			return { response: outcome, attempts, waitedMs };
		} else if (outcome.statusCode === 429) {
			const hinted = rules.retryDelayMs
				? rules.retryDelayMs(outcome, rules.now())
				: serverRetryDelayMs(outcome.headers, rules.now());
			const wait = hinted ?? backoffDelayMs(rateLimitRetries + 1, rules.backoff);
			const withinBounds =
				rateLimitRetries < rules.maxRateLimitRetries &&
				waitedMs + wait <= rules.maxRateLimitWaitMs &&
				(hinted === undefined || hinted <= rules.maxSingleRateLimitWaitMs);
			if (!withinBounds) return { response: outcome, attempts, waitedMs };
			rateLimitRetries++;
			delayMs = wait;
		} else if (
			(outcome.statusCode >= 500 || outcome.unreadable) &&
			rules.retryFailures &&
			failureRetries < rules.maxFailureRetries
		) {
			failureRetries++;
			delayMs = backoffDelayMs(failureRetries, rules.backoff);
		} else {
			return { response: outcome, attempts, waitedMs };
		}

		if (rules.isCancelled?.()) {
			return isNetworkFailure(outcome)
				? { failure: outcome, attempts, waitedMs }
				: { response: outcome, attempts, waitedMs };
		}
		await rules.sleep(delayMs);
		waitedMs += delayMs;
	}
}
