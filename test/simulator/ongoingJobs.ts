import type { SimulatorConfigPatch } from '../../simulator';

/**
 * For a test that reads a job while it runs: a second per job, so the first read finds it ongoing
 * even on a loaded machine (FAST's 150 ms can pass before that read), and waitFor's 3 s still
 * sees it finish.
 */
export const JOBS_STILL_ONGOING_AT_FIRST_READ: SimulatorConfigPatch = {
	enrow: { jobDurationMs: { single: 1000, bulkBase: 1000 } },
};
