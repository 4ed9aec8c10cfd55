/**
 * The one request layer of both packages: a client made once per node run holds what every
 * request of the run shares (the credential, read and decrypted once; the Base URL; the key
 * redactor; the account's pacer; RunStop; cancellation), and its `request` paces, sends through
 * n8n's HTTP helper and retries, in one loop. Each package plugs in what is its own through
 * an ApiProfile: which requests are paced, its retry bounds, and its error texts.
 */
import {
	sleep,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import {
	answerAsData,
	failureOf,
	isNetworkFailure,
	readAnswer,
	type ApiResponse,
	type NetworkFailure,
} from './apiAnswer';
import { readBaseUrl, type BaseUrlOwner, type BaseUrlReading, type BaseUrlTexts } from './baseUrl';
import { keyRedactor } from './redactKey';
import { retryDelay, type RetriedOutcome, type RetryCount, type RetryRules } from './retryRules';
import { RunStop } from './runStop';

export type ApiContext = IExecuteFunctions | IWebhookFunctions;

export interface ApiCall {
	method: 'GET' | 'POST';
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
}

/** The turn a request was given by a pacer: say how the API answered, once (nothing when no answer came). */
export interface Turn {
	answered(response?: ApiResponse): void;
}

/** Keeps an account's requests within its rate limit (one per account and process, perAccount.ts). */
export interface Pacer {
	/**
	 * Waits until a request may go and counts it; undefined when `isCancelled` says the run has
	 * stopped meanwhile. `afterRateLimitWait`: the request was refused with a 429 and has already
	 * waited as the answer asked, so the hold that answer put on the account is not waited again.
	 */
	waitTurn(options: {
		afterRateLimitWait?: boolean;
		isCancelled?: () => boolean;
	}): Promise<Turn | undefined>;
}

export interface RunTimeout {
	endsAtMs: number;
	/** As the user set it, to name in messages. */
	minutes: number;
}

/** Time as a client or a pacer sees it (tests bring one of their own). */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

/** What one API's requests do differently: its credential, pacing, retry bounds and error texts. */
export interface ApiProfile<Call extends ApiCall, Result> {
	credentialType: string;
	baseUrlOwner: BaseUrlOwner;
	pacerFor(baseUrl: string, apiKey: unknown): Pacer;
	/** Whether `call` waits for its turn at the account's pacer. */
	isPaced(call: Call): boolean;
	timeoutMs(call: Call): number;
	retryRules(call: Call, client: ApiClient<Call, Result>): RetryRules;
	/** Whether a 2xx body is an answer (`parsed`: it was JSON); default: when it was JSON. */
	isAnswer?(call: Call, statusCode: number, body: unknown, parsed: boolean): boolean;
	/** Whether an earlier answer ended the run for `call` (RunStop): it is not sent. */
	isStopped(call: Call, client: ApiClient<Call, Result>): boolean;
	/** Whether the run's answers so far end every wait, as the execution's cancellation does. */
	endsWaits?(client: ApiClient<Call, Result>): boolean;
	/** Sees each answer before the pacer hears of it (to stop the run before the next request goes). */
	onAnswer?(call: Call, response: ApiResponse, client: ApiClient<Call, Result>): void;
	/** The result (or the thrown error) of a call the run's stop kept from being sent. */
	stopped(call: Call, client: ApiClient<Call, Result>): Result;
	/** The result (or the thrown error) of a call refused because the Base URL cannot be used. */
	refusedBaseUrl(call: Call, refusal: BaseUrlTexts, client: ApiClient<Call, Result>): Result;
	/** The result (or the thrown error) of a call that was sent, from its last answer or failure. */
	settle(call: Call, outcome: RetriedOutcome, client: ApiClient<Call, Result>): Result;
	/** Tests only: a clock of their own. */
	clock?: Clock;
}

export interface ApiClient<Call extends ApiCall, Result> {
	readonly context: ApiContext;
	/** Ended by an answer every later paid request of the run would get too. */
	readonly stop: RunStop;
	/** The run's Timeout, for APIs whose retries wait until it (set by the run). */
	timeout?: RunTimeout;
	/** The Base URL in use, once read. */
	readonly url?: string;
	/** Removes the API key from any text quoted in an error. */
	redact(text: string): string;
	/** The credential's Base URL, or why it cannot be used (the credential is read once per run). */
	baseUrl(): Promise<BaseUrlReading>;
	isCancelled(): boolean;
	/** Paces, sends and retries one call; the profile turns its outcome into the result. */
	request(call: Call): Promise<Result>;
}

/** Returned for an attempt the pacer did not let go: the run stopped or was cancelled meanwhile. */
export const NOT_SENT: NetworkFailure = { code: 'EXECUTION_CANCELLED', reachedServer: false };

/**
 * A client for one node run. The credential is read once per run: n8n decrypts it on each read
 * (a database read; in a resumed execution, also a fresh expression sandbox, the slowest step of
 * a resume), so the run's requests reuse it, and hand it to n8n's helper decrypted.
 */
export function createApiClient<Call extends ApiCall, Result>(
	context: ApiContext,
	profile: ApiProfile<Call, Result>,
): ApiClient<Call, Result> {
	const clock = profile.clock ?? { now: () => Date.now(), sleep };
	let reading: BaseUrlReading | undefined;
	let pacer: Pacer | undefined;
	let credentials: ICredentialsDecrypted | undefined;
	let redact = keyRedactor(undefined);

	const client: ApiClient<Call, Result> = {
		context,
		stop: new RunStop(),
		get url() {
			return reading && 'url' in reading ? reading.url : undefined;
		},
		redact: (text) => redact(text),
		async baseUrl() {
			if (reading) return reading;
			const data = await context.getCredentials(profile.credentialType);
			redact = keyRedactor(data.apiKey);
			const read = readBaseUrl(data.baseUrl, profile.baseUrlOwner, redact);
			if ('url' in read) pacer = profile.pacerFor(read.url, data.apiKey);
			const stored = context.getNode().credentials?.[profile.credentialType];
			if (stored?.id) {
				credentials = { id: stored.id, name: stored.name, type: profile.credentialType, data };
			}
			return (reading = read);
		},
		isCancelled: () =>
			profile.endsWaits?.(client) === true ||
			('getExecutionCancelSignal' in context &&
				context.getExecutionCancelSignal()?.aborted === true),

		async request(call) {
			if (profile.isStopped(call, client)) return profile.stopped(call, client);
			const base = await client.baseUrl();
			if ('refusal' in base) return profile.refusedBaseUrl(call, base.refusal, client);
			const options = answerAsData({
				method: call.method,
				url: `${base.url}${call.path}`,
				qs: call.qs,
				body: call.body,
				timeout: profile.timeoutMs(call),
			});
			const rules = profile.retryRules(call, client);
			const paced = profile.isPaced(call);
			const count: RetryCount = { rateLimitRetries: 0, failureRetries: 0, waitedMs: 0 };
			let attempts = 0;
			let rateLimited = false;
			for (;;) {
				attempts++;
				let outcome: ApiResponse | NetworkFailure = NOT_SENT;
				const turn = paced
					? await pacer!.waitTurn({
							afterRateLimitWait: rateLimited,
							isCancelled: client.isCancelled,
						})
					: undefined;
				if (turn || !paced) {
					// Another request of this run may have ended it while this one waited its turn.
					if (profile.isStopped(call, client)) {
						turn?.answered();
						return profile.stopped(call, client);
					}
					try {
						outcome = readAnswer(
							await context.helpers.httpRequestWithAuthentication.call(
								context,
								profile.credentialType,
								options,
								credentials ? { credentialsDecrypted: credentials } : undefined,
							),
							(statusCode, body, parsed) =>
								profile.isAnswer?.(call, statusCode, body, parsed) ?? parsed,
						);
					} catch (error) {
						outcome = failureOf(error);
					}
					if (isNetworkFailure(outcome)) {
						turn?.answered();
					} else {
						profile.onAnswer?.(call, outcome, client);
						turn?.answered(outcome);
					}
					rateLimited = !isNetworkFailure(outcome) && outcome.statusCode === 429;
				}
				const delayMs = retryDelay(outcome, count, rules, clock.now());
				if (delayMs === undefined || client.isCancelled()) {
					const done = { attempts, waitedMs: count.waitedMs };
					return profile.settle(
						call,
						isNetworkFailure(outcome)
							? { failure: outcome, ...done }
							: { response: outcome, ...done },
						client,
					);
				}
				await clock.sleep(delayMs);
				count.waitedMs += delayMs;
			}
		},
	};
	return client;
}
