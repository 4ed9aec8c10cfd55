/**
 * scripts/release/lintWorkflows.js: actionlint passes the repository's workflow files, and is a
 * real validator: it names the mistakes in a broken copy of publish.yml.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { REPO_ROOT, run } from './support/scratchRepo';

const lint = (...files: string[]) =>
	run('node', ['scripts/release/lintWorkflows.js', ...files], { cwd: REPO_ROOT });

it('passes .github/workflows/ci.yml and publish.yml', () => {
	const result = lint();
	expect(result.stdout).toContain('ok   .github/workflows/ci.yml');
	expect(result.stdout).toContain('ok   .github/workflows/publish.yml');
	expect(result.status).toBe(0);
});

it('fails on a broken publish.yml, naming file, line and check', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workflow-lint-'));
	try {
		const broken = fs
			.readFileSync(path.join(REPO_ROOT, '.github', 'workflows', 'publish.yml'), 'utf8')
			.replace('id-token: write', 'id-token: writ')
			.replace('steps.tag.outputs.folder', 'steps.tagg.outputs.folder')
			.replace("tags:\n      - 'n8n-nodes-enrow@*'", "tagz:\n      - 'n8n-nodes-enrow@*'");
		const file = path.join(dir, 'publish.yml');
		fs.writeFileSync(file, broken);

		const result = lint(file);
		expect(result.status).toBe(1);
		expect(result.stdout).toMatch(
			/publish\.yml:\d+:\d+: .*"writ" is invalid for permission .*\[permissions\]/,
		);
		expect(result.stdout).toMatch(/property "tagg" is not defined .*\[expression\]/);
		expect(result.stdout).toMatch(/unexpected key "tagz" for "push" section.*\[syntax-check\]/);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
