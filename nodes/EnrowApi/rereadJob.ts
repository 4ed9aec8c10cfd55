import { sleep } from 'n8n-workflow';

import { asNodeError, type NodeError } from '../shared/asNodeError';
import { readJob, type JobState, type JobToRead } from './readJob';
import type { EnrowClient } from './transport';

/** When a job Enrow says finished is read again, and for how long. */
export interface RereadBounds {
	/** Called just before each read. */
	beforeRead?(): void;
	/**
	 * The pause before reading again after read number `reads` saw `seen` (a state not done yet,
	 * or the read's error), `elapsedMs` after the first read began; undefined: read no more.
	 */
	pauseAfter(seen: JobState | NodeError, reads: number, elapsedMs: number): number | undefined;
}

/**
 * Reads a job Enrow called back about until it reads done, within `bounds`: Enrow calls back
 * when a job finishes and does not retry, but a read right after may not confirm it yet (the
 * GET can lag, "ongoing" for a moment, or fail). The Enrow node's resume (engine/confirmJob.ts)
 * and the trigger (EnrowTrigger/readNotifiedJob.ts) each bring their own bounds. Returns the
 * state once done, or what the last read saw: a state still running, or its error.
 */
export async function rereadJob(
	client: EnrowClient,
	job: JobToRead,
	bounds: RereadBounds,
): Promise<JobState | NodeError> {
	const startedAt = Date.now();
	for (let reads = 1; ; reads++) {
		bounds.beforeRead?.();
		let seen: JobState | NodeError;
		try {
			seen = await readJob(client, job);
		} catch (error) {
			seen = asNodeError(client.context, error, job.itemIndex ?? 0);
		}
		if (!(seen instanceof Error) && seen.done) return seen;
		const pauseMs = bounds.pauseAfter(seen, reads, Date.now() - startedAt);
		if (pauseMs === undefined) return seen;
		if (pauseMs > 0) await sleep(pauseMs);
	}
}
