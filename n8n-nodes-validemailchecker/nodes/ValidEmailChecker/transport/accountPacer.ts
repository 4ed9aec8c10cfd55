import { sleep } from 'n8n-workflow';

import type { ApiResponse } from '../../shared/apiAnswer';
import type { Clock, Pacer, Turn } from '../../shared/apiClient';
import { perAccount } from '../../shared/perAccount';
import {
	DOCUMENTED_PER_MINUTE_LIMIT,
	PER_MINUTE_MAX_WAIT_MS,
	RATE_WINDOW_MS,
	isDailyLimit,
	nextUtcMidnightMs,
	readLimitReport,
	retryHintMs,
} from './rateLimits';

/** One request this process sent to the account: it counts until `freeAt` (Infinity while in flight). */
interface Slot {
	seq: number;
	sentAt: number;
	freeAt: number;
}

/** What the newest answer said; `seq` is its request's: an older answer never replaces a newer one. */
interface Reading {
	seq: number;
	expiresAt: number;
}

/** Requests of other clients of the account (other workflows, apps, keys) in its rolling minute, at least. */
interface OthersUse extends Reading {
	count: number;
}

/** Requests left today, less those sent since the answer that said so. */
interface DailyLeft extends Reading {
	count: number;
}

/** Waits are re-checked at least this often (a cancelled run stops waiting within it). */
const RECHECK_MS = 200;
/** A 429 that says nothing about how long to wait holds every request for this long. */
const UNHINTED_PAUSE_MS = 1000;

function signal(): { promise: Promise<void>; fire: () => void } {
	let fire!: () => void;
	const promise = new Promise<void>((resolve) => (fire = resolve));
	return { promise, fire };
}

/**
 * Keeps one ValidEmailChecker account within its per-minute limit, so that in normal
 * operation it never gets a 429:
 * - A request counts from when it leaves until 60 s after its answer came back. The API
 *   counted it somewhere in between, so however the network delays requests, the API never
 *   sees more of ours in a rolling minute than the limit X-RateLimit-Limit reports (60 until
 *   an answer says otherwise). Far from the limit nothing waits: the first 60 go at once.
 * - X-RateLimit-Remaining shows what other workflows or apps on the same account use: the
 *   limit, less what remains, less every request of ours the API may have counted then (those
 *   in flight included). The pacer leaves that much of the limit to them.
 * - A 429 that still comes (another client sent more since) holds every request until the
 *   time the answer names; the refused request itself is retried by the transport.
 * - When X-DailyLimit-Remaining reaches 0, one request at a time goes, so the daily limit is
 *   met by one refused request, whose answer says when it resets, not by a burst of them.
 */
export class AccountPacer implements Pacer {
	private readonly slots: Slot[] = [];
	/** When our requests that left the window did so (the last minute's). */
	private freedAt: number[] = [];
	private seq = 0;
	private limit = DOCUMENTED_PER_MINUTE_LIMIT;
	private pausedUntil = 0;
	private others?: OthersUse;
	private daily?: DailyLeft;
	private changed = signal();

	constructor(
		private readonly clock: Clock = { now: () => Date.now(), sleep },
		private readonly windowMs = RATE_WINDOW_MS,
	) {}

	/**
	 * Waits until a request may go and counts it; undefined when `isCancelled` says the run
	 * has stopped. `afterRateLimitWait`: the request was refused with a 429 and has waited as
	 * the answer asked, so the hold that answer put on the account is not waited for again.
	 */
	async waitTurn(
		options: { afterRateLimitWait?: boolean; isCancelled?: () => boolean } = {},
	): Promise<Turn | undefined> {
		for (;;) {
			if (options.isCancelled?.()) return undefined;
			const now = this.clock.now();
			this.forgetExpired(now);
			const waitMs = this.waitNeeded(now, options.afterRateLimitWait === true);
			if (waitMs <= 0) return this.take(now);
			await Promise.race([this.clock.sleep(Math.min(waitMs, RECHECK_MS)), this.changed.promise]);
		}
	}

