/**
 * The poller's schedule, written out (nodes/Enrow/engine/waitForJobs.ts): wait `first` (at least
 * 250 ms), GET, then wait 1.5× longer each round, capped at 30 s. A job of duration D costs the
 * number of GETs it takes for the waits to add up to D.
 */
export const POLL_FACTOR = 1.5;
export const POLL_CAP_MS = 30_000;

/** GETs for a job that takes `durationMs`, polled from its start (GETs themselves take no time). */
export function getsForDuration(durationMs: number, firstMs = 2000): number {
	let interval = Math.max(250, firstMs);
	let waited = 0;
	let gets = 0;
	do {
		waited += interval;
		gets++;
		interval = Math.min(POLL_CAP_MS, interval * POLL_FACTOR);
	} while (waited < durationMs);
	return gets;
}

/** When the waits reach the 30 s cap (from a 2 s start: after 7 rounds, 64.4 s). */
export function timeToCap(firstMs = 2000): { rounds: number; elapsedMs: number } {
	let interval = Math.max(250, firstMs);
	let elapsedMs = 0;
	let rounds = 0;
	while (interval < POLL_CAP_MS) {
		elapsedMs += interval;
		rounds++;
		interval = Math.min(POLL_CAP_MS, interval * POLL_FACTOR);
	}
	return { rounds, elapsedMs };
}

/** Polling every `everyMs` from the start (the SDKs' loop): GETs for a job of `durationMs`. */
export function getsAtFixedInterval(durationMs: number, everyMs = 2000): number {
	return Math.max(1, Math.ceil(durationMs / everyMs));
}
