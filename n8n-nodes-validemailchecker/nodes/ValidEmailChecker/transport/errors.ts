import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { apiErrorText } from '../../shared/apiErrorText';
import { serverRetryDelayMs } from '../../shared/retryTiming';
import type { ApiResponse, NetworkFailure } from '../../shared/sendWithRetries';

/** What the error messages need to know about the request that failed. */
export interface VerifyCall {
	itemIndex: number;
	attempts: number;
	waitedMs: number;
	/**
	 * Set when this item was never sent because the answer for another item ended the run
	 * (bad key, no credits, daily quota used up...): that item's index.
	 */
	stoppedBy?: number;
}

const DASHBOARD = 'app.validemailchecker.com';

/** A per-minute window never needs a longer wait than this; a longer hint means the daily quota. */
export const PER_MINUTE_MAX_WAIT_MS = 60_000;

const DAILY_WORDS = /\b(day|daily|today|per-day|24 ?h(ours?)?)\b/i;

/**
 * A 429 for the per-day quota, as opposed to the per-minute limit. ValidEmailChecker's
 * docs give one 429 for both ("per-minute or per-day"), so it is told apart by the wait
 * the server asks for (over a minute cannot be the minute window) or by its message.
 * Waiting for a daily reset inside a workflow run makes no sense: it fails fast.
 */
export function isDailyLimit(response: ApiResponse, nowMs: number): boolean {
	if (response.statusCode !== 429) return false;
	const hinted = serverRetryDelayMs(response.headers, nowMs);
	if (hinted !== undefined && hinted > PER_MINUTE_MAX_WAIT_MS) return true;
	const text = apiErrorText(response.body) ?? '';
	const code =
		typeof response.body === 'object' && response.body !== null
			? String((response.body as JsonObject).error ?? '')
			: '';
	return DAILY_WORDS.test(text) || DAILY_WORDS.test(code.replace(/_/g, ' '));
}

/** Answers after which every other item would get the same answer: the run stops sending. */
export function endsTheRun(response: ApiResponse, nowMs: number): boolean {
	return [401, 402, 403, 404].includes(response.statusCode) || isDailyLimit(response, nowMs);
}

function attempts(count: number): string {
	return count === 1 ? '1 attempt' : `${count} attempts`;
}

function itemLabel(call: VerifyCall): string {
	return call.stoppedBy === undefined
		? `item ${call.itemIndex}`
		: `item ${call.itemIndex} (not verified: the answer for item ${call.stoppedBy} stopped the run)`;
}

function stoppedNote(call: VerifyCall): string {
	return call.stoppedBy === undefined
		? ' The node sent no further requests in this run.'
		: ' This item was not verified and used no credit.';
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

function dailyResetText(response: ApiResponse, nowMs: number): string {
	const waitMs = serverRetryDelayMs(response.headers, nowMs);
	if (waitMs === undefined) {
		return "It resets when ValidEmailChecker's daily window starts again (your dashboard shows when).";
	}
	return `It resets in ${formatDuration(waitMs)} (at ${formatUtc(nowMs + waitMs)}).`;
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
		message = `ValidEmailChecker rejected the API key (${item}): "${text}". Check the ValidEmailChecker credential.`;
		description = `Check the ValidEmailChecker credential: copy the API key again from ${DASHBOARD} (API page) and save the credential. Nothing was charged.${stoppedNote(call)}`;
	} else if (statusCode === 402) {
		message = `Not enough ValidEmailChecker credits for ${item}: "${text}"`;
		description = `Buy credits or upgrade your plan in ${DASHBOARD}, then run the items that failed again. Items verified before this answer keep their results.${stoppedNote(call)}`;
	} else if (statusCode === 403) {
		const cause = /\bip\b/i.test(text)
			? 'blocks requests from the IP address of your n8n server'
			: /suspend/i.test(text)
				? 'has suspended this API key'
				: 'has suspended this API key or blocks the IP address of your n8n server';
		message = `ValidEmailChecker refused access for ${item}: it ${cause}: "${text}"`;
		description = `Contact ValidEmailChecker support (${DASHBOARD}) to lift the block; give them your n8n server's public IP address if the IP is blocked. Nothing was charged.${stoppedNote(call)}`;
	} else if (statusCode === 404) {
		message = `No ValidEmailChecker API answers at this Base URL (${item}): "${text}"`;
		description = `Check the Base URL in the ValidEmailChecker credential: it should be https://${DASHBOARD}. Nothing was charged.${stoppedNote(call)}`;
	} else if (statusCode === 429 && isDailyLimit(response, nowMs)) {
		message = `The daily ValidEmailChecker quota of this API key is used up (${item}): "${text}"`;
		description = `${dailyResetText(response, nowMs)} The node did not wait for it. Run the remaining items again after the reset, or ask ValidEmailChecker for a higher daily limit. Refused requests are not charged.${stoppedNote(call)}`;
	} else if (statusCode === 429) {
		const seconds = Math.round(call.waitedMs / 1000);
		message = `ValidEmailChecker's per-minute rate limit stopped ${item}: still "${text}" after ${attempts(call.attempts)} over ${seconds} s`;
		description =
			'The node waited as long as ValidEmailChecker asked, then gave up. Lower "Concurrency" in the node\'s options, check whether another workflow or app uses the same API key, or try again in a minute. Refused requests are not charged.';
	} else if (statusCode >= 500) {
		message = `ValidEmailChecker had a server error while verifying ${item} (HTTP ${statusCode}, ${attempts(call.attempts)}): "${text}"`;
		description =
			'The address was not verified. The node retried because a server error carries no result; an attempt that failed after ValidEmailChecker had done the check may have used a credit. Try again in a few minutes.';
	} else {
		message = `ValidEmailChecker refused the request for ${item} (HTTP ${statusCode}): "${text}"`;
		description =
			'Check the address mapped into "Email" for this item. Nothing should have been charged for a refused request.';
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
	const message = `Could not verify ${itemLabel(call)} with ValidEmailChecker: ${networkWords(failure.code)} (${attempts(call.attempts)})`;
	const description = failure.reachedServer
		? `Network error code ${failure.code}. The request was repeated because it returned no result; an attempt that broke after ValidEmailChecker had done the check may have used a credit. Try again in a few minutes.`
		: `Network error code ${failure.code}. Check your network and the Base URL in the ValidEmailChecker credential (https://${DASHBOARD}). Nothing was charged.`;
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
		message: `ValidEmailChecker's answer for ${itemLabel(call)} could not be read (HTTP ${statusCode}, ${attempts(call.attempts)})`,
		description: `The answer was not a verification result, so the address was not verified; an attempt may have used a credit. Check the Base URL in the ValidEmailChecker credential, or try again in a few minutes. Answer began: ${snippet.slice(0, 200)}`,
		httpCode: String(statusCode),
		itemIndex: call.itemIndex,
	});
}
