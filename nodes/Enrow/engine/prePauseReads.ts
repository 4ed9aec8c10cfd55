/**
 * Webhook mode reads the jobs at 1 s and 2 s before it pauses, so a job done by then ends the
 * run at once.
 */
export const PRE_PAUSE_READS_MS = Object.freeze({ firstIntervalMs: 1000, timeoutMs: 2000 });
