/**
 * The nodes wait with n8n-workflow's `sleep` (retry backoff, Retry-After, polling, POST pacing).
 * A 429 storm without hints takes two real minutes to give up, so the reliability tests replace
 * that one export, in their own module registry only:
 *
 *   jest.mock('n8n-workflow', () => jest.requireActual('./support/fastSleep').n8nWorkflowWithFastSleep());
 *
 * Every requested wait is recorded (so a test can check that Retry-After was honoured, or the
 * backoff sequence), waits under 250 ms really happen (POST pacing stays real: the simulator
 * enforces Enrow's 10 per second), longer ones take 20 ms. The retry loop adds up the requested
 * waits, not the clock, so its bounds and messages are the same as in a real run. Clock-based
 * limits (poll timeout, pacing window) still use the real clock.
 */
export const requestedSleeps: number[] = [];

const REAL_BELOW_MS = 250;
const COMPRESSED_MS = 20;

export async function fastSleep(ms: number): Promise<void> {
	requestedSleeps.push(ms);
	const real = ms < REAL_BELOW_MS ? Math.max(0, ms) : COMPRESSED_MS;
	await new Promise((resolve) => setTimeout(resolve, real));
}

/** Waits requested since `mark` (an index into requestedSleeps), at least `minMs` long (ignores pacing). */
export function sleepsSince(mark: number, minMs = 250): number[] {
	return requestedSleeps.slice(mark).filter((ms) => ms >= minMs);
}

export function n8nWorkflowWithFastSleep(): Record<string, unknown> {
	const actual = jest.requireActual<Record<string, unknown>>('n8n-workflow');
	return { __esModule: true, ...actual, sleep: fastSleep };
}
