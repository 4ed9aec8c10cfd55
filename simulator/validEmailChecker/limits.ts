/**
 * ValidEmailChecker's per-key limits: `perMinuteLimit` calls in any sliding 60 s window and
 * `perDayLimit` calls per UTC day. Refused calls do not count.
 */
import type { Reply } from '../http';
import type { SimulatorState } from '../state';

/** Error bodies are `{"error": "<code>", "message": "<text>"}`: the docs list only the HTTP codes. */
export function vecError(
	status: number,
	error: string,
	message: string,
	headers?: Record<string, string>,
): Reply {
	return { status, body: { error, message }, headers };
}

export function vecRateLimitedReply(scope: 'minute' | 'day', seconds: number): Reply {
	const retryAfter = { 'Retry-After': String(Math.max(1, Math.ceil(seconds))) };
	return scope === 'minute'
		? vecError(429, 'rate_limit_exceeded', 'Rate limit exceeded (per-minute)', retryAfter)
		: vecError(429, 'daily_limit_exceeded', 'Daily limit exceeded (per-day)', retryAfter);
}

function secondsUntilUtcMidnight(now: number): number {
	const midnight = new Date(now);
	midnight.setUTCHours(24, 0, 0, 0);
	return (midnight.getTime() - now) / 1000;
}

/** Counts the call, or answers the 429 (per-day checked first: it lasts longer). */
export function admitVecCall(state: SimulatorState, apiKey: string, now: number): Reply | null {
	const { perMinuteLimit, perDayLimit } = state.config.vec;
	const dayKey = `${new Date(now).toISOString().slice(0, 10)}|${apiKey}`;
	const usedToday = state.vecDailyCalls.get(dayKey) ?? 0;
	if (usedToday >= perDayLimit) return vecRateLimitedReply('day', secondsUntilUtcMidnight(now));
	if (state.vecMinuteWindow.count(apiKey, now) >= perMinuteLimit) {
		return vecRateLimitedReply(
			'minute',
			state.vecMinuteWindow.msUntilSlotFrees(apiKey, now) / 1000,
		);
	}
	state.vecMinuteWindow.add(apiKey, now);
	state.vecDailyCalls.set(dayKey, usedToday + 1);
	return null;
}
