/**
 * How long the trigger reads a notified job again when Enrow's answer is not yet "finished":
 * a job Enrow notified about exists, so an answer that looks like "unknown job" (400 on bulk
 * reads, 500 "Could not retrieve…" on single ones) or "still running" may be a passing fault or
 * read lag, but a forged notification gets the same answers for good.
 *
 * Enrow waits for the trigger's answer while it reads: its delivery timeout is not documented,
 * webhook senders commonly give up after about 10 s (the simulator models 10 s), so every
 * read again starts within 8 s of the first read.
 */
export const NOTIFIED_JOB_REREADS = Object.freeze({
	/** The waits before each read again: reads at about 0, 1, 3 and 7 s. */
	delaysMs: Object.freeze([1000, 2000, 4000]),
	/** No read again starts later than this after the first read. */
	budgetMs: 8000,
	/**
	 * Notifications this n8n process reads again at the same time. Each costs a few free reads
	 * with the user's key and an open request; beyond this bound (a flood of forged
	 * notifications, say) a notification is decided on its first read.
	 */
	maxAtOnce: 50,
});
