import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiResponse } from '../../nodes/shared/apiAnswer';
import { createApiClient, type ApiCall, type ApiProfile } from '../../nodes/shared/apiClient';
import type { RetriedOutcome, RetryRules } from '../../nodes/shared/retryRules';

/** What n8n's HTTP helper does for one request: answer (as data) or fail with a network error code. */
type Exchange = ApiResponse | { networkError: string };

interface Options extends Partial<RetryRules> {
	isCancelled?: () => boolean;
}

/**
 * A client whose requests go to `sequence` (the last one repeats), with a clock that only moves
 * when the loop waits, and a profile that hands back the loop's outcome as it is.
 */
function clientOf(options: Options, ...sequence: Exchange[]) {
	const slept: number[] = [];
	const calls: number[] = [];
	let clock = 0;
	const context = {
		getNode: () => ({ name: 'Test', type: 'test', parameters: {} }),
		getCredentials: async () => ({ apiKey: 'test-key', baseUrl: 'http://api.invalid' }),
		getExecutionCancelSignal: () => undefined,
		helpers: {
			httpRequestWithAuthentication: async () => {
				calls.push(calls.length);
				const next = sequence[Math.min(calls.length - 1, sequence.length - 1)];
				if ('networkError' in next)
					throw Object.assign(new Error('failed'), { code: next.networkError });
				return next;
			},
		},
	} as unknown as IExecuteFunctions;
	const { isCancelled, ...rules } = options;
	const profile: ApiProfile<ApiCall, RetriedOutcome> = {
		credentialType: 'testApi',
		baseUrlOwner: { credential: 'Test API', service: 'Test', defaultUrl: 'http://api.invalid' },
		pacerFor: () => ({ waitTurn: async () => ({ answered: () => undefined }) }),
		isPaced: () => false,
		timeoutMs: () => 1000,
		retryRules: () => ({
			maxRateLimitRetries: 5,
			maxRateLimitWaitMs: 60_000,
			maxSingleRateLimitWaitMs: 60_000,
			retryFailures: false,
			maxFailureRetries: 3,
			backoff: { baseMs: 1000, maxMs: 30_000, random: () => 1 },
			...rules,
		}),
		isStopped: () => false,
		endsWaits: isCancelled,
		stopped: () => {
			throw new Error('not stopped in these tests');
		},
		refusedBaseUrl: () => {
			throw new Error('the Base URL is valid in these tests');
		},
		settle: (_call, outcome) => outcome,
		clock: {
			now: () => clock,
			sleep: async (ms) => {
				slept.push(ms);
				clock += ms;
			},
		},
	};
	const client = createApiClient(context, profile);
	return {
		slept,
		calls,
		send: async () => await client.request({ method: 'POST', path: '/job' }),
	};
}

const ok: ApiResponse = { statusCode: 200, headers: {}, body: { id: 'job-1' } };
const tooMany = (headers = {}): ApiResponse => ({
	statusCode: 429,
	headers,
	body: { message: 'Too Many Requests' },
});
const serverError: ApiResponse = { statusCode: 500, headers: {}, body: { message: 'boom' } };

describe("the API client's retry loop", () => {
	it('retries 429 after the server-given delay, then returns the answer', async () => {
		const api = clientOf({}, tooMany({ 'retry-after': '2' }), tooMany(), ok);
		const outcome = await api.send();
		expect(outcome).toMatchObject({ response: ok, attempts: 3 });
		expect(api.slept).toEqual([2000, 2000]);
	});

	it('gives up on 429 after the attempt bound and returns the 429', async () => {
		const api = clientOf({ maxRateLimitRetries: 2 }, tooMany());
		const outcome = await api.send();
		expect(api.calls).toHaveLength(3);
		expect('response' in outcome && outcome.response.statusCode).toBe(429);
	});

	it('gives up at once when the server asks for a wait longer than allowed (daily quota)', async () => {
		const api = clientOf({ maxSingleRateLimitWaitMs: 60_000 }, tooMany({ 'retry-after': '7200' }));
		await api.send();
		expect(api.calls).toHaveLength(1);
		expect(api.slept).toEqual([]);
	});

	it('never repeats a 5xx when repeating is unsafe (a job-starting POST)', async () => {
		const api = clientOf({ retryFailures: false }, serverError, ok);
		const outcome = await api.send();
		expect(api.calls).toHaveLength(1);
		expect('response' in outcome && outcome.response.statusCode).toBe(500);
	});

	it('repeats 5xx and unreadable answers when safe (a GET), within bounds', async () => {
		const unreadable: ApiResponse = { statusCode: 200, headers: {}, body: '{"gen' };
		const api = clientOf({ retryFailures: true }, serverError, unreadable, ok);
		const outcome = await api.send();
		expect(outcome).toMatchObject({ response: ok, attempts: 3 });
	});

	it('never repeats a request after a reset connection when repeating is unsafe', async () => {
		const api = clientOf({ retryFailures: false }, { networkError: 'ECONNRESET' }, ok);
		const outcome = await api.send();
		expect(api.calls).toHaveLength(1);
		expect(outcome).toMatchObject({ failure: { code: 'ECONNRESET', reachedServer: true } });
	});

	it('repeats a request that never reached the server, even when repeating is unsafe', async () => {
		const api = clientOf({ retryFailures: false }, { networkError: 'ECONNREFUSED' }, ok);
		const outcome = await api.send();
		expect(outcome).toMatchObject({ response: ok, attempts: 2 });
	});

	it('stops waiting when the execution is cancelled', async () => {
		const api = clientOf({ isCancelled: () => true }, tooMany());
		await api.send();
		expect(api.calls).toHaveLength(1);
	});

	it('returns an answer the caller marks final at once, whatever its status', async () => {
		const api = clientOf(
			{ retryFailures: true, isFinal: (response) => response.statusCode === 501 },
			{ statusCode: 501, headers: {}, body: {} },
			ok,
		);
		const outcome = await api.send();
		expect(api.calls).toHaveLength(1);
		expect(api.slept).toEqual([]);
		expect('response' in outcome && outcome.response.statusCode).toBe(501);
	});
});
