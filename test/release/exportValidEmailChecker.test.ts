/**
 * `npm run export:validemailchecker` (scripts/export/) writes a repository of the ValidEmailChecker
 * package that needs nothing of this one. Exports without npm (no lockfile, nothing installed);
 * .ci/run's scripts/export/checkStandalone.ts installs, builds, lints, tests and scans one.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';

import {
	exportValidEmailChecker,
	REPO_ROOT,
	type ExportResult,
} from '../../scripts/export/exportValidEmailChecker';
import { importClosure } from '../../scripts/export/importClosure';

interface Manifest {
	homepage: string;
	repository: { type: string; url: string; directory?: string };
	scripts: Record<string, string>;
	devDependencies: Record<string, string>;
	peerDependencies: Record<string, string>;
}

let scratch: string;
let exported: ExportResult;

function git(cwd: string, ...args: string[]): string {
	const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
	return result.stdout.trim();
}

function exportInto(name: string, options: { previous?: string; parentRoot?: string } = {}) {
	return exportValidEmailChecker({ dir: path.join(scratch, name), lockfile: false, ...options });
}

function filesOf(dir: string): string[] {
	return git(dir, 'ls-files').split('\n');
}

const manifest = () =>
	JSON.parse(fs.readFileSync(path.join(exported.dir, 'package.json'), 'utf8')) as Manifest;

beforeAll(() => {
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vec-export-test-'));
	exported = exportInto('first');
}, 60_000);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

it('names a repository of its own, without a directory (n8n refuses a monorepo package)', () => {
	const { repository, homepage } = manifest();
	expect(repository).toEqual({
		type: 'git',
		url: 'git+https://github.com/n8n-nodes-enrow/n8n-nodes-validemailchecker.git',
	});
	expect(homepage).toBe('https://github.com/n8n-nodes-enrow/n8n-nodes-validemailchecker#readme');
});

it('has scripts that stay inside it, for everything its CI runs', () => {
	const { scripts } = manifest();
	for (const script of Object.values(scripts))
		expect(script).not.toMatch(/\.\.|validemailchecker\//);
	expect(Object.keys(scripts)).toEqual(
		expect.arrayContaining(['build', 'lint', 'typecheck', 'test', 'scan', 'lint:workflows']),
	);
});

it('holds what a repository of its own needs', () => {
	const files = filesOf(exported.dir);
	expect(files).toEqual(
		expect.arrayContaining([
			'package.json',
			'.npmrc',
			'.gitignore',
			'tsconfig.json',
			'tsconfig.test.json',
			'eslint.config.mjs',
			'jest.config.js',
			'gulpfile.js',
			'.github/workflows/ci.yml',
			'.github/workflows/publish.yml',
			'README.md',
			'CHANGELOG.md',
			'LICENSE.md',
			'nodes/ValidEmailChecker/ValidEmailChecker.node.ts',
			'credentials/ValidEmailCheckerApi.credentials.ts',
			'scripts/release/scanPackages.mjs',
			'scripts/release/packages.js',
		]),
	);
	// The package's copy of the shared files it imports (scripts/build/copySharedCode.js).
	const sharedHere = git(
		REPO_ROOT,
		'ls-tree',
		'--name-only',
		'HEAD',
		'n8n-nodes-validemailchecker/nodes/shared/',
	)
		.split('\n')
		.map((file) => file.replace(/^n8n-nodes-validemailchecker\//, ''));
	expect(files.filter((file) => file.startsWith('nodes/shared/'))).toEqual(sharedHere);
	const testsHere = git(REPO_ROOT, 'ls-tree', '--name-only', 'HEAD', 'test/validEmailChecker/');
	for (const test of testsHere.split('\n')) expect(files).toContain(test);
});

it('imports only its own files, and packages its package.json pins', () => {
	const { devDependencies, peerDependencies } = manifest();
	const code = filesOf(exported.dir).filter((file) => /\.(ts|js|mjs)$/.test(file));
	const { files, packages } = importClosure(exported.dir, code);
	expect(files.filter((file) => file.startsWith('..'))).toEqual([]);
	const pinned = Object.keys({ ...devDependencies, ...peerDependencies });
	expect(packages.filter((name) => !pinned.includes(name))).toEqual([]);
	for (const file of code) {
		expect(fs.readFileSync(path.join(exported.dir, file), 'utf8')).not.toContain(REPO_ROOT);
	}
});

it('lists its one package at its root for the release and scanner scripts', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { PACKAGE_FOLDERS } = require(path.join(exported.dir, 'scripts/release/packages.js')) as {
		PACKAGE_FOLDERS: Record<string, string>;
	};
	expect(PACKAGE_FOLDERS).toEqual({ 'n8n-nodes-validemailchecker': '.' });
});

it('has a CI workflow with every check and a publish workflow with provenance', () => {
	const read = (name: string) =>
		fs.readFileSync(path.join(exported.dir, '.github/workflows', name), 'utf8');
	const ci = parse(read('ci.yml')) as { jobs: { ci: { steps: Array<{ run?: string }> } } };
	expect(ci.jobs.ci.steps.map((step) => step.run).filter(Boolean)).toEqual([
		'npm ci --no-audit --no-fund',
		'npm run build',
		'npm run lint',
		'npm run typecheck',
		'npm run lint:workflows',
		'npm test',
		'npm run scan',
	]);
	const publish = parse(read('publish.yml')) as {
		on: { push: { tags: string[] } };
		permissions: Record<string, string>;
	};
	expect(publish.on.push.tags).toEqual(['n8n-nodes-validemailchecker@*']);
	expect(publish.permissions['id-token']).toBe('write');
	expect(read('publish.yml')).toContain('npm publish --provenance --access public');
});

it("is the folder's history plus one commit of the files it needs to stand alone", () => {
	const folderTree = git(REPO_ROOT, 'rev-parse', 'HEAD:n8n-nodes-validemailchecker');
	expect(git(exported.dir, 'rev-parse', `${exported.folderHead}^{tree}`)).toBe(folderTree);
	expect(git(exported.dir, 'rev-parse', 'main^@')).toBe(exported.folderHead);
	expect(git(exported.dir, 'rev-parse', 'HEAD')).toBe(exported.main);
	expect(git(exported.dir, 'status', '--porcelain')).toBe('');
	expect(git(exported.dir, 'log', '-1', '--format=%B')).toContain(
		`Exported-from: https://github.com/n8n-nodes-enrow/n8n-nodes-enrow ${exported.commit}`,
	);
});

it('is reproducible, and continues a previous export so that pushing it is a fast-forward', () => {
	expect(exportInto('again').main).toBe(exported.main);

	const parent = path.join(scratch, 'parent');
	git(scratch, 'clone', '-q', '--no-tags', '--no-checkout', REPO_ROOT, parent);
	git(parent, 'checkout', '-q', '--detach', exported.commit);
	fs.appendFileSync(path.join(parent, 'n8n-nodes-validemailchecker/CHANGELOG.md'), '\nA change.\n');
	git(parent, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qam', 'A change');
	const next = exportInto('next', { previous: exported.dir, parentRoot: parent });
	expect(git(next.dir, 'rev-parse', 'main^@').split('\n')).toEqual([
		exported.main,
		next.folderHead,
	]);
	expect(git(next.dir, 'rev-parse', `${next.folderHead}^`)).toBe(exported.folderHead);

	const unchanged = exportInto('unchanged', { previous: next.dir, parentRoot: parent });
	expect(unchanged.main).toBe(next.main);
});
