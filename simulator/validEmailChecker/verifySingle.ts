/**
 * ValidEmailChecker `POST /api/verify-single`, as its docs give it: synchronous,
 * `Authorization: Bearer <key>`, 1 credit per call, `unknown` refunded. Error bodies and texts as
 * its docs give them (authentication, limits, errors).
 * Checks, in order: 403 blocked IP, 401 auth, 403 suspended key, 429 limits, 400 body, 402 credits.
 */
import { headerValue, type Reply, type RequestContext } from '../core/http';
import type { VecState } from './state';
import { admitVecCall, limitHeaders, vecError } from './limits';
import { verdictFor } from './rules';

export const VEC_PATH = '/api/verify-single';

/** "Bearer" capitalised, exactly one space, the key without whitespace (its authentication docs). */
function bearerKey(ctx: RequestContext): string | undefined {
	const match = /^Bearer (\S+)$/.exec(headerValue(ctx.headers, 'authorization') ?? '');
	return match?.[1];
}

function latencyMs(state: VecState): number {
	const { min, max } = state.config.latencyMs;
	return min + Math.random() * Math.max(0, max - min);
}

export const MISSING_AUTH_TEXT =
	'Missing or invalid Authorization header. Use: Authorization: Bearer VEC...';
export const INVALID_KEY_TEXT = 'Invalid or inactive API key';
export const DEFAULT_SUSPENSION_REASON = 'This API key has been suspended';

async function answer(ctx: RequestContext, state: VecState): Promise<Reply> {
	const vec = state.config;
	const ip = ctx.remoteAddress;
	if (vec.blockedIps.includes(ip) || state.blockedIps.has(ip)) {
		return vecError(403, 'Access denied');
	}
	const apiKey = bearerKey(ctx);
	if (!apiKey) return vecError(401, MISSING_AUTH_TEXT);
	const keyConfig = Object.prototype.hasOwnProperty.call(vec.apiKeys, apiKey)
		? vec.apiKeys[apiKey]
		: undefined;
	if (!keyConfig) return vecError(401, INVALID_KEY_TEXT);
	const account = state.accountOf(apiKey);
	const now = Date.now();
	if (keyConfig.suspended) {
		const reason = typeof keyConfig.suspended === 'string' ? keyConfig.suspended : undefined;
		return vecError(
			403,
			'API key is suspended',
			{ reason: reason ?? DEFAULT_SUSPENSION_REASON },
			limitHeaders(state, account, now),
		);
	}
	const limited = admitVecCall(state, apiKey, ip, now);
	if (limited) return limited;
	const headers = limitHeaders(state, account, now);
	// An unreadable body has no email either: the docs give no other 400 text.
	const email = (ctx.body as { email?: unknown } | undefined)?.email;
	if (typeof email !== 'string' || email.trim() === '') {
		return vecError(400, 'Email is required', {}, headers);
	}
	const balance = state.credits.get(apiKey) ?? 0;
	if (balance < 1) {
		return vecError(
			402,
			'Insufficient credits',
			{ current_balance: balance, message: 'Please purchase more credits to continue' },
			headers,
		);
	}

	// Charged before the wait, so parallel calls cannot spend more than the balance.
	state.credits.set(apiKey, balance - 1);
	state.counters.charged += 1;
	await state.requestTimers.sleep(latencyMs(state));
	const verdict = verdictFor(email, new Date(), vec.statusMixPercent);
	if (verdict.credits_used === 0) {
		state.credits.set(apiKey, (state.credits.get(apiKey) ?? 0) + 1);
		state.counters.refunded += 1;
	}
	return { status: 200, body: verdict, headers };
}

/** Every request to the endpoint counts as a call; in-flight requests feed `maxConcurrent`. */
export async function verifySingle(ctx: RequestContext, state: VecState): Promise<Reply> {
	const counters = state.counters;
	counters.calls += 1;
	counters.inFlight += 1;
	counters.maxConcurrent = Math.max(counters.maxConcurrent, counters.inFlight);
	try {
		return await answer(ctx, state);
	} finally {
		counters.inFlight -= 1;
	}
}
