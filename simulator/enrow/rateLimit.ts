/**
 * Enrow's rate limit: "10 requests per second" per key on every POST endpoint; GETs are not limited.
 * A refused POST is not processed and does not use up a slot (only accepted POSTs fill the window).
 */
import { json, type Reply } from '../core/http';
import type { EnrowState } from './state';
import type { EnrowConfig } from './types';

/** The new docs' 429 body; its header is undocumented (SDKs read X-RateLimit-Reset), so optional. */
export function rateLimitedReply(header: EnrowConfig['rateLimitHeader'], seconds: number): Reply {
	const wait = String(Math.max(1, Math.ceil(seconds)));
	const headers: Record<string, string> =
		header === 'retry-after'
			? { 'Retry-After': wait }
			: header === 'x-ratelimit-reset'
				? { 'X-RateLimit-Reset': wait }
				: {};
	return json(429, { message: 'Too Many Requests' }, headers);
}

/** Lets the POST through (and counts it) or answers the 429. */
export function admitEnrowPost(state: EnrowState, apiKey: string, now: number): Reply | null {
	const { rateLimitPerSecond, rateLimitHeader } = state.config;
	if (state.acceptedPosts.count(apiKey, now) >= rateLimitPerSecond) {
		return rateLimitedReply(
			rateLimitHeader,
			state.acceptedPosts.msUntilSlotFrees(apiKey, now) / 1000,
		);
	}
	state.acceptedPosts.add(apiKey, now);
	return null;
}
