import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { apiErrorText } from '../../shared/apiErrorText';
import {
	isRedirect,
	redirectTexts,
	type BaseUrlOwner,
	type BaseUrlTexts,
} from '../../shared/baseUrl';
import type { ApiResponse, NetworkFailure } from '../../shared/apiAnswer';
import {
	dailyResetAtMs,
	DOCUMENTED_PER_DAY_LIMIT,
	DOCUMENTED_PER_MINUTE_LIMIT,
	isDailyLimit,
	isLongPerMinuteWait,
	PER_MINUTE_MAX_WAIT_MS,
	refusedLimit,
	retryHintMs,
} from './rateLimits';

/** The credential and service the Base URL texts name. */
export const VEC_BASE_URL_OWNER: BaseUrlOwner = {
	credential: 'ValidEmailChecker API',
	service: 'ValidEmailChecker',
	defaultUrl: 'https://app.validemailchecker.com',
};

/** What the error messages need to know about the request that failed. */
export interface VerifyCall {
	itemIndex: number;
	attempts: number;
	waitedMs: number;
	/**
	 * Set when this item was never sent because the answer for another item ended the run
	 * (bad key, no credits, daily limit used up...): that item's index.
	 */
	stoppedBy?: number;
	/** Set for a duplicate: the item with the same address whose request answered for it. */
	sameAddressAs?: number;
	/** The Base URL the request went to, for the texts about a redirect. */
	baseUrl?: string;
	/** The path it asked for there. */
	path?: string;
}

const DASHBOARD = 'app.validemailchecker.com';

/**
 * Answers after which every other item would get the same answer: the run stops sending.
 * A per-minute 429 that asks for a longer wait than a run waits is one of them.
 */
export function endsTheRun(response: ApiResponse, nowMs: number): boolean {
	return (
		[401, 402, 403, 404].includes(response.statusCode) ||
		isRedirect(response.statusCode) ||
		isDailyLimit(response) ||
		isLongPerMinuteWait(response, nowMs)
	);
}

function attempts(count: number): string {
	return count === 1 ? '1 attempt' : `${count} attempts`;
}

function itemLabel(call: VerifyCall): string {
	return `item ${call.itemIndex}`;
}

/**
 * What else the description says about the item (the title stays short for n8n's error
 * panel): a duplicate's address, and whether the run stopped because of it or before it.
 */
function sameAddressNote(call: VerifyCall): string {
	return call.sameAddressAs === undefined
		? ''
		: ` Item ${call.itemIndex} has the same address as item ${call.sameAddressAs}, which got this answer.`;
}

function stoppedNote(call: VerifyCall): string {
	const stopped =
		call.stoppedBy === undefined
			? ' The node sent no further requests in this run.'
			: ` Item ${call.itemIndex} was not sent: the answer for item ${call.stoppedBy} stopped the run, so it used no credit.`;
	return `${sameAddressNote(call)}${stopped}`;
}

function formatDuration(ms: number): string {
	const minutes = Math.ceil(ms / 60_000);
	if (minutes <= 1) return 'about a minute';
	if (minutes < 60) return `about ${minutes} min`;
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	return rest ? `about ${hours} h ${rest} min` : `about ${hours} h`;
}

