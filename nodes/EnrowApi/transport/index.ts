import {
	sleep,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { isRedirect, readBaseUrl, type BaseUrlTexts } from '../../shared/baseUrl';
import { keyRedactor } from '../../shared/redactKey';
import { RunStop } from '../../shared/runStop';
import { sendOnce } from '../../shared/sendOnce';
import { serverRetryDelayMs } from '../../shared/retryTiming';
import {
	sendWithRetries,
	type ApiResponse,
	type NetworkFailure,
	type RetryRules,
} from '../../shared/sendWithRetries';
import {
	ENROW_BASE_URL_OWNER,
	enrowBaseUrlError,
	enrowFailureReason,
	enrowHttpError,
	enrowNetworkError,
	enrowRedirectError,
	enrowUnreadableAnswerError,
	isUnknownSingleJobAnswer,
	type FailedCall,
} from './errors';
import { postPacerFor, type PostAnswer, type PostPacer } from './postPacer';
import { REQUEST_TIMEOUT_MS } from './requestTimeouts';

export type EnrowContext = IExecuteFunctions | IWebhookFunctions;

/** State shared by all requests of one node run, and only of that run. */
export interface EnrowSession {
	/** The API key's pace in this process (postPacer.ts), shared with its other runs. */
	pacer?: PostPacer;
	/**
	 * The run's Timeout: a job-starting POST refused with 429 is tried again as long as its wait
	 * ends before the Timeout does. Without one, ENROW_RETRY_LIMITS bound the retries.
	 */
	timeout?: RunTimeout;
	/** Ended by a 402/422: from then on the run makes no paid request; each one gets this answer's error. */
	stop: RunStop;
	baseUrl?: string;
	/** Why the credential's Base URL cannot be used, when it cannot: every request is refused unsent. */
	baseUrlRefusal?: BaseUrlTexts;
	/** The credential, decrypted once per run and handed to every request of the run. */
	credentials?: ICredentialsDecrypted;
	/** Removes the API key from any text quoted in an error. */
	redact: (text: string) => string;
}

export interface RunTimeout {
	endsAtMs: number;
	/** As the user set it, to name in messages. */
	minutes: number;
}

export function createEnrowSession(): EnrowSession {
	return { stop: new RunStop(), redact: keyRedactor(undefined) };
}

export interface EnrowCall {
	method: 'GET' | 'POST';
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** e.g. "items 1 to 5,000": named in error messages of requests made for several items. */
	itemsLabel?: string;
}

/**
 * Retry bounds. Exported so tests and the README quote the same numbers. A job-starting POST
 * of a run with a Timeout retries 429s until that Timeout instead (`rateLimitDeadlineMs`).
 */
export const ENROW_RETRY_LIMITS = {
	maxRateLimitRetries: 8,
	maxRateLimitWaitMs: 120_000,
	maxFailureRetries: 4,
};

/** The shortest wait after a 429, whatever it asks. */
const MIN_RATE_LIMIT_WAIT_MS = 500;

function retryRules(context: EnrowContext, session: EnrowSession, call: EnrowCall): RetryRules {
	const untilTimeout =
		call.method === 'POST' && session.timeout
			? {
					maxRateLimitRetries: Infinity,
					maxRateLimitWaitMs: Math.max(0, session.timeout.endsAtMs - Date.now()),
				}
			: {};
	return {
		...ENROW_RETRY_LIMITS,
		...untilTimeout,
		maxSingleRateLimitWaitMs: 60_000,
		// A job-starting POST that may have reached Enrow is never repeated: it could be charged twice.
		retryFailures: call.method === 'GET',
		// Enrow answers 500 "Could not retrieve…" for an unknown single-job ID: no retry fixes that.
		isFinal: (response) => isUnknownSingleJobAnswer(response.statusCode, response.body),
		// Retried until the Timeout, a 429 asking for no wait ("Retry-After: 0") must not become
		// a stream of POSTs: Enrow counts its limit over a second.
		retryDelayMs: (response, nowMs) => {
			const hinted = serverRetryDelayMs(response.headers, nowMs);
			return hinted === undefined ? undefined : Math.max(MIN_RATE_LIMIT_WAIT_MS, hinted);
		},
		backoff: { baseMs: 1000, maxMs: 30_000 },
		sleep,
		now: () => Date.now(),
		isCancelled: () =>
			'getExecutionCancelSignal' in context && context.getExecutionCancelSignal()?.aborted === true,
	};
}

export const ENROW_BASE_URL = ENROW_BASE_URL_OWNER.defaultUrl;

/**
 * The credential's Base URL, without a trailing slash. The credential is read once per run:
 * n8n decrypts it on each read (a database read; in a resumed execution, also a fresh
 * expression sandbox, the slowest step of a resume), so the run's requests reuse it.
 * A Base URL that is not an http(s) address throws, naming the fix, before anything is sent;
 * `call` names the items the refused request was for.
 */
export async function enrowBaseUrl(
	context: EnrowContext,
	session: EnrowSession,
	call?: Pick<EnrowCall, 'itemIndex' | 'itemsLabel'>,
): Promise<string> {
	if (session.baseUrl === undefined && session.baseUrlRefusal === undefined) {
		const credentials = await context.getCredentials('enrowApi');
		session.redact = keyRedactor(credentials.apiKey);
		const reading = readBaseUrl(credentials.baseUrl, ENROW_BASE_URL_OWNER, session.redact);
		if ('refusal' in reading) {
			session.baseUrlRefusal = reading.refusal;
		} else {
			session.baseUrl = reading.url;
			session.pacer = postPacerFor(session.baseUrl, credentials.apiKey);
		}
		const stored = context.getNode().credentials?.enrowApi;
		if (stored?.id) {
			session.credentials = {
				id: stored.id,
				name: stored.name,
				type: 'enrowApi',
				data: credentials,
			};
		}
	}
	if (session.baseUrlRefusal)
		throw enrowBaseUrlError(context.getNode(), session.baseUrlRefusal, call);
	return session.baseUrl!;
}

/** A POST the run's cancellation stopped before it left. */
const NOT_SENT: NetworkFailure = { code: 'EXECUTION_CANCELLED', reachedServer: false };

/** What a POST's answer tells the key's pacer. */
function postAnswer(sent: ApiResponse | NetworkFailure | undefined): PostAnswer {
	if (!sent || !('statusCode' in sent)) return { other: true };
	if (sent.statusCode === 429)
		return { rateLimited: true, retryAfterMs: serverRetryDelayMs(sent.headers, Date.now()) };
	return sent.statusCode >= 200 && sent.statusCode < 300 ? { accepted: true } : { other: true };
}

/** A successful answer: its HTTP status (202 on a single job still running) and its body. */
export interface EnrowAnswer<T> {
	statusCode: number;
	body: T;
}

/**
 * The one place this node talks HTTP. Paces job-starting POSTs, retries what is safe to
 * retry, and turns every failure into an error that says what to do.
 */
export async function enrowRequest<T>(
	context: EnrowContext,
	session: EnrowSession,
	call: EnrowCall,
): Promise<T> {
	return (await enrowAnswer<T>(context, session, call)).body;
}

/** As enrowRequest, with the answer's HTTP status. */
export async function enrowAnswer<T>(
	context: EnrowContext,
	session: EnrowSession,
	call: EnrowCall,
): Promise<EnrowAnswer<T>> {
	const node = context.getNode();
	const refusedForCredits = () => {
		const { response } = session.stop.answer!;
		return enrowHttpError(
			node,
			{ ...call, attempts: 0, waitedMs: 0 },
			response.statusCode,
			response.body,
			session.redact,
		);
	};
	if (call.method === 'POST' && session.stop.answer) throw refusedForCredits();

	const baseUrl = await enrowBaseUrl(context, session, call);
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${baseUrl}${call.path}`,
		qs: call.qs,
		body: call.body,
		timeout: REQUEST_TIMEOUT_MS[call.method],
	};

	let rateLimited = false;
	const rules = retryRules(context, session, call);
	const outcome = await sendWithRetries(async () => {
		const send = async () => {
			const sent = await sendOnce(context, 'enrowApi', options, undefined, session.credentials);
			// A 202 to a read means "still running" whatever its body (Enrow's newest docs, and its
			// MCP server): an empty or non-JSON 202 is an answer, not a fault to retry.
			if ('statusCode' in sent && sent.statusCode === 202 && call.method === 'GET')
				return { ...sent, unreadable: false };
			return sent;
		};
		if (call.method !== 'POST') return await send();
		const answered = await session.pacer!.waitTurn({
			afterRateLimitWait: rateLimited,
			isCancelled: () => rules.isCancelled?.() === true,
		});
		// Cancelled while it waited its turn: never sent, so nothing can have been charged.
		if (!answered) return NOT_SENT;
		// Another request of this run may have been refused for credits while this one waited its turn.
		if (session.stop.answer) {
			answered({ other: true });
			throw refusedForCredits();
		}
		let sent: Awaited<ReturnType<typeof send>> | undefined;
		try {
			sent = await send();
			rateLimited = 'statusCode' in sent && sent.statusCode === 429;
			return sent;
		} finally {
			answered(postAnswer(sent));
		}
	}, rules);

	const failed: FailedCall = {
		...call,
		attempts: outcome.attempts,
		waitedMs: outcome.waitedMs,
		timeoutMinutes: call.method === 'POST' ? session.timeout?.minutes : undefined,
	};
	if ('failure' in outcome) throw enrowNetworkError(node, failed, outcome.failure);

	const { statusCode, body, unreadable } = outcome.response;
	if (statusCode >= 200 && statusCode < 300) {
		if (unreadable)
			throw enrowUnreadableAnswerError(node, failed, statusCode, body, session.redact);
		return { statusCode, body: body as T };
	}
	if (isRedirect(statusCode))
		throw enrowRedirectError(node, failed, outcome.response, baseUrl, session.redact);
	const error = enrowHttpError(node, failed, statusCode, body, session.redact);
	if (enrowFailureReason(error) === 'outOfCredits') {
		session.stop.stopOn({
			response: outcome.response,
			itemIndex: call.itemIndex,
			atMs: Date.now(),
		});
	}
	throw error;
}
