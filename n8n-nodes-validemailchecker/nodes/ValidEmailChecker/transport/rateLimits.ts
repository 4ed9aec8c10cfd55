/**
 * What ValidEmailChecker's answers say about its limits (its docs; this package's README,
 * "Limits and retries"):
 * 60 requests in any rolling 60 s and 10,000 per UTC day, per account (all its keys together),
 * reported on every answer by X-RateLimit-Limit, X-RateLimit-Remaining and
 * X-DailyLimit-Remaining; a 429 says which limit it is and how long to wait.
 */
import { isObject } from '../../shared/isObject';
import { readHeader, serverRetryDelayMs } from '../../shared/retryTiming';
import type { ApiResponse } from '../../shared/apiAnswer';

/** The documented limits, assumed until an answer reports the account's own. */
export const DOCUMENTED_PER_MINUTE_LIMIT = 60;
export const DOCUMENTED_PER_DAY_LIMIT = 10_000;
/** The per-minute window is rolling, over 60 s (not a clock minute). */
export const RATE_WINDOW_MS = 60_000;

/**
 * The longest a run waits for one per-minute 429: the window's length. A 429 asking for more
 * (a server-side penalty, say) is not waited out: the run stops and says how long to wait.
 * How long the wait is says nothing of which limit it is: only the answer's words do.
 */
export const PER_MINUTE_MAX_WAIT_MS = RATE_WINDOW_MS;

/** What one answer reports; a field the answer lacks is undefined. */
export interface LimitReport {
	/** Requests allowed in any 60 s (X-RateLimit-Limit). */
	limit?: number;
	/** Requests left in the rolling minute, this one counted (X-RateLimit-Remaining). */
	remaining?: number;
	/** Requests left today, UTC (X-DailyLimit-Remaining). */
	dailyRemaining?: number;
}

function header(response: ApiResponse, name: string): string | undefined {
	return readHeader(response.headers, name);
}

function count(text: string | undefined): number | undefined {
	return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

function bodyField(response: ApiResponse, name: string): unknown {
	return isObject(response.body) ? response.body[name] : undefined;
}

export function readLimitReport(response: ApiResponse): LimitReport {
	return {
		limit: count(header(response, 'x-ratelimit-limit')),
		remaining: count(header(response, 'x-ratelimit-remaining')),
		dailyRemaining: count(header(response, 'x-dailylimit-remaining')),
	};
}

/**
 * How long a 429 asks to wait: `Retry-After`, else the body's `retry_after_seconds`, else
 * `X-RateLimit-Reset` (when the whole window clears: longer than needed, but safe).
 */
export function retryHintMs(response: ApiResponse, nowMs: number): number | undefined {
	const retryAfter = header(response, 'retry-after');
	if (retryAfter) return serverRetryDelayMs({ 'retry-after': retryAfter }, nowMs);
	const seconds = Number(bodyField(response, 'retry_after_seconds'));
	if (bodyField(response, 'retry_after_seconds') !== undefined && Number.isFinite(seconds)) {
		return Math.max(0, Math.ceil(seconds * 1000));
	}
	return serverRetryDelayMs(response.headers, nowMs);
}

const DAILY_WORDS = /\b(day|daily|today|per-day|24 ?h(ours?)?)\b/i;

/**
 * A 429 for the daily limit, as opposed to the per-minute one, by what the answer says (as
 * ValidEmailChecker's API reference documents its 429s): its body says "Daily limit exceeded"
 * (or names a day in its `window`) and carries `resets_at`, or X-DailyLimit-Remaining says no
 * request is left today. Not by how long it asks to wait: a per-minute 429 may ask for minutes.
 * Waiting for midnight UTC inside a workflow run makes no sense: it fails fast.
 */
export function isDailyLimit(response: ApiResponse): boolean {
	if (response.statusCode !== 429) return false;
	if (bodyField(response, 'resets_at') !== undefined) return true;
	if (readLimitReport(response).dailyRemaining === 0) return true;
	return ['error', 'message', 'reason', 'window'].some((field) => {
		const value = bodyField(response, field);
		return typeof value === 'string' && DAILY_WORDS.test(value.replace(/_/g, ' '));
	});
}

/**
 * A per-minute 429 that asks for a longer wait than a run waits (PER_MINUTE_MAX_WAIT_MS): the
 * refused request is not retried, and the run stops: every other item would be refused too.
 */
export function isLongPerMinuteWait(response: ApiResponse, nowMs: number): boolean {
	if (response.statusCode !== 429 || isDailyLimit(response)) return false;
	const hinted = retryHintMs(response, nowMs);
	return hinted !== undefined && hinted > PER_MINUTE_MAX_WAIT_MS;
}

export function nextUtcMidnightMs(nowMs: number): number {
	const midnight = new Date(nowMs);
	midnight.setUTCHours(24, 0, 0, 0);
	return midnight.getTime();
}

/**
 * When the daily limit resets: `resets_at` ("midnight UTC" in the docs, or a date), else a
 * wait the server asked for, else midnight UTC, when the docs say every daily count resets.
 */
export function dailyResetAtMs(response: ApiResponse, nowMs: number): number {
	const resetsAt = bodyField(response, 'resets_at');
	if (typeof resetsAt === 'string' && !/midnight/i.test(resetsAt)) {
		const date = Date.parse(resetsAt);
		if (!Number.isNaN(date) && date > nowMs) return date;
	}
	if (resetsAt === undefined) {
		const hinted = retryHintMs(response, nowMs);
		if (hinted !== undefined && hinted > PER_MINUTE_MAX_WAIT_MS) return nowMs + hinted;
	}
	return nextUtcMidnightMs(nowMs);
}

/** The per-minute limit a 429 names (body `limit`, else X-RateLimit-Limit). */
export function refusedLimit(response: ApiResponse): number | undefined {
	const limit = Number(bodyField(response, 'limit'));
	if (Number.isInteger(limit) && limit > 0) return limit;
	return readLimitReport(response).limit;
}
