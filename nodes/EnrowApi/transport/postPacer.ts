import { sleep } from 'n8n-workflow';

import type { ApiResponse } from '../../shared/apiAnswer';
import type { Clock, Pacer, Turn } from '../../shared/apiClient';
import { perAccount } from '../../shared/perAccount';
import { serverRetryDelayMs } from '../../shared/retryTiming';

/** Enrow allows 10 POST requests per second per API key (GETs are not limited). */
export const ENROW_POSTS_PER_SECOND = 10;

/** A 429 takes this share of the pace away (once a window: a burst of 429s is one signal). */
const SLOWDOWN = 0.7;
/** The slowest pace a 429 brings a process to, in POSTs a window. */
const SLOWEST = 1;
/** A 429 that names no wait holds every POST of the key for this long. */
const UNHINTED_HOLD_MS = 1000;
/** The longest hold a 429 puts on the key (longer hints are the retry loop's to refuse). */
const LONGEST_HOLD_MS = 60_000;
/** Waits are re-checked at least this often, so a cancelled run stops waiting within it. */
const RECHECK_MS = 200;
/** After this long with no POST of the key in this process, its pace starts afresh. */
const IDLE_RESET_MS = 60_000;

/** How Enrow answered a POST the pacer let go: it decides how the pace changes. */
type PostAnswer =
	| { accepted: true }
	| { rateLimited: true; retryAfterMs?: number }
	/** A server error or a broken connection: says nothing about the rate. */
	| { other: true };

function postAnswer(response: ApiResponse | undefined, nowMs: number): PostAnswer {
	if (!response) return { other: true };
	if (response.statusCode === 429)
		return { rateLimited: true, retryAfterMs: serverRetryDelayMs(response.headers, nowMs) };
	return response.statusCode >= 200 && response.statusCode < 300
		? { accepted: true }
		: { other: true };
}

/**
 * Keeps one Enrow API key's job-starting POSTs within Enrow's limit of 10 in any second, as
 * far as this process can tell, and shares the limit with other processes that use the key.
 *
 * - A slot is taken when a POST leaves and counts until one second after its answer: Enrow
 *   received it somewhere in between, so however the network delays requests, Enrow never
 *   sees more than the pace from this process in a second. A 429 frees its slot at once:
 *   Enrow does not count the POSTs it refuses.
 * - Other processes on the same key (queue-mode workers, other n8n instances) are not seen,
 *   only their effect: a 429. Then the pace drops by 30 % (at most once a window, down to 1 POST a
 *   second) and every POST of the key holds for the wait the answer asks (1 s when it names
 *   none). Each accepted POST gives back a little (a whole POST a window once a window's
 *   worth of them got through), so the pace climbs back to 10 while answers are clean, and
 *   several processes settle on shares that add up to about Enrow's limit.
 * - Only a throttle: the transport retries a refused POST (a 429 means not processed), and
 *   correctness never depends on the pace.
 */
export class PostPacer implements Pacer {
	/** When each slot frees up: Infinity while its request is in flight. */
	private readonly slots: number[] = [];
	private pace: number;
	private heldUntil = 0;
	private slowedAt = -Infinity;
	private lastActiveAt = -Infinity;

	constructor(
		private readonly limit = ENROW_POSTS_PER_SECOND,
		private readonly windowMs = 1000,
		private readonly clock: Clock = { now: () => Date.now(), sleep },
	) {
		this.pace = limit;
	}

	/** POSTs a window this process allows itself now (the documented limit when no 429 came). */
	currentPace(): number {
		return Math.max(SLOWEST, Math.floor(this.pace));
	}

	/**
	 * Waits for a free slot and takes it; undefined when `isCancelled` says the run has stopped
	 * meanwhile: a hold can last a minute, and a cancelled execution should end at once, not
	 * after it. (n8n-core 2.41.1 also aborts the requests of a cancelled execution itself.)
	 * `afterRateLimitWait`: the POST was refused with a 429 and has already waited as the answer
	 * asked, so the hold that answer put on the key is not waited for a second time.
	 */
	async waitTurn(
		options: { afterRateLimitWait?: boolean; isCancelled?: () => boolean } = {},
	): Promise<Turn | undefined> {
		for (;;) {
			if (options.isCancelled?.()) return undefined;
			const now = this.clock.now();
			for (let i = this.slots.length - 1; i >= 0; i--)
				if (this.slots[i] <= now) this.slots.splice(i, 1);
			if (this.slots.length === 0 && now - this.lastActiveAt > IDLE_RESET_MS) {
				this.pace = this.limit;
				this.heldUntil = 0;
			}
			const holdMs = options.afterRateLimitWait ? 0 : this.heldUntil - now;
			if (holdMs <= 0 && this.slots.length < this.currentPace()) return this.take(now);
			const soonest = Math.min(...this.slots);
			const slotMs = Number.isFinite(soonest) ? soonest - now : 20;
			await this.clock.sleep(Math.min(RECHECK_MS, Math.max(1, holdMs > 0 ? holdMs : slotMs)));
		}
	}

	private take(now: number): Turn {
		this.slots.push(Infinity);
		this.lastActiveAt = now;
		let done = false;
		return {
			answered: (response) => {
				if (done) return;
				done = true;
				this.onAnswer(response);
			},
		};
	}

	private onAnswer(response: ApiResponse | undefined): void {
		const now = this.clock.now();
		const answer = postAnswer(response, now);
		this.lastActiveAt = now;
		// All in-flight slots are alike: free any one of them.
		const slot = this.slots.indexOf(Infinity);
		if ('rateLimited' in answer) {
			this.slots.splice(slot, 1);
			if (now - this.slowedAt >= this.windowMs) {
				this.pace = Math.max(SLOWEST, this.pace * SLOWDOWN);
				this.slowedAt = now;
			}
			const holdMs = Math.min(LONGEST_HOLD_MS, answer.retryAfterMs ?? UNHINTED_HOLD_MS);
			this.heldUntil = Math.max(this.heldUntil, now + holdMs);
			return;
		}
		this.slots[slot] = now + this.windowMs;
		if ('accepted' in answer) this.pace = Math.min(this.limit, this.pace + 1 / this.pace);
	}
}

/** One pacer per Enrow key this process talks to (perAccount.ts). */
const pacers = perAccount(() => new PostPacer());

export function postPacerFor(baseUrl: string, apiKey: unknown): PostPacer {
	return pacers.of(baseUrl, apiKey);
}
