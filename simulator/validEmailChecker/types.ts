/**
 * Public types of the simulated ValidEmailChecker API: its config and statistics.
 * Everything here is plain JSON so it crosses the control API unchanged.
 */
import type { VecStatus } from './rules';

export interface VecKeyConfig {
	credits: number;
	/** true, or the `reason` the 403 "API key is suspended" gives (e.g. "Excessive rate-limit violations"). */
	suspended?: boolean | string;
	/** The account whose limits the key shares (all keys of an account share them). Default: the key itself. */
	account?: string;
	/** Requests the account has already made today (UTC), set when the key is configured and on reset(). */
	callsToday?: number;
}

export interface VecConfig {
	apiKeys: Record<string, VecKeyConfig>;
	/** Each verification answers after a uniform random delay in [min, max]. */
	latencyMs: { min: number; max: number };
	/** Requests per account in any rolling 60 s (documented: 60). */
	perMinuteLimit: number;
	/** Requests per account per UTC day (documented: 10,000). */
	perDayLimit: number;
	/** Client addresses answered with 403 "Access denied". */
	blockedIps: string[];
	/**
	 * 429s to one IP in any rolling 60 s after which that IP is blocked (403 "Access denied")
	 * until reset(): the docs' "sustained wall of 429s". 0: never.
	 */
	ipBlockAfterRefusals: number;
	/**
	 * Share (0-100) per status of the addresses the keyword rules call `safe` that get that status
	 * instead, picked by a hash of the address (e.g. `{ catch_all: 20, risky: 10 }`). Default none.
	 */
	statusMixPercent: Partial<Record<VecStatus, number>>;
}

/** What `configure({ vec })` accepts: any subset, merged into the current config. */
export type VecConfigPatch = Partial<Omit<VecConfig, 'latencyMs'>> & {
	latencyMs?: Partial<VecConfig['latencyMs']>;
};

/** ValidEmailChecker's part of `stats()` (under `vec`). */
export interface VecStats {
	calls: number;
	creditsCharged: number;
	refunded: number;
	maxConcurrent: number;
	/** 429s the limits gave (faults not included). */
	rateLimited: { perMinute: number; perDay: number };
	/** Per account, the most requests let through in any rolling 60 s. */
	maxCallsInAnyMinute: number;
	/** IPs blocked after a wall of 429s. */
	blockedIps: string[];
}
