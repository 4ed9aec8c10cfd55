/**
 * `npm run release` (scripts/release/release.js) in a package's folder: it tags
 * <package>@<version> only when the tree is clean, the CHANGELOG has that version's section and
 * the tag is new, and it pushes and publishes nothing. Runs in a throwaway git repository holding
 * the release scripts, the root package.json and a ValidEmailChecker folder.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ENROW, PACKAGE_FOLDERS, readManifest, REPO_ROOT, run, VEC } from './support/scratchRepo';

const GIT_IDENTITY = {
	GIT_AUTHOR_NAME: 'Release Test',
	GIT_AUTHOR_EMAIL: 'release-test@example.invalid',
	GIT_COMMITTER_NAME: 'Release Test',
	GIT_COMMITTER_EMAIL: 'release-test@example.invalid',
};

let repo: string;
const enrowVersion = readManifest(REPO_ROOT).version;

function git(...args: string[]): string {
	const result = run('git', args, { cwd: repo, env: GIT_IDENTITY });
	if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
	return result.stdout;
}
const release = (folder: string, ...args: string[]) =>
	run('npm', ['run', '--silent', 'release', ...(args.length ? ['--', ...args] : [])], {
		cwd: path.join(repo, folder),
		env: GIT_IDENTITY,
	});
const tags = () => git('tag', '--list').split('\n').filter(Boolean);

beforeAll(() => {
	repo = fs.mkdtempSync(path.join(os.tmpdir(), 'release-script-'));
	fs.mkdirSync(path.join(repo, 'scripts', 'release'), { recursive: true });
	for (const file of fs.readdirSync(path.join(REPO_ROOT, 'scripts', 'release'))) {
		if (file.endsWith('.js')) {
			fs.copyFileSync(
				path.join(REPO_ROOT, 'scripts', 'release', file),
				path.join(repo, 'scripts', 'release', file),
			);
		}
	}
	fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(repo, 'package.json'));
	fs.mkdirSync(path.join(repo, 'nodes', 'EnrowApi', 'transport'), { recursive: true });
	fs.copyFileSync(
		path.join(REPO_ROOT, 'nodes', 'EnrowApi', 'transport', 'packageVersion.ts'),
		path.join(repo, 'nodes', 'EnrowApi', 'transport', 'packageVersion.ts'),
	);
	fs.writeFileSync(
		path.join(repo, 'CHANGELOG.md'),
		`# Changelog\n\n## Unreleased (${enrowVersion})\n\n- Things.\n`,
	);
	const vec = path.join(repo, PACKAGE_FOLDERS[VEC]);
	fs.mkdirSync(vec);
	fs.writeFileSync(
		path.join(vec, 'package.json'),
		JSON.stringify({
			name: VEC,
			version: '0.2.0',
			scripts: { release: 'node ../scripts/release/release.js' },
		}),
	);
	fs.writeFileSync(
		path.join(vec, 'CHANGELOG.md'),
		'# Changelog\n\n## 0.2.0 (2026-12-01)\n\n- Things.\n',
	);
	git('init', '-q');
	git('add', '-A');
	git('commit', '-q', '-m', 'initial');
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

it('refuses while the CHANGELOG has no section for the version (still "Unreleased")', () => {
	const result = release('.', '--dry-run');
	expect(result.status).toBe(1);
	expect(result.stderr).toContain(`no "## ${enrowVersion} (YYYY-MM-DD)" section`);
	expect(tags()).toEqual([]);
});

it('refuses uncommitted changes', () => {
	fs.writeFileSync(
		path.join(repo, 'CHANGELOG.md'),
		`# Changelog\n\n## ${enrowVersion} (2026-12-01)\n\n- Things.\n`,
	);
	const result = release('.', '--dry-run');
	expect(result.status).toBe(1);
	expect(result.stderr).toContain('uncommitted changes');
	git('commit', '-q', '-am', 'changelog');
});

it('refuses while the version the Enrow node quotes in its errors is another one', () => {
	const file = path.join(repo, 'nodes', 'EnrowApi', 'transport', 'packageVersion.ts');
	const right = fs.readFileSync(file, 'utf8');
	fs.writeFileSync(file, right.replace(/version: '[^']+'/, "version: '9.9.9'"));
	git('commit', '-q', '-am', 'stale quoted version');
	const result = release('.', '--dry-run');
	expect(result.status).toBe(1);
	expect(result.stderr).toContain(`says version '9.9.9', package.json ${enrowVersion}`);
	fs.writeFileSync(file, right);
	git('commit', '-q', '-am', 'quoted version');
});

it('--dry-run checks and creates no tag', () => {
	const result = release('.', '--dry-run');
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);
	expect(result.stdout).toContain(`ready to tag ${ENROW}@${enrowVersion}`);
	expect(tags()).toEqual([]);
});

it('tags <package>@<version> at HEAD and prints the push commands', () => {
	const result = release('.');
	expect(result.status).toBe(0);
	expect(result.stdout).toContain(`git push origin ${ENROW}@${enrowVersion}`);
	expect(tags()).toEqual([`${ENROW}@${enrowVersion}`]);
	expect(git('rev-list', '-n', '1', `${ENROW}@${enrowVersion}`)).toBe(git('rev-parse', 'HEAD'));
});

it('refuses a tag that exists already', () => {
	const result = release('.');
	expect(result.status).toBe(1);
	expect(result.stderr).toContain('exists already');
});

it('tags the ValidEmailChecker package from its own folder, with its own version', () => {
	const result = release(PACKAGE_FOLDERS[VEC]);
	expect(result.status).toBe(0);
	expect(tags()).toEqual([`${ENROW}@${enrowVersion}`, `${VEC}@0.2.0`]);
});
