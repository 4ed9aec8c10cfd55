/**
 * ValidEmailChecker's limits, as its help pages document them:
 * `perMinuteLimit` requests in any rolling 60 s and `perDayLimit` per UTC day, counted per
 * request and per account (every key of the account shares them; a key's account is
 * `apiKeys[key].account`, by default the key itself). Refused calls do not count. Every answer
 * to an identified account carries X-RateLimit-Limit, X-RateLimit-Remaining and
 * X-DailyLimit-Remaining. A sustained wall of 429s from one IP gets that IP blocked
 * (403 "Access denied") until reset(), as the docs warn.
 */
import type { Reply } from '../core/http';
import { MINUTE_WINDOW_MS, utcDayKey, type VecState } from './state';

/** Error bodies as documented: `{ "error": "<text>" }` plus the fields each one adds. */
export function vecError(
	status: number,
	error: string,
	extra: Record<string, unknown> = {},
	headers?: Record<string, string>,
): Reply {
	return { status, body: { error, ...extra }, headers };
}

/** The three headers of every answer to an account (after counting the call it answers). */
export function limitHeaders(
	state: VecState,
	account: string,
	now: number,
): Record<string, string> {
	const { perMinuteLimit, perDayLimit } = state.config;
	const inWindow = state.minuteWindow.count(account, now);
	const usedToday = state.dailyCalls.get(utcDayKey(now, account)) ?? 0;
	return {
		'X-RateLimit-Limit': String(perMinuteLimit),
		'X-RateLimit-Remaining': String(Math.max(0, perMinuteLimit - inWindow)),
		'X-DailyLimit-Remaining': String(Math.max(0, perDayLimit - usedToday)),
	};
}

/** The documented per-minute 429: body with retry_after_seconds, Retry-After and X-RateLimit-Reset. */
export function perMinuteRefusal(
	limit: number,
	current: number,
	waitMs: number,
	windowClearsAtMs: number,
	dailyRemaining: number,
): Reply {
	const seconds = Math.max(1, Math.ceil(waitMs / 1000));
	return vecError(
		429,
		'Rate limit exceeded',
		{ limit, window: '1 minute', current, retry_after_seconds: seconds },
		{
			'Retry-After': String(seconds),
			'X-RateLimit-Limit': String(limit),
			'X-RateLimit-Remaining': '0',
			'X-RateLimit-Reset': String(Math.ceil(windowClearsAtMs / 1000)),
			'X-DailyLimit-Remaining': String(dailyRemaining),
		},
	);
}

/**
 * The documented daily 429: `resets_at: "midnight UTC"`, no retry_after_seconds. The docs
 * cut off its headers after `X-DailyLimit-Limit`; the simulator adds the three every answer has.
 */
function dailyRefusal(state: VecState, account: string, now: number): Reply {
	const { perDayLimit } = state.config;
	const usedToday = state.dailyCalls.get(utcDayKey(now, account)) ?? 0;
	return vecError(
		429,
		'Daily limit exceeded',
		{ limit: perDayLimit, current: usedToday + 1, resets_at: 'midnight UTC' },
		{ 'X-DailyLimit-Limit': String(perDayLimit), ...limitHeaders(state, account, now) },
	);
}

/** Counts a refusal against the caller's IP, and blocks the IP after too many in a minute. */
function noteRefusal(state: VecState, ip: string, now: number): void {
	const threshold = state.config.ipBlockAfterRefusals;
	const refusals = state.refusalsByIp.add(ip, now);
	if (threshold > 0 && refusals >= threshold) state.blockedIps.add(ip);
}

/** Counts the call, or answers the 429 (per-day checked first: it lasts longer). */
export function admitVecCall(
	state: VecState,
	apiKey: string,
	ip: string,
	now: number,
): Reply | null {
	const { perMinuteLimit, perDayLimit } = state.config;
	const account = state.accountOf(apiKey);
	const dayKey = utcDayKey(now, account);
	const usedToday = state.dailyCalls.get(dayKey) ?? 0;
	const refused = state.counters.refused;
	if (usedToday >= perDayLimit) {
		refused.perDay += 1;
		noteRefusal(state, ip, now);
		return dailyRefusal(state, account, now);
	}
	const inWindow = state.minuteWindow.count(account, now);
	if (inWindow >= perMinuteLimit) {
		refused.perMinute += 1;
		noteRefusal(state, ip, now);
		return perMinuteRefusal(
			perMinuteLimit,
			inWindow + 1,
			state.minuteWindow.msUntilSlotFrees(account, now),
			state.minuteWindow.newest(account, now) + MINUTE_WINDOW_MS,
			perDayLimit - usedToday,
		);
	}
	state.minuteWindow.add(account, now);
	state.dailyCalls.set(dayKey, usedToday + 1);
	return null;
}
