/**
 * Builds RELIABILITY.md from the rows the reliability suite wrote (test/reliability/.results/*.json).
 *
 *   npx jest test/reliability && npx ts-node --transpile-only scripts/reliability/writeReport.ts
 *   npx ts-node --transpile-only scripts/reliability/writeReport.ts --check
 *
 * Write mode rewrites RELIABILITY.md. `--check` rewrites nothing: it fails (exit 1) when the
 * committed RELIABILITY.md differs from what the last run produced, the "Last run:" line aside, so
 * CI can keep the file honest. Both refuse results from a partial run (a test file without results,
 * or a test declared but not run, as with `jest -t`), and exit 1 when a row failed.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import {
	AREAS,
	RESULTS_DIR,
	type Area,
	type ResultRow,
	type ResultsFile,
} from '../../test/reliability/support/rows';

const ROOT = join(__dirname, '..', '..');
const REPORT = join(ROOT, 'RELIABILITY.md');
const SUITE_DIR = join(ROOT, 'test', 'reliability');
const DATE_LINE = /^Last run: /;
const AREA_PREFIX: Record<Area, string> = {
	faults: 'F',
	input: 'I',
	webhooks: 'W',
	secrets: 'S',
	landing: 'L',
	n8nFeatures: 'N',
};

class ReportError extends Error {}

function loadRows(): ResultRow[] {
	if (!existsSync(RESULTS_DIR)) {
		throw new ReportError(`No results in ${RESULTS_DIR}: run "npx jest test/reliability" first.`);
	}
	const testFiles = readdirSync(SUITE_DIR).filter((name) => name.endsWith('.test.ts'));
	const resultFiles = readdirSync(RESULTS_DIR).filter((name) => name.endsWith('.json'));
	const problems: string[] = [];
	for (const testFile of testFiles) {
		if (!resultFiles.includes(testFile.replace(/\.test\.ts$/, '.json'))) {
			problems.push(`${testFile} has no results (not run?)`);
		}
	}
	// Results older than the code of the suite are from an earlier version of it.
	const supportDir = join(SUITE_DIR, 'support');
	const suiteChanged = Math.max(
		...readdirSync(supportDir).map((name) => statSync(join(supportDir, name)).mtimeMs),
	);
	const rows: ResultRow[] = [];
	for (const resultFile of resultFiles.sort()) {
		const testFile = resultFile.replace(/\.json$/, '.test.ts');
		if (!testFiles.includes(testFile)) {
			problems.push(`${resultFile} is left from ${testFile}, which no longer exists`);
			continue;
		}
		const written = statSync(join(RESULTS_DIR, resultFile)).mtimeMs;
		if (written < Math.max(suiteChanged, statSync(join(SUITE_DIR, testFile)).mtimeMs)) {
			problems.push(`${resultFile} is older than ${testFile} or test/reliability/support/`);
		}
		const results = JSON.parse(readFileSync(join(RESULTS_DIR, resultFile), 'utf8')) as ResultsFile;
		for (const row of results.rows) {
			if (row.status === 'not-run') problems.push(`not run: ${row.test}`);
			rows.push(row);
		}
	}
	if (problems.length > 0) {
		throw new ReportError(
			`The results are incomplete or out of date; run the whole suite ("npx jest test/reliability"):\n  ${problems.slice(0, 20).join('\n  ')}`,
		);
	}
	return rows;
}

function cell(text: string): string {
	return text
		.replace(/\|/g, '\\|')
		.replace(/\s*\n\s*/g, ' ')
		.trim();
}

const RESULT: Record<ResultRow['status'], string> = {
	passed: '✅ pass',
	'failing-with-note': '❌ known bug',
	skipped: '⏸ not run',
	failed: '💥 FAILED',
	'not-run': '–',
};

interface Footnote {
	id: string;
	text: string;
	rows: string[];
}

