import { PostPacer, postPacerFor } from '../../nodes/EnrowApi/transport/postPacer';
import type { ApiResponse } from '../../nodes/shared/apiAnswer';

/** Enrow's answers as the pacer hears them (undefined: no answer came, a broken connection). */
const accepted: ApiResponse = { statusCode: 200, headers: {}, body: { id: 'job-1' } };
const serverError: ApiResponse = { statusCode: 500, headers: {}, body: {} };
function rateLimited(retryAfterMs?: number): ApiResponse {
	const headers = retryAfterMs === undefined ? {} : { 'retry-after': String(retryAfterMs / 1000) };
	return { statusCode: 429, headers, body: {} };
}

function fakeClock() {
	const clock = {
		at: 0,
		now: () => clock.at,
		sleep: async (ms: number) => {
			clock.at += ms;
			await new Promise((resolve) => setImmediate(resolve));
		},
	};
	return clock;
}

/** Sends `count` POSTs one after the other, each answered after 50 ms as `answer` says. */
async function sendPosts(
	pacer: PostPacer,
	clock: ReturnType<typeof fakeClock>,
	count: number,
	answer: (index: number) => ApiResponse | undefined,
): Promise<number[]> {
	const starts: number[] = [];
	for (let i = 0; i < count; i++) {
		const turn = await pacer.waitTurn();
		starts.push(clock.at);
		clock.at += 50;
		turn!.answered(answer(i));
	}
	return starts;
}

describe('PostPacer', () => {
	it('lets at most 10 requests start per second, counting each from when its answer came back', async () => {
		const clock = fakeClock();
		const pacer = new PostPacer(10, 1000, clock);
		const starts = await sendPosts(pacer, clock, 25, () => accepted);
		for (let i = 10; i < starts.length; i++)
			expect(starts[i] - starts[i - 10]).toBeGreaterThanOrEqual(1000 + 50);
	});

	it('makes the 11th request wait while 10 are still in flight', async () => {
		const clock = fakeClock();
		const pacer = new PostPacer(10, 1000, clock);
		const turns = [];
		for (let i = 0; i < 10; i++) turns.push(await pacer.waitTurn());
		let eleventhStarted = false;
		const eleventh = pacer.waitTurn().then(() => {
			eleventhStarted = true;
		});
		await new Promise((resolve) => setImmediate(resolve));
		expect(eleventhStarted).toBe(false);
		turns[0]!.answered(accepted);
		await eleventh;
		expect(eleventhStarted).toBe(true);
		expect(clock.at).toBeGreaterThanOrEqual(1000);
	});

	it('on a 429 (another process on the key) slows its pace once (by 30 %) and holds every POST for the wait Enrow asks', async () => {
		const clock = fakeClock();
		const pacer = new PostPacer(10, 1000, clock);
		const turns = [];
		for (let i = 0; i < 10; i++) turns.push(await pacer.waitTurn());
		// A burst of 429s is one signal: the pace drops once, not ten times.
		for (const turn of turns) turn!.answered(rateLimited(3000));
		expect(pacer.currentPace()).toBe(7);

		const next = await pacer.waitTurn();
		expect(clock.at).toBeGreaterThanOrEqual(3000);
		next!.answered(accepted);
	});

	it('lets the refused POST itself go again at once after it waited, and frees a refused POST’s slot', async () => {
		const clock = fakeClock();
		const pacer = new PostPacer(10, 1000, clock);
		const refused = await pacer.waitTurn();
		refused!.answered(rateLimited(7000));
		const retried = await pacer.waitTurn({ afterRateLimitWait: true });
		expect(clock.at).toBe(0);
		retried!.answered(accepted);
	});

	it('climbs back to 10 a second while Enrow accepts, and never below 1 a second however many 429s', async () => {
		const clock = fakeClock();
		const pacer = new PostPacer(10, 1000, clock);
		await sendPosts(pacer, clock, 8, () => rateLimited());
		expect(pacer.currentPace()).toBe(1);

		await sendPosts(pacer, clock, 60, () => accepted);
		expect(pacer.currentPace()).toBe(10);
	});

	it('does not change its pace on server errors or broken connections', async () => {
		const clock = fakeClock();
		const pacer = new PostPacer(10, 1000, clock);
		await sendPosts(pacer, clock, 1, () => rateLimited());
		await sendPosts(pacer, clock, 20, (i) => (i % 2 === 0 ? serverError : undefined));
		expect(pacer.currentPace()).toBe(7);
	});

	it('starts afresh at 10 a second after a minute with no POST', async () => {
		const clock = fakeClock();
		const pacer = new PostPacer(10, 1000, clock);
		await sendPosts(pacer, clock, 8, () => rateLimited());
		expect(pacer.currentPace()).toBe(1);
		clock.at += 61_000;
		await sendPosts(pacer, clock, 1, () => accepted);
		expect(pacer.currentPace()).toBe(10);
	});

	it('stops waiting, without taking a slot, when the run is cancelled during a hold', async () => {
		const clock = fakeClock();
		const pacer = new PostPacer(10, 1000, clock);
		const refused = await pacer.waitTurn();
		refused!.answered(rateLimited(60_000));
		let cancelled = false;
		const waiting = pacer.waitTurn({ isCancelled: () => cancelled });
		await clock.sleep(5000);
		cancelled = true;
		expect(await waiting).toBeUndefined();
		// Well before the hold ends: the run stops within a re-check.
		expect(clock.at).toBeLessThan(60_000);
	});

	it('is one pacer per Base URL and key in a process', () => {
		expect(postPacerFor('https://api.enrow.io', 'key-1')).toBe(
			postPacerFor('https://api.enrow.io', 'key-1'),
		);
		expect(postPacerFor('https://api.enrow.io', 'key-1')).not.toBe(
			postPacerFor('https://api.enrow.io', 'key-2'),
		);
		expect(postPacerFor('https://api.enrow.io', 'key-1')).not.toBe(
			postPacerFor('http://127.0.0.1:9', 'key-1'),
		);
	});
});