	private waitNeeded(now: number, afterRateLimitWait: boolean): number {
		let waitMs = 0;
		const until = (at: number) => (waitMs = Math.max(waitMs, at - now));
		if (!afterRateLimitWait && this.pausedUntil > now) until(this.pausedUntil);
		const others = this.others?.count ?? 0;
		if (this.slots.length + others >= this.limit) {
			until(Math.min(this.nextFreeAt(), this.others?.expiresAt ?? Infinity));
		}
		// No request left today: wait for the answers in flight; then one request finds out.
		if (this.daily && this.daily.count <= 0 && this.inFlight() > 0) waitMs = Infinity;
		return waitMs;
	}

	private take(now: number): Turn {
		const slot: Slot = { seq: ++this.seq, sentAt: now, freeAt: Infinity };
		this.slots.push(slot);
		if (this.daily) this.daily.count--;
		let done = false;
		return {
			answered: (response) => {
				if (done) return;
				done = true;
				this.onAnswer(slot, response);
			},
		};
	}

	private onAnswer(slot: Slot, response: ApiResponse | undefined): void {
		const now = this.clock.now();
		this.forgetExpired(now);
		if (response) this.readAnswer(slot, response, now);
		slot.freeAt = now + this.windowMs;
		this.changed.fire();
		this.changed = signal();
	}

	private readAnswer(slot: Slot, response: ApiResponse, now: number): void {
		const report = readLimitReport(response);
		if (report.limit !== undefined && report.limit > 0) this.limit = report.limit;
		const daily = isDailyLimit(response);
		// Ours the API may have counted when it answered: every request not out of the window
		// by the time this one was sent (this one, those in flight and those sent since included).
		const ours = this.slots.length + this.freedAt.filter((at) => at > slot.sentAt).length;
		if (response.statusCode === 429 && !daily) {
			// A longer wait ends the run that got it, which says so; later runs are held no more
			// than a minute, then one request finds out whether the account is free again.
			const holdMs = Math.min(
				retryHintMs(response, now) ?? UNHINTED_PAUSE_MS,
				PER_MINUTE_MAX_WAIT_MS,
			);
			this.pausedUntil = Math.max(this.pausedUntil, now + holdMs);
			// Nothing left now; when the hold ends, one request may go: this one, retried.
			this.others = {
				count: Math.max(0, this.limit - ours - 1),
				seq: slot.seq,
				expiresAt: this.pausedUntil + this.windowMs,
			};
		} else if (report.remaining !== undefined && slot.seq >= (this.others?.seq ?? 0)) {
			this.others = {
				count: Math.max(0, this.limit - report.remaining - ours),
				seq: slot.seq,
				expiresAt: now + this.windowMs,
			};
		}
		const dailyRemaining = daily ? 0 : report.dailyRemaining;
		if (dailyRemaining !== undefined && slot.seq >= (this.daily?.seq ?? 0)) {
			this.daily = {
				count: dailyRemaining - (this.seq - slot.seq),
				seq: slot.seq,
				expiresAt: nextUtcMidnightMs(now),
			};
		}
	}

	private forgetExpired(now: number): void {
		for (let i = this.slots.length - 1; i >= 0; i--) {
			const { freeAt } = this.slots[i];
			if (freeAt > now) continue;
			this.slots.splice(i, 1);
			this.freedAt.push(freeAt);
		}
		this.freedAt = this.freedAt.filter((at) => at > now - this.windowMs);
		if (this.others && now >= this.others.expiresAt) this.others = undefined;
		if (this.daily && now >= this.daily.expiresAt) this.daily = undefined;
	}

	private nextFreeAt(): number {
		return Math.min(Infinity, ...this.slots.map((slot) => slot.freeAt));
	}

	private inFlight(): number {
		return this.slots.filter((slot) => slot.freeAt === Infinity).length;
	}
}

/**
 * One pacer per account this process talks to (perAccount.ts). Only a throttle: nothing
 * depends on it for correctness. A run in another process (a queue-mode worker) is seen through
 * X-RateLimit-Remaining and, at worst, a 429 that is waited out. (An account's other keys cannot
 * be told from the key; they, too, show in X-RateLimit-Remaining.)
 */
const pacers = perAccount(() => new AccountPacer());

export function accountPacer(baseUrl: string, apiKey: string | undefined): AccountPacer {
	return pacers.of(baseUrl, apiKey);
}
