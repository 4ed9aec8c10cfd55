import {
	networkFailure,
	sendWithRetries,
	type ApiResponse,
	type NetworkFailure,
	type RetryRules,
} from '../../nodes/shared/sendWithRetries';

function rules(overrides: Partial<RetryRules> = {}): RetryRules & { slept: number[] } {
	const slept: number[] = [];
	let clock = 0;
	return {
		maxRateLimitRetries: 5,
		maxRateLimitWaitMs: 60_000,
		maxSingleRateLimitWaitMs: 60_000,
		retryFailures: false,
		maxFailureRetries: 3,
		backoff: { baseMs: 1000, maxMs: 30_000, random: () => 1 },
		sleep: async (ms) => {
			slept.push(ms);
			clock += ms;
		},
		now: () => clock,
		slept,
		...overrides,
	};
}

function answers(...sequence: Array<ApiResponse | NetworkFailure>) {
	const calls: number[] = [];
	return {
		calls,
		attempt: async () => {
			calls.push(calls.length);
			return sequence[Math.min(calls.length - 1, sequence.length - 1)];
		},
	};
}

const ok: ApiResponse = { statusCode: 200, headers: {}, body: { id: 'job-1' } };
const tooMany = (headers = {}): ApiResponse => ({
	statusCode: 429,
	headers,
	body: { message: 'Too Many Requests' },
});
const serverError: ApiResponse = { statusCode: 500, headers: {}, body: { message: 'boom' } };

describe('sendWithRetries', () => {
	it('retries 429 after the server-given delay, then returns the answer', async () => {
		const r = rules();
		const server = answers(tooMany({ 'retry-after': '2' }), tooMany(), ok);
		const outcome = await sendWithRetries(server.attempt, r);
		expect(outcome).toMatchObject({ response: ok, attempts: 3 });
		expect(r.slept).toEqual([2000, 2000]);
	});

	it('gives up on 429 after the attempt bound and returns the 429', async () => {
		const r = rules({ maxRateLimitRetries: 2 });
		const server = answers(tooMany());
		const outcome = await sendWithRetries(server.attempt, r);
		expect(server.calls).toHaveLength(3);
		expect('response' in outcome && outcome.response.statusCode).toBe(429);
	});

	it('gives up at once when the server asks for a wait longer than allowed (daily quota)', async () => {
		const r = rules({ maxSingleRateLimitWaitMs: 60_000 });
		const server = answers(tooMany({ 'retry-after': '7200' }));
		await sendWithRetries(server.attempt, r);
		expect(server.calls).toHaveLength(1);
		expect(r.slept).toEqual([]);
	});

	it('never repeats a 5xx when repeating is unsafe (a job-starting POST)', async () => {
		const server = answers(serverError, ok);
		const outcome = await sendWithRetries(server.attempt, rules({ retryFailures: false }));
		expect(server.calls).toHaveLength(1);
		expect('response' in outcome && outcome.response.statusCode).toBe(500);
	});

	it('repeats 5xx and unreadable answers when safe (a GET), within bounds', async () => {
		const unreadable: ApiResponse = {
			statusCode: 200,
			headers: {},
			body: '{"gen',
			unreadable: true,
		};
		const server = answers(serverError, unreadable, ok);
		const outcome = await sendWithRetries(server.attempt, rules({ retryFailures: true }));
		expect(outcome).toMatchObject({ response: ok, attempts: 3 });
	});

	it('never repeats a request after a reset connection when repeating is unsafe', async () => {
		const server = answers(networkFailure('ECONNRESET'), ok);
		const outcome = await sendWithRetries(server.attempt, rules({ retryFailures: false }));
		expect(server.calls).toHaveLength(1);
		expect(outcome).toMatchObject({ failure: { code: 'ECONNRESET', reachedServer: true } });
	});

	it('repeats a request that never reached the server, even when repeating is unsafe', async () => {
		const server = answers(networkFailure('ECONNREFUSED'), ok);
		const outcome = await sendWithRetries(server.attempt, rules({ retryFailures: false }));
		expect(outcome).toMatchObject({ response: ok, attempts: 2 });
	});

	it('stops waiting when the execution is cancelled', async () => {
		const server = answers(tooMany());
		await sendWithRetries(server.attempt, rules({ isCancelled: () => true }));
		expect(server.calls).toHaveLength(1);
	});

	it('returns an answer the caller marks final at once, whatever its status', async () => {
		const r = rules({ retryFailures: true, isFinal: (response) => response.statusCode === 501 });
		const server = answers({ statusCode: 501, headers: {}, body: {} }, ok);
		const outcome = await sendWithRetries(server.attempt, r);
		expect(server.calls).toHaveLength(1);
		expect(r.slept).toEqual([]);
		expect('response' in outcome && outcome.response.statusCode).toBe(501);
	});
});
