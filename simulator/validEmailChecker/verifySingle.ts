/**
 * ValidEmailChecker `POST /api/verify-single` (validemailchecker-verify-single.txt): synchronous,
 * `Authorization: Bearer <key>`, 1 credit per call, `unknown` refunded.
 * Checks, in order: 403 blocked IP, 401 auth, 403 suspended key, 429 limits, 400 body, 402 credits.
 */
import { headerValue, type Reply, type RequestContext } from '../http';
import type { SimulatorState } from '../state';
import { admitVecCall, vecError } from './limits';
import { verdictFor } from './rules';

export const VEC_PATH = '/api/verify-single';

function bearerKey(ctx: RequestContext): string | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(headerValue(ctx.headers, 'authorization') ?? '');
	return match?.[1];
}

function latencyMs(state: SimulatorState): number {
	const { min, max } = state.config.vec.latencyMs;
	return min + Math.random() * Math.max(0, max - min);
}

async function answer(ctx: RequestContext, state: SimulatorState): Promise<Reply> {
	const { vec } = state.config;
	if (vec.blockedIps.includes(ctx.remoteAddress)) {
		return vecError(
			403,
			'ip_blocked',
			`IP blocked: requests from ${ctx.remoteAddress} are not allowed`,
		);
	}
	const apiKey = bearerKey(ctx);
	if (!apiKey) {
		return vecError(
			401,
			'unauthorized',
			'Missing or invalid Authorization header (expected "Bearer <API key>")',
		);
	}
	const keyConfig = Object.prototype.hasOwnProperty.call(vec.apiKeys, apiKey)
		? vec.apiKeys[apiKey]
		: undefined;
	if (!keyConfig) return vecError(401, 'invalid_api_key', 'Invalid API key');
	if (keyConfig.suspended) return vecError(403, 'key_suspended', 'API key suspended');
	const limited = admitVecCall(state, apiKey, Date.now());
	if (limited) return limited;
	if (ctx.invalidJson) return vecError(400, 'invalid_json', 'Request body must be valid JSON');
	const email = (ctx.body as { email?: unknown } | undefined)?.email;
	if (typeof email !== 'string' || email.trim() === '') {
		return vecError(400, 'missing_email', 'Missing email field in the request body');
	}
	const balance = state.vecCredits.get(apiKey) ?? 0;
	if (balance < 1) return vecError(402, 'insufficient_credits', 'Insufficient credits');

	// Charged before the wait, so parallel calls cannot spend more than the balance.
	state.vecCredits.set(apiKey, balance - 1);
	state.counters.vec.charged += 1;
	await state.requestTimers.sleep(latencyMs(state));
	const verdict = verdictFor(email, new Date(), vec.statusMixPercent);
	if (verdict.credits_used === 0) {
		state.vecCredits.set(apiKey, (state.vecCredits.get(apiKey) ?? 0) + 1);
		state.counters.vec.refunded += 1;
	}
	return { status: 200, body: verdict };
}

/** Every request to the endpoint counts as a call; in-flight requests feed `maxConcurrent`. */
export async function verifySingle(ctx: RequestContext, state: SimulatorState): Promise<Reply> {
	const vec = state.counters.vec;
	vec.calls += 1;
	vec.inFlight += 1;
	vec.maxConcurrent = Math.max(vec.maxConcurrent, vec.inFlight);
	try {
		return await answer(ctx, state);
	} finally {
		vec.inFlight -= 1;
	}
}
