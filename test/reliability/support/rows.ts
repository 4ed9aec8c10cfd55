/**
 * The rows of RELIABILITY.md, as the reliability tests write them (support/recorder.ts) and the
 * report script reads them (scripts/reliability/writeReport.ts). No Jest here: the script imports it.
 */
import { join } from 'node:path';

export const RESULTS_DIR = join(__dirname, '..', '.results');

/** The report's sections, in this order. */
export const AREAS = {
	faults: '1. Faults injected by the API simulator',
	input: '2. Bad input at scale',
	webhooks: '3. Forged and replayed webhook calls',
	secrets: '4. The API key never shows',
	landing: '5. Every item lands where users expect',
	n8nFeatures: "6. n8n's own retries, error output, pauses and timeouts",
} as const;
export type Area = keyof typeof AREAS;

export type RowStatus = 'passed' | 'failed' | 'failing-with-note' | 'skipped' | 'not-run';

export interface CaseMeta {
	area: Area;
	/** What went wrong, e.g. `429 storm, with Retry-After`. */
	fault: string;
	/** Which node and operation, e.g. `Enrow · Verify an email (verify)`. */
	operation: string;
	/** The wanted behaviour is missing from the node: why, and where (file:line). */
	knownBug?: string;
	/** The test cannot run yet: why. */
	skip?: string;
	/** Worth knowing about a passing row (a deliberate trade-off, a limit). */
	note?: string;
}

export interface ResultRow extends CaseMeta {
	/** `test/reliability/<file>::<test name>` */
	test: string;
	/** Written by the test from what it observed (normalised: no job IDs, timings or randomness). */
	whatTheNodeDid: string;
	status: RowStatus;
	/** `status === 'passed'`. */
	passed: boolean;
	/** The first line of the assertion that failed, for `failed` and `failing-with-note` rows. */
	failure?: string;
}

export interface ResultsFile {
	file: string;
	rows: ResultRow[];
}
