/** The simulated Enrow's mutable state: balances, jobs, their timers and webhooks, POST windows, counters. */
import type { FaultQueue } from '../core/faults';
import { deepMerge, isPlainObject } from '../core/merge';
import { SlidingWindow } from '../core/slidingWindow';
import { TimerSet } from '../core/timers';
import type { EnrowConfig, EnrowConfigPatch, JobKind, JobStatus, WebhookDelivery } from './types';
import { WebhookSender } from './webhooks';

/** Every result row carries the credits refunded for it when its job completes. */
export interface JobRow {
	refund: number;
}

/** A webhook payload: every Enrow event carries `event` and `id`. */
export interface WebhookMessage {
	event: string;
	[field: string]: unknown;
}

export interface Job<TRow extends JobRow = JobRow> {
	id: string;
	kind: JobKind;
	/** Kept to scope GETs to the key that created the job; never exposed. */
	apiKey: string;
	createdAt: number;
	completesAt: number;
	status: JobStatus;
	/** Set by a jobFailed fault: the job ends `failed` instead of `completed`. */
	failOnCompletion: boolean;
	webhook: string | null;
	/** Request-level `custom`, echoed as sent (undefined when not sent). */
	custom: unknown;
	/** The rows (or the single search) as submitted. */
	input: unknown[];
	/** Outcomes, decided at creation and revealed at completion; in submitted order. */
	rows: TRow[];
	/** Order in which a bulk GET lists the rows (a permutation of row positions). */
	order: number[];
	reserved: number;
	refunded: number;
	timer?: NodeJS.Timeout;
	/** The webhook to send when the job ends, or null for none. */
	notification: () => WebhookMessage | null;
}

interface Counters {
	reserved: number;
	refunded: number;
	webhookDeliveries: WebhookDelivery[];
}

const freshCounters = (): Counters => ({ reserved: 0, refunded: 0, webhookDeliveries: [] });

export class EnrowState {
	readonly credits = new Map<string, number>();
	readonly jobs = new Map<string, Job>();
	/** Job completions and delayed webhooks: cleared by reset() and close(). */
	readonly jobTimers = new TimerSet();
	readonly webhooks: WebhookSender;
	/** POSTs let through by the rate limiter, per key (1 s window). */
	readonly acceptedPosts = new SlidingWindow(1000);
	/** Every POST received, per key (1 s window). */
	readonly attemptedPosts = new SlidingWindow(1000);
	counters = freshCounters();

	constructor(
		readonly config: EnrowConfig,
		/** The core's queue, for the jobFailed faults a new job may claim. */
		readonly faults: FaultQueue,
	) {
		this.webhooks = new WebhookSender(this.jobTimers, (delivery) =>
			this.counters.webhookDeliveries.push(delivery),
		);
		this.resetCredits();
	}

	/** Jobs, counters, limiter windows and balances back to the config's values. */
	reset(): void {
		this.jobTimers.clear();
		this.webhooks.abortAll();
		this.jobs.clear();
		this.acceptedPosts.clear();
		this.attemptedPosts.clear();
		this.counters = freshCounters();
		this.resetCredits();
	}

	/** Merges a patch; keys named in an `apiKeys` patch get the patched balance right away. */
	configure(patch: EnrowConfigPatch): void {
		if (!isPlainObject(patch)) return;
		deepMerge(this.config as unknown as Record<string, unknown>, patch);
		for (const key of Object.keys(patch.apiKeys ?? {})) {
			this.credits.set(key, this.config.apiKeys[key].credits ?? 0);
		}
	}

	isKnownKey(key: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.config.apiKeys, key);
	}

	balance(key: string): number {
		return this.credits.get(key) ?? 0;
	}

	/** Moves credits between a key's balance and the reserved/refunded totals. */
	reserveCredits(key: string, amount: number): void {
		this.credits.set(key, this.balance(key) - amount);
		this.counters.reserved += amount;
	}

	refundCredits(key: string, amount: number): void {
		if (amount <= 0) return;
		this.credits.set(key, this.balance(key) + amount);
		this.counters.refunded += amount;
	}

	private resetCredits(): void {
		this.credits.clear();
		for (const [key, { credits }] of Object.entries(this.config.apiKeys)) {
			this.credits.set(key, credits);
		}
	}
}
