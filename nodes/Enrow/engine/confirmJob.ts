import type { JobState, JobToRead } from '../../EnrowApi/readJob';
import { rereadJob, type RereadBounds } from '../../EnrowApi/rereadJob';
import type { EnrowClient } from '../../EnrowApi/transport';
import { enrowFailureReason } from '../../EnrowApi/transport/errors';
import { PASSING_READ_FAILURES } from './waitForJobs';

/** How long a callback's job is read again while Enrow still reports it running. */
const WHILE_RUNNING_MS = 8_000;
/** How long while reading it keeps failing (5xx, network, "unknown ID"). */
const WHILE_FAILING_MS = 30_000;
const PAUSES_MS = [500, 1_000, 2_000, 4_000, 8_000];

const CONFIRM_BOUNDS: RereadBounds = {
	pauseAfter(seen, reads, elapsedMs) {
		if (seen instanceof Error) {
			const reason = enrowFailureReason(seen);
			const passing = reason !== undefined && PASSING_READ_FAILURES.has(reason);
			if (!passing || elapsedMs >= WHILE_FAILING_MS) return undefined;
		} else if (elapsedMs >= WHILE_RUNNING_MS) {
			return undefined;
		}
		return PAUSES_MS[Math.min(reads - 1, PAUSES_MS.length - 1)];
	},
};

/**
 * Reads the job Enrow's callback names until Enrow confirms it done, for a bounded time.
 * Refusing the callback when a read does not confirm it yet would leave the paused run waiting
 * out its Timeout with the job paid for. Returns the last state (not done when Enrow still says
 * running); throws the last error when reads kept failing.
 */
export async function confirmJob(client: EnrowClient, job: JobToRead): Promise<JobState> {
	const seen = await rereadJob(client, job, CONFIRM_BOUNDS);
	if (seen instanceof Error) throw seen;
	return seen;
}
