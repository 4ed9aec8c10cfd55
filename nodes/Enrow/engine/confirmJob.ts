import { sleep as n8nSleep, type NodeApiError } from 'n8n-workflow';

import type { JobState } from '../../EnrowApi/readJob';
import { enrowFailureReason } from '../../EnrowApi/transport/errors';
import { PASSING_READ_FAILURES } from './waitForJobs';

/** How long a callback's job is read again while Enrow still reports it running. */
const WHILE_RUNNING_MS = 8_000;
/** How long while reading it keeps failing (5xx, network, "unknown ID"). */
const WHILE_FAILING_MS = 30_000;
const PAUSES_MS = [500, 1_000, 2_000, 4_000, 8_000];

export interface ConfirmClock {
	now?: () => number;
	sleep?: (ms: number) => Promise<void>;
}

/**
 * Reads the job Enrow's callback names until Enrow confirms it done, for a bounded time.
 * Enrow calls back when a job finishes and does not retry, but a read right after may not
 * confirm it yet: the GET can lag ("ongoing" for a moment) or fail. Refusing that call would
 * leave the paused run waiting out its Timeout with the job paid for. Returns the last state
 * (not done when Enrow still says running); throws the last error when reads kept failing.
 */
export async function confirmJob(
	read: () => Promise<JobState>,
	{ now = () => Date.now(), sleep = n8nSleep }: ConfirmClock = {},
): Promise<JobState> {
	const startedAt = now();
	for (let attempt = 0; ; attempt++) {
		// The transport's errors are NodeApiErrors: they are handed on as they are.
		const state = await read().catch((error: NodeApiError) => {
			const reason = enrowFailureReason(error);
			const passing = reason !== undefined && PASSING_READ_FAILURES.has(reason);
			if (!passing || now() - startedAt >= WHILE_FAILING_MS) throw error;
			return undefined;
		});
		if (state?.done) return state;
		if (state && now() - startedAt >= WHILE_RUNNING_MS) return state;
		await sleep(PAUSES_MS[Math.min(attempt, PAUSES_MS.length - 1)]);
	}
}
