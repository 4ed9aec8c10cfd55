import { clone, deepMerge } from './config';
import { FaultQueue } from './faults';
import { SlidingWindow } from './slidingWindow';
import { TimerSet } from './timers';
import { WebhookSender } from './enrow/webhooks';
import { accountOf, MINUTE_WINDOW_MS, utcDayKey } from './validEmailChecker/limits';
import type {
	JobKind,
	JobStatus,
	RequestRecord,
	SimulatorConfig,
	SimulatorConfigPatch,
	SimulatorStats,
	WebhookDelivery,
} from './types';

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
	requests: RequestRecord[];
	requestsByRoute: Record<string, number>;
	posts: number;
	gets: number;
	reserved: number;
	refunded: number;
	webhookDeliveries: WebhookDelivery[];
	vec: {
		calls: number;
		charged: number;
		refunded: number;
		inFlight: number;
		maxConcurrent: number;
		refused: { perMinute: number; perDay: number };
	};
}

function freshCounters(): Counters {
	return {
		requests: [],
		requestsByRoute: {},
		posts: 0,
		gets: 0,
		reserved: 0,
		refunded: 0,
		webhookDeliveries: [],
		vec: {
			calls: 0,
			charged: 0,
			refunded: 0,
			inFlight: 0,
			maxConcurrent: 0,
			refused: { perMinute: 0, perDay: 0 },
		},
	};
}

/** All mutable simulator state: config, balances, jobs, counters, faults and limiter windows. */
export class SimulatorState {
	readonly enrowCredits = new Map<string, number>();
	readonly vecCredits = new Map<string, number>();
	readonly jobs = new Map<string, Job>();
	readonly faults = new FaultQueue();
	/** Job completions and delayed webhooks: cleared by reset() and close(). */
	readonly jobTimers = new TimerSet();
	/** Request latency (faults, ValidEmailChecker): cleared by close() only. */
	readonly requestTimers = new TimerSet();
	readonly webhooks: WebhookSender;
	/** Enrow POSTs let through by the rate limiter, per key (1 s window). */
	readonly acceptedPosts = new SlidingWindow(1000);
	/** Every Enrow POST received, per key (1 s window). */
	readonly attemptedPosts = new SlidingWindow(1000);
	/** ValidEmailChecker calls per account, rolling 60 s. */
	readonly vecMinuteWindow = new SlidingWindow(MINUTE_WINDOW_MS);
	/** ValidEmailChecker calls per account per UTC day ('YYYY-MM-DD|account'). */
	readonly vecDailyCalls = new Map<string, number>();
	/** 429s per client IP, rolling 60 s, and the IPs they got blocked. */
	readonly vecRefusalsByIp = new SlidingWindow(MINUTE_WINDOW_MS);
	readonly vecBlockedIps = new Set<string>();
	counters = freshCounters();

	constructor(public readonly config: SimulatorConfig) {
		this.webhooks = new WebhookSender(this.jobTimers, (delivery) =>
			this.counters.webhookDeliveries.push(delivery),
		);
		this.resetCredits();
	}

	/** Jobs, counters, faults, limiter windows and balances back to the config's values. */
	reset(): void {
		this.jobTimers.clear();
		this.webhooks.abortAll();
		this.jobs.clear();
		this.faults.clear();
		this.acceptedPosts.clear();
		this.attemptedPosts.clear();
		this.vecMinuteWindow.clear();
		this.vecDailyCalls.clear();
		this.vecRefusalsByIp.clear();
		this.vecBlockedIps.clear();
		this.counters = freshCounters();
		this.resetCredits();
	}

	/** Merges a patch; keys named in an `apiKeys` patch get the patched balance right away. */
	configure(patch: SimulatorConfigPatch): void {
		deepMerge(this.config as unknown as Record<string, unknown>, patch);
		for (const key of Object.keys(patch.enrow?.apiKeys ?? {})) {
			this.enrowCredits.set(key, this.config.enrow.apiKeys[key].credits ?? 0);
		}
		for (const key of Object.keys(patch.vec?.apiKeys ?? {})) this.resetVecKey(key);
	}

	isEnrowKey(key: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.config.enrow.apiKeys, key);
	}

	enrowBalance(key: string): number {
		return this.enrowCredits.get(key) ?? 0;
	}

	/** Moves credits between a key's balance and the reserved/refunded totals. */
	reserveEnrowCredits(key: string, amount: number): void {
		this.enrowCredits.set(key, this.enrowBalance(key) - amount);
		this.counters.reserved += amount;
	}

	refundEnrowCredits(key: string, amount: number): void {
		if (amount <= 0) return;
		this.enrowCredits.set(key, this.enrowBalance(key) + amount);
		this.counters.refunded += amount;
	}

	snapshotStats(): SimulatorStats {
		const { counters } = this;
		return clone({
			requests: counters.requests,
			requestsByRoute: counters.requestsByRoute,
			posts: counters.posts,
			gets: counters.gets,
			jobs: [...this.jobs.values()].map((job) => ({
				id: job.id,
				kind: job.kind,
				rows: job.rows.length,
				createdAt: job.createdAt,
				completesAt: job.completesAt,
				status: job.status,
				webhook: job.webhook,
			})),
			jobsCreated: this.jobs.size,
			credits: {
				reserved: counters.reserved,
				refunded: counters.refunded,
				charged: counters.reserved - counters.refunded,
			},
			webhookDeliveries: counters.webhookDeliveries,
			maxPostsInAnyOneSecond: this.acceptedPosts.max(),
			maxPostsAttemptedInAnyOneSecond: this.attemptedPosts.max(),
			vec: {
				calls: counters.vec.calls,
				creditsCharged: counters.vec.charged - counters.vec.refunded,
				refunded: counters.vec.refunded,
				maxConcurrent: counters.vec.maxConcurrent,
				rateLimited: counters.vec.refused,
				maxCallsInAnyMinute: this.vecMinuteWindow.max(),
				blockedIps: [...this.vecBlockedIps],
			},
		});
	}

	private resetCredits(): void {
		this.enrowCredits.clear();
		this.vecCredits.clear();
		for (const [key, { credits }] of Object.entries(this.config.enrow.apiKeys)) {
			this.enrowCredits.set(key, credits);
		}
		for (const key of Object.keys(this.config.vec.apiKeys)) this.resetVecKey(key);
	}

	/** A key's balance, and its account's calls today when the config presets them. */
	private resetVecKey(key: string): void {
		const { credits, callsToday } = this.config.vec.apiKeys[key];
		this.vecCredits.set(key, credits ?? 0);
		if (callsToday !== undefined) {
			this.vecDailyCalls.set(utcDayKey(Date.now(), accountOf(this, key)), callsToday);
		}
	}
}
