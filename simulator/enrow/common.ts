/** What every Enrow endpoint shares: auth, rate limiting, error bodies, credit checks, unknown ids. */
import { isPlainObject } from '../core/merge';
import { headerValue, json, type Reply, type RequestContext } from '../core/http';
import type { EnrowState } from './state';
import { admitEnrowPost } from './rateLimit';

export type EnrowHandler = (ctx: RequestContext, state: EnrowState, apiKey: string) => Reply;
export type EnrowRoute = (ctx: RequestContext, state: EnrowState) => Reply;

/** Enrow's error body: `{"message": "..."}` (in every revision of its docs). */
export function enrowError(status: number, message: string): Reply {
	return json(status, { message });
}

/** Auth (401), then for POSTs the rate limiter (429) and the JSON check (400), then the handler. */
export function enrowEndpoint(
	handler: EnrowHandler,
	{ invalidJsonText = 'Invalid JSON input' }: { invalidJsonText?: string } = {},
): EnrowRoute {
	return (ctx, state) => {
		const apiKey = headerValue(ctx.headers, 'x-api-key');
		if (!apiKey) return enrowError(401, 'No apikey found in the x-api-key headers');
		if (!state.isKnownKey(apiKey)) return enrowError(401, 'This apikey is not valid');
		if (ctx.method === 'POST') {
			const refused = admitEnrowPost(state, apiKey, Date.now());
			if (refused) return refused;
			if (ctx.invalidJson) return enrowError(400, invalidJsonText);
		}
		return handler(ctx, state, apiKey);
	};
}

export type EndpointScope = 'single' | 'bulk';

/**
 * Where Enrow's docs disagree (root README, that section): '402' (the new docs): single endpoints
 * answer `{"reason","success":false}`, bulk endpoints `{"message"}`. '422' (the older docs):
 * `{"message":"Insufficient balance"}` everywhere.
 * A POST is refused when the balance is below what it would reserve.
 */
export function refuseIfBalanceTooLow(
	state: EnrowState,
	apiKey: string,
	amount: number,
	scope: EndpointScope,
): Reply | null {
	if (state.balance(apiKey) >= amount) return null;
	if (state.config.insufficientCredits === '422') {
		return enrowError(422, 'Insufficient balance');
	}
	return scope === 'single'
		? json(402, { reason: 'Insufficient credits', success: false })
		: enrowError(402, 'Insufficient credits');
}

/**
 * The `credits` object of a verifier or phone POST's answer: where the credits came from.
 * `source` is `sub`, `paygo` or `mixed` (newest docs revision); `mixed` splits the amount.
 */
export function creditsSpent(state: EnrowState, amount: number): Record<string, unknown> {
	const source = state.config.creditsSource;
	const fromPaygo = source === 'paygo' ? amount : source === 'mixed' ? amount / 2 : 0;
	return { amount, source, split: { fromPaygo, fromSub: amount - fromPaygo } };
}

/**
 * Where Enrow's docs disagree (root README, that section). 'docs-new' (the new docs): "never
 * returns 404": 400 on bulk GETs, 500 on single GETs. 'llms' (the older docs): 404 "Bulk search
 * not found" on every GET (the bulk text copied onto single GETs, kept as a quirk).
 */
export function unknownJobReply(
	state: EnrowState,
	scope: EndpointScope,
	noun: 'search' | 'verification',
): Reply {
	if (state.config.unknownIdStyle === 'llms') return enrowError(404, 'Bulk search not found');
	return scope === 'bulk'
		? enrowError(400, `Could not retrieve bulk ${noun} results`)
		: enrowError(500, `Could not retrieve single ${noun} results`);
}

/** A JSON object body, or undefined (missing body, array, string...). */
export function objectBody(body: unknown): Record<string, unknown> | undefined {
	return isPlainObject(body) ? body : undefined;
}

/** A non-blank string field, trimmed; empty strings count as absent. */
export function textField(
	source: Record<string, unknown> | undefined,
	name: string,
): string | undefined {
	const value = source?.[name];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `settings.webhook`, when it is a non-blank string. */
export function webhookSetting(body: Record<string, unknown> | undefined): string | undefined {
	return textField(objectBody(body?.settings), 'webhook');
}

/** The few fields of a request that are echoed "as sent": absent stays absent. */
export function pick(source: Record<string, unknown>, names: string[]): Record<string, unknown> {
	const picked: Record<string, unknown> = {};
	for (const name of names) if (source[name] !== undefined) picked[name] = source[name];
	return picked;
}