/** The report, and whether every row passed or is an acknowledged bug or skip. */
export function buildReport(rows: ResultRow[], date: string): { text: string; ok: boolean } {
	const areas = Object.keys(AREAS) as Area[];
	const ids = new Map<ResultRow, string>();
	for (const area of areas) {
		rows
			.filter((row) => row.area === area)
			.forEach((row, index) => ids.set(row, `${AREA_PREFIX[area]}${index + 1}`));
	}

	const bugs: Footnote[] = [];
	const notes: Footnote[] = [];
	const footnote = (list: Footnote[], prefix: string, text: string, rowId: string): string => {
		let entry = list.find((candidate) => candidate.text === text);
		if (!entry) {
			entry = { id: `${prefix}${list.length + 1}`, text, rows: [] };
			list.push(entry);
		}
		entry.rows.push(rowId);
		return entry.id;
	};

	const count = (status: ResultRow['status'], subset = rows) =>
		subset.filter((row) => row.status === status).length;
	const lines: string[] = [
		'# Reliability',
		'',
		'What the nodes do when things go wrong: every fault, bad input, forged webhook call and secrets',
		'check that the reliability suite (`test/reliability/`) tries, what the node did, and the test',
		'that proves it. Each run of the suite against the API simulator, inside n8n-core, writes its',
		'rows; this file is generated from them by `npm run test:reliability`. Do not edit it by hand:',
		'`npx ts-node --transpile-only scripts/reliability/writeReport.ts --check` fails when it no longer',
		'matches what the suite observed.',
		'',
		`Last run: ${date}`,
		'',
		`**${rows.length} cases:** ${count('passed')} pass · ${count('failing-with-note')} known node bug${count('failing-with-note') === 1 ? '' : 's'} (the test asserts the wanted behaviour and is expected to fail until the node is fixed) · ${count('skipped')} not run (a test seam is missing) · ${count('failed')} failed`,
		'',
		'| Area | Cases | Pass | Known bug | Not run | Failed |',
		'|---|---:|---:|---:|---:|---:|',
	];
	for (const area of areas) {
		const subset = rows.filter((row) => row.area === area);
		lines.push(
			`| ${AREAS[area]} | ${subset.length} | ${count('passed', subset)} | ${count('failing-with-note', subset)} | ${count('skipped', subset)} | ${count('failed', subset)} |`,
		);
	}

	for (const area of areas) {
		const subset = rows.filter((row) => row.area === area);
		if (subset.length === 0) continue;
		lines.push(
			'',
			`## ${AREAS[area]}`,
			'',
			'| # | Fault | Operation | What the node did | Proved by | Result |',
			'|---|---|---|---|---|---|',
		);
		for (const row of subset) {
			const id = ids.get(row)!;
			let result = RESULT[row.status];
			if (row.knownBug) result += ` (${footnote(bugs, 'B', row.knownBug, id)})`;
			if (row.note) result += ` (${footnote(notes, 'N', row.note, id)})`;
			if (row.status === 'failed' && row.failure) result += `: ${row.failure}`;
			const [file, name] = row.test.split('::');
			lines.push(
				`| ${id} | ${cell(row.fault)} | ${cell(row.operation)} | ${cell(row.whatTheNodeDid || '–')} | \`${basename(file)}\`::${cell(name)} | ${cell(result)} |`,
			);
		}
	}

	if (bugs.length > 0) {
		lines.push(
			'',
			'## Known bugs',
			'',
			'Behaviour issue 8 asks for that the nodes do not have yet. Each test asserts the wanted behaviour',
			'and runs as `it.failing`; when the node is fixed it starts to fail: remove its `knownBug` flag.',
			'',
		);
		for (const bug of bugs)
			lines.push(`- **${bug.id}** (${bug.rows.join(', ')}): ${cell(bug.text)}`);
	}
	if (notes.length > 0) {
		lines.push('', '## Notes', '');
		for (const note of notes)
			lines.push(`- **${note.id}** (${note.rows.join(', ')}): ${cell(note.text)}`);
	}
	lines.push('');
	const ok = rows.every((row) => row.status !== 'failed' && row.status !== 'not-run');
	return { text: lines.join('\n'), ok };
}

function withoutDate(text: string): string[] {
	return text.split('\n').filter((line) => !DATE_LINE.test(line));
}

function firstDifferences(expected: string[], actual: string[], max = 10): string[] {
	const out: string[] = [];
	for (let i = 0; i < Math.max(expected.length, actual.length) && out.length < max * 2; i++) {
		if (expected[i] === actual[i]) continue;
		out.push(`  line ${i + 1}, RELIABILITY.md: ${actual[i] ?? '(none)'}`);
		out.push(`  line ${i + 1}, last run:       ${expected[i] ?? '(none)'}`);
	}
	return out;
}

function main(argv: string[]): number {
	const check = argv.includes('--check');
	let rows: ResultRow[];
	try {
		rows = loadRows();
	} catch (error) {
		if (!(error instanceof ReportError)) throw error;
		console.error(error.message);
		return 2;
	}
	const { text, ok } = buildReport(rows, new Date().toISOString().slice(0, 10));
	const failed = rows.filter((row) => row.status === 'failed');

	if (check) {
		const committed = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '';
		const expected = withoutDate(text);
		const actual = withoutDate(committed);
		if (expected.join('\n') !== actual.join('\n')) {
			console.error(
				'RELIABILITY.md does not match the last run of the reliability suite. Regenerate it with "npm run test:reliability" and commit it.',
			);
			console.error(firstDifferences(expected, actual).join('\n'));
			return 1;
		}
		console.log(`RELIABILITY.md matches the last run (${rows.length} cases).`);
	} else {
		writeFileSync(REPORT, text);
		console.log(`Wrote RELIABILITY.md: ${rows.length} cases.`);
	}
	if (!ok) {
		console.error(
			`${failed.length} case(s) failed:\n  ${failed.map((row) => row.test).join('\n  ')}`,
		);
		return 1;
	}
	return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
