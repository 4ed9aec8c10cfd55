/**
 * The account pacer on a simulated clock: when requests may go, given what ValidEmailChecker's
 * answers report. (The node against the simulator, in real time: rateLimits.test.ts.)
 */
import { AccountPacer } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport/accountPacer';
import type { ApiResponse } from '../../nodes/shared/apiAnswer';

/** A clock that only moves when the pacer sleeps. */
function fakeClock(start = Date.parse('2026-05-19T12:00:00Z')) {
	const clock = {
		at: start,
		now: () => clock.at,
		sleep: async (ms: number) => {
			clock.at += ms;
		},
	};
	return clock;
}

function ok(remaining: number, limit = 60, dailyRemaining = 9_000): ApiResponse {
	return {
		statusCode: 200,
		headers: {
			'x-ratelimit-limit': String(limit),
			'x-ratelimit-remaining': String(remaining),
			'x-dailylimit-remaining': String(dailyRemaining),
		},
		body: { status: 'safe' },
	};
}

const tooMany = (retryAfterSeconds: number): ApiResponse => ({
	statusCode: 429,
	headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-remaining': '0' },
	body: { error: 'Rate limit exceeded', retry_after_seconds: retryAfterSeconds },
});

describe('AccountPacer', () => {
	it('lets the first 60 go at once, then each one 60 s after an earlier answer came back', async () => {
		const clock = fakeClock();
		const pacer = new AccountPacer(clock);
		const start = clock.at;
		for (let i = 0; i < 60; i++) {
			const turn = await pacer.waitTurn();
			turn!.answered(ok(59 - i));
		}
		expect(clock.at).toBe(start);
		clock.at += 2_000;
		await pacer.waitTurn();
		// The first answer came back at `start`: its slot frees 60 s later.
		expect(clock.at).toBe(start + 60_000);
	});

	it('counts requests in flight: never more than the limit sent before their answers', async () => {
		const clock = fakeClock();
		const pacer = new AccountPacer(clock);
		const turns = [];
		for (let i = 0; i < 60; i++) turns.push(await pacer.waitTurn());
		let sixtyFirst = false;
		const waiting = pacer.waitTurn().then((turn) => (sixtyFirst = turn !== undefined));
		clock.at += 5_000;
		await Promise.resolve();
		expect(sixtyFirst).toBe(false);
		turns[0]!.answered(ok(0));
		const answeredAt = clock.at;
		await waiting;
		expect(clock.at).toBeGreaterThanOrEqual(answeredAt + 60_000);
	});

	it('follows the limit X-RateLimit-Limit reports', async () => {
		const clock = fakeClock();
		const pacer = new AccountPacer(clock);
		const start = clock.at;
		(await pacer.waitTurn())!.answered(ok(9, 10));
		for (let i = 0; i < 9; i++) (await pacer.waitTurn())!.answered(ok(8 - i, 10));
		expect(clock.at).toBe(start);
		await pacer.waitTurn();
		expect(clock.at).toBe(start + 60_000);
	});

	it('leaves to other clients of the account what X-RateLimit-Remaining says they use', async () => {
		const clock = fakeClock();
		const pacer = new AccountPacer(clock);
		// Another workflow has used 50 of the 60: after this request, 9 remain.
		(await pacer.waitTurn())!.answered(ok(9));
		for (let i = 0; i < 9; i++) (await pacer.waitTurn())!.answered(ok(8 - i));
		const before = clock.at;
		await pacer.waitTurn();
		expect(clock.at).toBeGreaterThan(before);
	});

	it('after a 429, holds every request for as long as the answer says; the refused one goes when it has waited', async () => {
		const clock = fakeClock();
		const pacer = new AccountPacer(clock);
		const refusedAt = clock.at;
		(await pacer.waitTurn())!.answered(tooMany(20));
		// Another item's request waits for the hold.
		await pacer.waitTurn();
		expect(clock.at).toBe(refusedAt + 20_000);

		const other = new AccountPacer(fakeClock());
		(await other.waitTurn())!.answered(tooMany(20));
		// The refused request itself has already waited (in the retry loop): it goes at once.
		expect(await other.waitTurn({ afterRateLimitWait: true })).toBeDefined();
	});

	it('when no request is left today, sends one at a time, to let the API say when it resets', async () => {
		const clock = fakeClock();
		const pacer = new AccountPacer(clock);
		const first = await pacer.waitTurn();
		const second = await pacer.waitTurn();
		first!.answered(ok(58, 60, 0));
		let third = false;
		const waiting = pacer.waitTurn().then(() => (third = true));
		await clock.sleep(1_000);
		await Promise.resolve();
		expect(third).toBe(false);
		second!.answered(ok(57, 60, 0));
		await waiting;
		expect(third).toBe(true);
	});

	it('stops waiting when the run is cancelled', async () => {
		const clock = fakeClock();
		const pacer = new AccountPacer(clock);
		(await pacer.waitTurn())!.answered(tooMany(60));
		let cancelled = false;
		const waiting = pacer.waitTurn({ isCancelled: () => cancelled });
		cancelled = true;
		expect(await waiting).toBeUndefined();
	});
});