function formatUtc(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function field(response: ApiResponse, name: string): unknown {
	const { body } = response;
	return typeof body === 'object' && body !== null ? (body as JsonObject)[name] : undefined;
}

function dailyResetText(response: ApiResponse, nowMs: number): string {
	const resetAt = dailyResetAtMs(response, nowMs);
	const limit = Number(field(response, 'limit'));
	const allowance = `${(Number.isInteger(limit) && limit > 0 ? limit : DOCUMENTED_PER_DAY_LIMIT).toLocaleString('en-US')} requests per UTC day`;
	return `ValidEmailChecker allows ${allowance} per account, all its API keys together. It resets in ${formatDuration(resetAt - nowMs)} (at ${formatUtc(resetAt)}).`;
}

function unauthorizedAdvice(text: string): string {
	if (/authorization header/i.test(text)) {
		return 'ValidEmailChecker did not find a key in the request: the API Key field of the credential is probably empty, or starts with a space or a quote. Paste the key (35 characters, starting with VEC) from the Developer page of app.validemailchecker.com and save the credential.';
	}
	return 'The key does not exist or was deleted; an account that has not bought credits yet gets this answer too (the API opens after the first purchase). Create a key on the Developer page of app.validemailchecker.com and save it in the credential.';
}

function forbidden(text: string, response: ApiResponse): { cause: string; advice: string } {
	const error = String(field(response, 'error') ?? '');
	if (/access denied|\bip\b/i.test(`${error} ${text}`)) {
		return {
			cause: 'blocks requests from the IP address of your n8n server',
			advice:
				"ValidEmailChecker blocks an IP address after a sustained wall of 429 answers (too many requests). This node keeps to the rate limit, so another workflow or app on this server probably did not. Contact ValidEmailChecker support with your n8n server's public IP address to lift the block.",
		};
	}
	if (/suspend/i.test(`${error} ${text}`)) {
		return {
			cause: 'has suspended this API key',
			advice: `Do not retry: if you disabled the key, enable it again on the Developer page of ${DASHBOARD}, or put another key in the credential; otherwise contact ValidEmailChecker support.`,
		};
	}
	return {
		cause: 'has suspended this API key or blocks the IP address of your n8n server',
		advice: `Contact ValidEmailChecker support (${DASHBOARD}) to lift the block; give them your n8n server's public IP address if the IP is blocked.`,
	};
}

function balanceNote(response: ApiResponse): string {
	const balance = field(response, 'current_balance');
	return typeof balance === 'number'
		? ` ValidEmailChecker reports a balance of ${balance} credits.`
		: '';
}

/**
 * Turns a ValidEmailChecker error answer into a message that says what happened, for
 * which item, and what to do. Built from the status, headers and body only: the request
 * (and so the Authorization header) is never part of the error, and `redact` removes the
 * key should the API ever echo it.
 */
export function vecHttpError(
	node: INode,
	call: VerifyCall,
	response: ApiResponse,
	nowMs: number,
	redact: (text: string) => string,
): NodeApiError {
	const { statusCode } = response;
	const text = redact(apiErrorText(response.body) ?? `HTTP ${statusCode}`);
	const item = itemLabel(call);
	let message: string;
	let description: string;

	if (statusCode === 401) {
		message = `ValidEmailChecker rejected the API key for ${item}: "${text}"`;
		description = `${unauthorizedAdvice(text)} Nothing was charged.${stoppedNote(call)}`;
	} else if (statusCode === 402) {
		message = `Not enough ValidEmailChecker credits for ${item}: "${text}"`;
		description = `Buy credits or upgrade your plan in ${DASHBOARD}, then run the items that failed again.${balanceNote(response)} Items verified before this answer keep their results.${stoppedNote(call)}`;
	} else if (statusCode === 403) {
		const { cause, advice } = forbidden(text, response);
		message = `ValidEmailChecker refused access for ${item}: it ${cause}: "${text}"`;
		description = `${advice} Nothing was charged.${stoppedNote(call)}`;
	} else if (statusCode === 404) {
		message = `No ValidEmailChecker API answers at this Base URL: "${text}"`;
		description = `Check the Base URL in the ValidEmailChecker credential: it should be https://${DASHBOARD}. Nothing was charged.${stoppedNote(call)}`;
	} else if (isRedirect(statusCode)) {
		const request = {
			baseUrl: call.baseUrl ?? VEC_BASE_URL_OWNER.defaultUrl,
			path: call.path ?? '',
		};
		({ message, description } = redirectTexts(VEC_BASE_URL_OWNER, response, request, redact));
		description += stoppedNote(call);
	} else if (statusCode === 429 && isDailyLimit(response)) {
		message = `The daily ValidEmailChecker limit of this account is used up: "${text}"`;
		description = `${dailyResetText(response, nowMs)} The node did not wait for it. Items verified before keep their results: run the remaining items again after the reset, or ask ValidEmailChecker for a higher daily limit. Refused requests are not charged.${stoppedNote(call)}`;
	} else if (statusCode === 429 && isLongPerMinuteWait(response, nowMs)) {
		const waitMs = retryHintMs(response, nowMs)!;
		const limit = refusedLimit(response) ?? DOCUMENTED_PER_MINUTE_LIMIT;
		message = `ValidEmailChecker's per-minute rate limit stopped ${item}: it asks to wait ${formatDuration(waitMs)}`;
		description = `ValidEmailChecker answered "${text}" for its per-minute limit (${limit} requests a minute per account, all its API keys together) and asked to wait ${formatDuration(waitMs)}, until ${formatUtc(nowMs + waitMs)}. A run waits at most ${Math.round(PER_MINUTE_MAX_WAIT_MS / 1000)} s for this limit, so the node stopped rather than hold the workflow. It keeps to the limit by itself, so another workflow or app is probably using the same ValidEmailChecker account at the same time: run them one after the other, and run the remaining items again after that time. Items verified before keep their results. Refused requests are not charged.${stoppedNote(call)}`;
	} else if (statusCode === 429) {
		const seconds = Math.round(call.waitedMs / 1000);
		const limit = refusedLimit(response) ?? DOCUMENTED_PER_MINUTE_LIMIT;
		message = `ValidEmailChecker's per-minute rate limit stopped ${item}`;
		description = `Still "${text}" after ${attempts(call.attempts)} over ${seconds} s.${sameAddressNote(call)} The node keeps to the rate limit ValidEmailChecker reports (${limit} requests a minute per account, all its API keys together) and waited as long as each answer asked. Answers like these mean another workflow or app is using the same ValidEmailChecker account at the same time: run them one after the other, or try again in a few minutes. Refused requests are not charged.`;
	} else if (statusCode >= 500) {
		message = `ValidEmailChecker had a server error while verifying ${item} (HTTP ${statusCode}): "${text}"`;
		description = `The address was not verified (${attempts(call.attempts)}).${sameAddressNote(call)} The node retried because a server error carries no result; an attempt that failed after ValidEmailChecker had done the check may have used a credit. Try again in a few minutes.`;
	} else {
		message = `ValidEmailChecker refused the request for ${item} (HTTP ${statusCode}): "${text}"`;
		description = `Check the address mapped into "Email" for this item.${sameAddressNote(call)} Nothing should have been charged for a refused request.`;
	}

	return new NodeApiError(node, { httpCode: String(statusCode), message: text } as JsonObject, {
		message,
		description,
		httpCode: String(statusCode),
		itemIndex: call.itemIndex,
	});
}

/** Plain words for a network failure: n8n replaces any message that contains the raw code. */
function networkWords(code: string): string {
	switch (code) {
		case 'ECONNREFUSED':
			return 'the connection was refused';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'the host name could not be resolved';
		case 'ETIMEDOUT':
		case 'ESOCKETTIMEDOUT':
		case 'ECONNABORTED':
			return 'the request timed out';
		case 'ECONNRESET':
		case 'EPIPE':
			return 'the connection broke before the answer came';
		default:
			return 'the network request failed';
	}
}

export function vecNetworkError(
	node: INode,
	call: VerifyCall,
	failure: NetworkFailure,
): NodeApiError {
	const message = `Could not verify ${itemLabel(call)} with ValidEmailChecker: ${networkWords(failure.code)}`;
	const tried = `Network error code ${failure.code} (${attempts(call.attempts)}).${sameAddressNote(call)}`;
	const description = failure.reachedServer
		? `${tried} The request was repeated because it returned no result; an attempt that broke after ValidEmailChecker had done the check may have used a credit. Try again in a few minutes.`
		: `${tried} Check your network and the Base URL in the ValidEmailChecker credential (https://${DASHBOARD}). Nothing was charged.`;
	return new NodeApiError(node, { message: 'network failure' } as JsonObject, {
		message,
		description,
		itemIndex: call.itemIndex,
	});
}

export function vecUnreadableAnswerError(
	node: INode,
	call: VerifyCall,
	statusCode: number,
	body: unknown,
	redact: (text: string) => string,
): NodeApiError {
	const snippet = redact(
		apiErrorText(typeof body === 'string' ? body : JSON.stringify(body ?? null)) ?? '',
	);
	return new NodeApiError(node, { message: 'unreadable answer' } as JsonObject, {
		message: `ValidEmailChecker's answer for ${itemLabel(call)} could not be read (HTTP ${statusCode})`,
		description: `The answer was not a verification result, so the address was not verified (${attempts(call.attempts)}).${sameAddressNote(call)} An attempt may have used a credit. Check the Base URL in the ValidEmailChecker credential, or try again in a few minutes. Answer began: ${snippet.slice(0, 200)}`,
		httpCode: String(statusCode),
		itemIndex: call.itemIndex,
	});
}

/** The credential's Base URL is not an http(s) address: refused before anything is sent. */
export function vecBaseUrlError(
	node: INode,
	refusal: BaseUrlTexts,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(node, refusal.message, {
		itemIndex,
		description: refusal.description,
	});
}
