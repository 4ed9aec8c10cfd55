/**
 * Public types of the simulated Enrow API: its config, jobs and statistics.
 * Everything here is plain JSON so it crosses the control API unchanged.
 */

export interface EnrowConfig {
	/** Valid keys and their starting balance (restored by `reset()`). */
	apiKeys: Record<string, { credits: number }>;
	/** A job is `ongoing` until createdAt + duration; bulk duration = bulkBase + bulkPerRow * rows. */
	jobDurationMs: { single: number; bulkBase: number; bulkPerRow: number };
	/** Enrow's new docs answer 402, its older docs 422 (root README, "Where Enrow's docs disagree"). */
	insufficientCredits: '402' | '422';
	/** The find-bulk doc page says 200 while ongoing; the older docs say 202. */
	findBulkOngoingStatus: 200 | 202;
	/** 3,000 (the new docs) or 5,000 (the older docs). */
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
	/** 'docs-new': the new docs' 400 (bulk) / 500 (single); 'llms': the older docs' 404 on every GET. */
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

/** What `configure({ enrow })` accepts: any subset, merged into the current config. */
export type EnrowConfigPatch = Partial<Omit<EnrowConfig, 'jobDurationMs'>> & {
	jobDurationMs?: Partial<EnrowConfig['jobDurationMs']>;
};

export type JobKind =
	| 'findSingle'
	| 'findBulk'
	| 'verifySingle'
	| 'verifyBulk'
	| 'phoneSingle'
	| 'phoneBulk';

export type JobStatus = 'ongoing' | 'completed' | 'failed';

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

/** Enrow's part of `stats()` (at its top level, beside the request counts). */
export interface EnrowStats {
	jobs: JobSummary[];
	jobsCreated: number;
	/** Enrow credits; charged = reserved - refunded. */
	credits: { reserved: number; refunded: number; charged: number };
	webhookDeliveries: WebhookDelivery[];
	/** Per key, over sliding 1 s windows of Enrow POSTs the rate limiter let through. */
	maxPostsInAnyOneSecond: number;
	/** Per key, over sliding 1 s windows of every Enrow POST received (faulted and 429'd included). */
	maxPostsAttemptedInAnyOneSecond: number;
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
