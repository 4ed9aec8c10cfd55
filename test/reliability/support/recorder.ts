/**
 * Every reliability test proves one row of RELIABILITY.md. `proves()` declares the test and its
 * row together; when the file's tests are done, the rows go to `test/reliability/.results/<file>.json`
 * and `scripts/reliability/writeReport.ts` turns all of them into the report.
 *
 * A row is registered when the test is declared (status `not-run`), so a filtered run (`-t`) leaves
 * rows that say so, and the report script refuses to build a report from it.
 *
 * - `knownBug`: the behaviour the issue asks for is not there yet. The test asserts the wanted
 *   behaviour and runs as `it.failing` (the suite stays green while the bug is open, and turns red
 *   the day the node is fixed, so the flag gets removed). The row says `failing-with-note`.
 * - `skip`: the test cannot run yet (a missing seam): `it.skip`, and the row says why.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { RESULTS_DIR, type CaseMeta, type ResultRow, type ResultsFile } from './rows';

export { AREAS, RESULTS_DIR } from './rows';
export type { Area, CaseMeta, ResultRow, ResultsFile, RowStatus } from './rows';

/** What a test body gets: `did()` sets the row's "what the node did" cell. */
export interface Proof {
	did(text: string): void;
}

/** A reliability case's test body. */
export type CaseBody = (proof: Proof) => Promise<void>;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Makes a quoted node message stable across runs: job IDs become ‹job ID›, whitespace is collapsed. */
export function stable(text: unknown): string {
	return String(text ?? '')
		.replace(UUID, '‹job ID›')
		.replace(/\s+/g, ' ')
		.trim();
}

export class CaseRecorder {
	private readonly rows: ResultRow[] = [];

	private readonly file: string;

	constructor(testFile: string) {
		this.file = basename(testFile);
		// A run that dies before its afterAll leaves no results rather than the previous run's.
		rmSync(this.resultsPath(), { force: true });
		afterAll(() => this.write());
	}

	private resultsPath(): string {
		return join(RESULTS_DIR, this.file.replace(/\.test\.ts$/, '.json'));
	}

	/** Declares this file's cases of one area of the report, each with the same timeout. */
	inArea(
		area: CaseMeta['area'],
		timeoutMs: number,
	): (meta: Omit<CaseMeta, 'area'>, name: string, body: CaseBody) => void {
		return (meta, name, body) => this.proves({ area, ...meta }, name, body, timeoutMs);
	}

	/** Declares a test (`it`, `it.failing` or `it.skip`) and the report row it proves. */
	proves(meta: CaseMeta, name: string, body: CaseBody, timeoutMs?: number): void {
		const row: ResultRow = {
			...meta,
			test: `test/reliability/${this.file}::${name}`,
			whatTheNodeDid: meta.skip ?? '',
			status: meta.skip ? 'skipped' : 'not-run',
			passed: false,
		};
		this.rows.push(row);
		if (meta.skip) {
			it.skip(name, async () => {});
			return;
		}
		const runner = meta.knownBug ? it.failing : it;
		runner(
			name,
			async () => {
				const proof: Proof = { did: (text) => (row.whatTheNodeDid = text) };
				try {
					await body(proof);
					// A knownBug test that passes fails in Jest (it.failing): the bug is fixed, drop the flag.
					row.status = 'passed';
				} catch (error) {
					row.status = meta.knownBug ? 'failing-with-note' : 'failed';
					row.failure = firstLine(error);
					throw error;
				}
			},
			timeoutMs,
		);
	}

	private write(): void {
		mkdirSync(RESULTS_DIR, { recursive: true });
		const rows = this.rows.map((row) => ({ ...row, passed: row.status === 'passed' }));
		const results: ResultsFile = { file: `test/reliability/${this.file}`, rows };
		writeFileSync(this.resultsPath(), `${JSON.stringify(results, null, '\t')}\n`);
	}
}

function firstLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	// Jest's matcher messages carry ANSI colours.
	// eslint-disable-next-line no-control-regex
	const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
	return stable(
		plain
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean)
			.slice(0, 3)
			.join(' · '),
	).slice(0, 300);
}
