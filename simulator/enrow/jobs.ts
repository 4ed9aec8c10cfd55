/**
 * Job lifecycle shared by every Enrow endpoint: reserve credits and start a job, end it at
 * createdAt + duration (timer, a GET that comes after that time, or completeAllJobs), refund
 * what was not found, and send its webhook.
 */
import { randomUUID } from 'crypto';
import type { EnrowState, Job, JobRow, WebhookMessage } from './state';
import type { JobKind, JobSummary } from './types';
import { shuffledOrder, submittedOrder } from './resultOrder';

export interface NewJob<TRow extends JobRow> {
	kind: JobKind;
	/** The POST path, to let a jobFailed fault claim the job. */
	path: string;
	apiKey: string;
	input: unknown[];
	rows: TRow[];
	custom: unknown;
	/** `settings.webhook` of the request, if any (else the dashboard's global webhook). */
	webhook: string | undefined;
	reserved: number;
	notification: (job: Job<TRow>) => WebhookMessage | null;
}

const isBulk = (kind: JobKind) => kind.endsWith('Bulk');

export function startJob<TRow extends JobRow>(state: EnrowState, spec: NewJob<TRow>): Job<TRow> {
	const { jobDurationMs, globalWebhook, shuffleBulkResults } = state.config;
	const now = Date.now();
	const bulk = isBulk(spec.kind);
	const duration = Math.round(
		bulk
			? jobDurationMs.bulkBase + jobDurationMs.bulkPerRow * spec.rows.length
			: jobDurationMs.single,
	);
	const id = randomUUID();
	const job: Job<TRow> = {
		id,
		kind: spec.kind,
		apiKey: spec.apiKey,
		createdAt: now,
		completesAt: now + duration,
		status: 'ongoing',
		failOnCompletion: state.faults.takeJobFailure('POST', spec.path),
		webhook: spec.webhook ?? globalWebhook ?? null,
		custom: spec.custom,
		input: spec.input,
		rows: spec.rows,
		order:
			bulk && shuffleBulkResults
				? shuffledOrder(spec.rows.length, id)
				: submittedOrder(spec.rows.length),
		reserved: spec.reserved,
		refunded: 0,
		notification: () => spec.notification(job),
	};
	state.reserveCredits(spec.apiKey, spec.reserved);
	state.jobs.set(id, job as unknown as Job);
	job.timer = state.jobTimers.schedule(() => finishJob(state, job), duration);
	return job;
}

/**
 * Ends a job. A failed job (jobFailed fault) refunds everything it reserved; a completed one refunds
 * its rows' `refund`. The webhook goes out either way when the job's notification gives one.
 */
export function finishJob(state: EnrowState, job: Job<JobRow>): void {
	if (job.status !== 'ongoing') return;
	state.jobTimers.cancel(job.timer);
	job.status = job.failOnCompletion ? 'failed' : 'completed';
	job.refunded =
		job.status === 'failed' ? job.reserved : job.rows.reduce((sum, row) => sum + row.refund, 0);
	state.refundCredits(job.apiKey, job.refunded);
	const message = job.webhook ? job.notification() : null;
	if (job.webhook && message) {
		state.webhooks.send(job.webhook, job.id, message, state.config.webhookDelayMs);
	}
}

/** Finishes every ongoing job now (their webhooks fire); returns how many there were. */
export function completeAllJobs(state: EnrowState): number {
	const now = Date.now();
	let finished = 0;
	for (const job of state.jobs.values()) {
		if (job.status !== 'ongoing') continue;
		job.completesAt = Math.min(job.completesAt, now);
		finishJob(state, job);
		finished += 1;
	}
	return finished;
}

/**
 * The job behind a GET, brought up to date with the clock; undefined when the id is unknown,
 * belongs to another endpoint, or to another API key (Enrow would not show it either).
 */
export function lookupJob<TRow extends JobRow>(
	state: EnrowState,
	id: string,
	kind: JobKind,
	apiKey: string,
): Job<TRow> | undefined {
	const job = state.jobs.get(id);
	if (!job || job.kind !== kind || job.apiKey !== apiKey) return undefined;
	if (job.status === 'ongoing' && Date.now() >= job.completesAt) finishJob(state, job);
	return job as unknown as Job<TRow>;
}

/** Rows done so far: grows linearly with time, and stays below `requested` while the job runs. */
export function bulkProgress(
	job: Job<JobRow>,
	now = Date.now(),
): { finished: number; requested: number } {
	const requested = job.rows.length;
	if (job.status !== 'ongoing') return { finished: requested, requested };
	const share = (now - job.createdAt) / Math.max(1, job.completesAt - job.createdAt);
	const finished = Math.min(requested - 1, Math.max(0, Math.floor(requested * share)));
	return { finished, requested };
}

/** `estimated_duration`: minutes, an integer of at least 1. */
export function estimatedMinutes(job: Job<JobRow>): number {
	return Math.max(1, Math.ceil((job.completesAt - job.createdAt) / 60_000));
}

/** Rows in the order a completed bulk GET lists them, with their submitted position. */
export function rowsInListingOrder<TRow extends JobRow>(
	job: Job<TRow>,
): Array<{ row: TRow; position: number }> {
	return job.order.map((position) => ({ row: job.rows[position], position }));
}

/** What `stats().jobs` and `GET /__sim/jobs/:id` show of a job. */
export function jobSummary(job: Job<JobRow>): JobSummary {
	return {
		id: job.id,
		kind: job.kind,
		rows: job.rows.length,
		createdAt: job.createdAt,
		completesAt: job.completesAt,
		status: job.status,
		webhook: job.webhook,
	};
}
