/**
 * Public types of the Enrow + ValidEmailChecker simulator (a test double of both remote APIs).
 * Everything here is plain JSON so it crosses the control API unchanged.
 */
import type { VecStatus } from './validEmailChecker/rules';

export interface EnrowConfig {
	/** Valid keys and their starting balance (restored by `reset()`). */
	apiKeys: Record<string, { credits: number }>;
	/** A job is `ongoing` until createdAt + duration; bulk duration = bulkBase + bulkPerRow * rows. */
	jobDurationMs: { single: number; bulkBase: number; bulkPerRow: number };
	/** Docs contradiction #1: DOCS-new answers 402, LLMS answers 422. */
	insufficientCredits: '402' | '422';
	/** The find-bulk doc page says 200 while ongoing; LLMS says 202. */
	findBulkOngoingStatus: 200 | 202;
	/** Docs contradiction #3: 3,000 (DOCS-new) or 5,000 (LLMS). */
	phoneBulkLimit: number;
	/** Per phone found: 40 on current plans (newest docs revision, the default), 50 on legacy plans. */
	phoneCost: number;
	/** `credits.source` in verifier and phone POST answers: `sub`, `paygo` or `mixed` (newest docs revision). */
	creditsSource: 'sub' | 'paygo' | 'mixed';
	/** POSTs per key in any sliding 1,000 ms window. GETs are never limited. */
	rateLimitPerSecond: number;
	/** Header sent with a 429 (none is documented; the SDKs read X-RateLimit-Reset). */
	rateLimitHeader: 'none' | 'retry-after' | 'x-ratelimit-reset';
	/** The dashboard's default webhook; a request's `settings.webhook` overrides it. */
	globalWebhook: string | null;
	/** Docs contradiction #2: DOCS-new 400 (bulk) / 500 (single) vs LLMS 404 "Bulk search not found". */
	unknownIdStyle: 'docs-new' | 'llms';
	/** Return bulk `results` in an order different from the submitted order. */
	shuffleBulkResults: boolean;
	/** Extra share (0-100) of finder searches that find nothing, picked by a hash of name|domain. */
	finderMissPercent: number;
	/** Extra share (0-100) of verifications (single and bulk) answered `invalid`, picked by a hash of the address. */
	verifierInvalidPercent: number;
	/** Delay before each webhook delivery. */
	webhookDelayMs: number;
}

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

export interface SimulatorConfig {
	enrow: EnrowConfig;
	vec: VecConfig;
}

/**
 * What `configure()` and `POST /__sim/config` accept: any subset, merged into the current config.
 * Objects merge key by key (so an `apiKeys` patch adds or updates keys); arrays are replaced.
 */
export interface SimulatorConfigPatch {
	enrow?: Partial<Omit<EnrowConfig, 'jobDurationMs'>> & {
		jobDurationMs?: Partial<EnrowConfig['jobDurationMs']>;
	};
	vec?: Partial<Omit<VecConfig, 'latencyMs'>> & { latencyMs?: Partial<VecConfig['latencyMs']> };
}

export type FaultType =
	| 'status'
	| 'rateLimit'
	| 'latency'
	| 'dropAfterProcessing'
	| 'dropBeforeProcessing'
	| 'malformedJson'
	| 'html'
	| 'jobFailed';

/** Queued; a rule applies to the next `times` matching requests (default 1), then is removed. */
export interface FaultRule {
	match?: { method?: 'GET' | 'POST'; path?: string };
	times?: number;
	type: FaultType;
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	ms?: number;
}

export type JobKind =
	| 'findSingle'
	| 'findBulk'
	| 'verifySingle'
	| 'verifyBulk'
	| 'phoneSingle'
	| 'phoneBulk';

export type JobStatus = 'ongoing' | 'completed' | 'failed';

export interface RequestRecord {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	/** 0 when the simulator dropped the connection without answering. */
	status: number;
	apiKeyPresent: boolean;
	at: number;
}

export interface JobSummary {
	id: string;
	kind: JobKind;
	rows: number;
	createdAt: number;
	completesAt: number;
	status: JobStatus;
	webhook: string | null;
}

export interface WebhookDelivery {
	url: string;
	event: string;
	jobId: string;
	status: number | 'error';
	/** When the POST went out. */
	sentAt: number;
	/** When it was answered (or failed). */
	at: number;
}

export interface SimulatorStats {
	requests: RequestRecord[];
	/** Keyed by 'METHOD /path', e.g. 'POST /email/verify/bulk'. */
	requestsByRoute: Record<string, number>;
	posts: number;
	gets: number;
	jobs: JobSummary[];
	jobsCreated: number;
	/** Enrow credits; charged = reserved - refunded. */
	credits: { reserved: number; refunded: number; charged: number };
	webhookDeliveries: WebhookDelivery[];
	/** Per key, over sliding 1 s windows of Enrow POSTs the rate limiter let through. */
	maxPostsInAnyOneSecond: number;
	/** Per key, over sliding 1 s windows of every Enrow POST received (faulted and 429'd included). */
	maxPostsAttemptedInAnyOneSecond: number;
	vec: {
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
	};
}

/** `GET /__sim/jobs/:id`: a job with its submitted rows and (predetermined) results. */
export interface JobDetails extends JobSummary {
	custom?: unknown;
	failed: boolean;
	reserved: number;
	refunded: number;
	input: unknown[];
	results: unknown[];
}
