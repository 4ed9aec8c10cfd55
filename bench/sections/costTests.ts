/**
 * Section 1: what runs cost in requests and credits. Those counts do not depend on timing, so the
 * jest tests in test/costs assert them; the bench runs them and lists what they assert.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { REPO_ROOT } from '../support/child';
import { seconds, table, type Report, type Section } from '../support/report';

interface TestFile {
	name: string;
	startTime: number;
	endTime: number;
	assertionResults: Array<{ title: string; status: string }>;
}

async function runCostTests(): Promise<TestFile[]> {
	const output = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'jest.json');
	const jest = path.join(REPO_ROOT, 'node_modules', '.bin', 'jest');
	spawnSync(jest, ['test/costs', '--json', `--outputFile=${output}`], {
		cwd: REPO_ROOT,
		stdio: 'inherit',
	});
	const { testResults } = JSON.parse(fs.readFileSync(output, 'utf8')) as {
		testResults: TestFile[];
	};
	fs.rmSync(path.dirname(output), { recursive: true });
	return testResults;
}

function costTestsReport(files: TestFile[]): Report {
	const tests = files.flatMap((file) => file.assertionResults);
	const passed = tests.filter((test) => test.status === 'passed').length;
	const rows = files
		.sort((a, b) => a.name.localeCompare(b.name))
		.flatMap((file) =>
			file.assertionResults.map((test, at) => [
				at ? '' : `${path.basename(file.name)} (${seconds(file.endTime - file.startTime, 0)})`,
				test.title,
				test.status === 'passed' ? 'passed' : `**${test.status}**`,
			]),
		);
	const body = `Counts do not depend on timing, so tests assert them, exactly, each expected figure computed from
the data set (test/costs/datasets.ts: rows like a real list, 10% duplicates, 2% bad syntax for the
verifier, every 20th person not found): the Enrow node's real \`execute()\` in n8n-core against the
simulator, which counts every request, job and credit. This run ran them (\`npx jest test/costs\`):

${table('Test file (its time) | What it asserts | Result', rows)}

- A bulk run sends one POST per 5,000 unique rows (100,000 rows: 18); one job per row sends a POST
  per row, and at Enrow's 10 POST/s needs N/10 s just to submit them (100,000 rows: 2 h 47 min).
- The node never sends a duplicate or an impossible address: it pays 0.25 credit per unique
  verifiable address, 1 per unique email found; one job per row pays for every row.
- GETs are free at Enrow but cost execution time: the node reads a run's jobs together, 1.5×
  later each round up to 30 s apart (a job's reads grow with the log of its duration), and
  nothing while paused until Enrow calls back.`;
	return {
		body,
		targets: [
			{
				what: 'Requests, credits and pacing counts per N rows (test/costs)',
				target: 'every test passes',
				measured: `${passed} of ${tests.length} tests passed (${files.length} files)`,
				met: tests.length > 0 && passed === tests.length,
			},
		],
	};
}

export const costTests: Section<TestFile[]> = {
	title: '1. API calls and credits per N rows (asserted by `npm test`)',
	measure: runCostTests,
	report: costTestsReport,
};
