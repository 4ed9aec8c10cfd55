/** The simulated ValidEmailChecker's mutable state: balances, limiter windows, blocked IPs, counters. */
import { deepMerge, isPlainObject } from '../core/merge';
import { SlidingWindow } from '../core/slidingWindow';
import type { TimerSet } from '../core/timers';
import type { VecConfig, VecConfigPatch } from './types';

/** The per-minute limit's window: any rolling 60 s. */
export const MINUTE_WINDOW_MS = 60_000;

/** The key of an account's calls on one UTC day in `dailyCalls`. */
export function utcDayKey(now: number, account: string): string {
	return `${new Date(now).toISOString().slice(0, 10)}|${account}`;
}

interface Counters {
	calls: number;
	charged: number;
	refunded: number;
	inFlight: number;
	maxConcurrent: number;
	refused: { perMinute: number; perDay: number };
}

const freshCounters = (): Counters => ({
	calls: 0,
	charged: 0,
	refunded: 0,
	inFlight: 0,
	maxConcurrent: 0,
	refused: { perMinute: 0, perDay: 0 },
});

export class VecState {
	readonly credits = new Map<string, number>();
	/** Calls per account, rolling 60 s. */
	readonly minuteWindow = new SlidingWindow(MINUTE_WINDOW_MS);
	/** Calls per account per UTC day ('YYYY-MM-DD|account'). */
	readonly dailyCalls = new Map<string, number>();
	/** 429s per client IP, rolling 60 s, and the IPs they got blocked. */
	readonly refusalsByIp = new SlidingWindow(MINUTE_WINDOW_MS);
	readonly blockedIps = new Set<string>();
	counters = freshCounters();

	constructor(
		readonly config: VecConfig,
		/** The core's request timers: each verification's latency (cleared by close() only). */
		readonly requestTimers: TimerSet,
	) {
		this.resetCredits();
	}

	/** Counters, limiter windows, blocked IPs and balances back to the config's values. */
	reset(): void {
		this.minuteWindow.clear();
		this.dailyCalls.clear();
		this.refusalsByIp.clear();
		this.blockedIps.clear();
		this.counters = freshCounters();
		this.resetCredits();
	}

	/** The account whose limits a key counts against. */
	accountOf(apiKey: string): string {
		return this.config.apiKeys[apiKey]?.account ?? apiKey;
	}

	/** Merges a patch; keys named in an `apiKeys` patch get the patched balance right away. */
	configure(patch: VecConfigPatch): void {
		if (!isPlainObject(patch)) return;
		deepMerge(this.config as unknown as Record<string, unknown>, patch);
		for (const key of Object.keys(patch.apiKeys ?? {})) this.resetKey(key);
	}

	private resetCredits(): void {
		this.credits.clear();
		for (const key of Object.keys(this.config.apiKeys)) this.resetKey(key);
	}

	/** A key's balance, and its account's calls today when the config presets them. */
	private resetKey(key: string): void {
		const { credits, callsToday } = this.config.apiKeys[key];
		this.credits.set(key, credits ?? 0);
		if (callsToday !== undefined) {
			this.dailyCalls.set(utcDayKey(Date.now(), this.accountOf(key)), callsToday);
		}
	}
}
