/** How long to wait before retrying a request, from the server's hints or by backoff. */

export interface BackoffOptions {
	baseMs: number;
	maxMs: number;
	/** 0..1, injected so tests can pin it. */
	random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so
 * retries from parallel items spread out but never fire at once.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions): number {
	const random = options.random ?? Math.random;
	const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

type HeaderValue = string | string[] | number | undefined;

/** A header's value whatever the case of its name (the first one when it is repeated), trimmed. */
export function readHeader(
	headers: Record<string, HeaderValue> | undefined,
	name: string,
): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	if (key === undefined) return undefined;
	const value = headers[key];
	if (value === undefined) return undefined;
	return String(Array.isArray(value) ? value[0] : value).trim();
}

/**
 * Reads `Retry-After` (seconds or an HTTP date) or `X-RateLimit-Reset`. Enrow does not
 * document either header, but its SDKs read `X-RateLimit-Reset` as "seconds to wait";
 * a value that looks like a Unix timestamp (seconds or milliseconds) is read as one.
 */
export function serverRetryDelayMs(
	headers: Record<string, HeaderValue> | undefined,
	nowMs: number,
): number | undefined {
	const retryAfter = readHeader(headers, 'retry-after');
	if (retryAfter) {
		if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) return Math.max(0, date - nowMs);
	}
	const reset = readHeader(headers, 'x-ratelimit-reset');
	if (reset && /^\d+(\.\d+)?$/.test(reset)) {
		const value = Number(reset);
		if (value > 1e12) return Math.max(0, value - nowMs);
		if (value > 1e9) return Math.max(0, value * 1000 - nowMs);
		return Math.ceil(value * 1000);
	}
	return undefined;
}
