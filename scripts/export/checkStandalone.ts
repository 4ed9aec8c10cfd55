/**
 * Proves the ValidEmailChecker export stands alone: exports HEAD into a temporary folder outside
 * this repository, then runs there every `run:` step of the export's own CI workflow
 * (.github/workflows/ci.yml: npm ci, build, lint, type-check, workflow lint, tests, n8n's scanner
 * analysis), in order, with an environment that points at nothing of this repository (no npm_*
 * settings, none of its node_modules/.bin on PATH). Last, the work tree must still be clean:
 * npm ci kept the lockfile, and what the steps wrote is ignored.
 *
 *   npx ts-node --transpile-only scripts/export/checkStandalone.ts     (.ci/run)
 *
 * 5 to 8 minutes on 2 cores, most of it npm ci (1.5 to 2 min) and the tests (about 3 min, of
 * which 2 are the rate-limit test keeping to 60 verifications a minute in real time). The folder
 * is removed when every step passes and kept, for a look, when one fails.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';

import { envWithoutNpmConfig } from '../e2e/packPackage';
import { exportValidEmailChecker, REPO_ROOT } from './exportValidEmailChecker';
import { git } from './git';

interface WorkflowStep {
	name?: string;
	run?: string;
}

/** This process's environment less what points at this repository: npm's settings, and the
 *  node_modules/.bin that npx put on PATH. */
function standaloneEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...envWithoutNpmConfig(), CI: 'true' };
	for (const key of ['INIT_CWD', 'NODE_PATH', 'NODE_ENV']) delete env[key];
	const outside = (entry: string) => path.relative(REPO_ROOT, path.resolve(entry)).startsWith('..');
	env.PATH = (env.PATH ?? '').split(path.delimiter).filter(outside).join(path.delimiter);
	return env;
}

function ciSteps(dir: string): WorkflowStep[] {
	const workflow = parse(fs.readFileSync(path.join(dir, '.github/workflows/ci.yml'), 'utf8')) as {
		jobs: Record<string, { steps: WorkflowStep[] }>;
	};
	return Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => step.run));
}

function seconds(since: number): string {
	return `${((Date.now() - since) / 1000).toFixed(0)} s`;
}

function main(): void {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vec-standalone-'));
	const dir = path.join(folder, 'n8n-nodes-validemailchecker');
	const started = Date.now();
	const exported = exportValidEmailChecker({ dir });
	const timings = [`export (${exported.historyCommits} commits of history): ${seconds(started)}`];
	process.stdout.write(`exported ${exported.commit} into ${dir}\n`);

	const env = standaloneEnv();
	for (const step of ciSteps(dir)) {
		const label = step.name ?? step.run;
		process.stdout.write(`\n-- standalone: ${label}\n`);
		const stepStarted = Date.now();
		const result = spawnSync('bash', ['-eo', 'pipefail', '-c', step.run as string], {
			cwd: dir,
			env,
			stdio: 'inherit',
		});
		if (result.status !== 0) {
			process.stderr.write(`standalone: "${label}" failed; the export is kept in ${dir}\n`);
			process.exit(1);
		}
		timings.push(`${label}: ${seconds(stepStarted)}`);
	}

	const dirty = git(dir, ['status', '--porcelain']);
	if (dirty) {
		process.stderr.write(
			`standalone: the steps changed tracked files:\n${dirty}\nkept in ${dir}\n`,
		);
		process.exit(1);
	}
	fs.rmSync(folder, { recursive: true, force: true });
	process.stdout.write(
		`\nstandalone ValidEmailChecker repository: every CI step passed in ${seconds(started)}\n` +
			timings.map((line) => `  ${line}\n`).join(''),
	);
}

main();
