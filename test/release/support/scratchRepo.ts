/**
 * Scratch copies of the repository for the release tests: builds, packs and dry-run publishes
 * happen there, never in the working tree (other suites may read its dist/ at the same time).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

// Plain Node modules shared with the publish workflow.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const packagesModule = require('../../../scripts/release/packages') as {
	PACKAGE_FOLDERS: Record<string, string>;
};
/** package name → folder relative to the repository root ('.' for the root). */
export const PACKAGE_FOLDERS = packagesModule.PACKAGE_FOLDERS;
export const ENROW = 'n8n-nodes-enrow';
export const VEC = 'n8n-nodes-validemailchecker';

export interface Manifest {
	name: string;
	version: string;
	files?: string[];
	scripts?: Record<string, string>;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

export function readManifest(dir: string): Manifest {
	return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

export function registeredFiles(manifest: Manifest): string[] {
	return [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
}

/** Names of the packages whose folder exists in `root`. */
export function existingPackageNames(root: string = REPO_ROOT): string[] {
	return Object.keys(PACKAGE_FOLDERS).filter((name) =>
		fs.existsSync(path.join(root, PACKAGE_FOLDERS[name], 'package.json')),
	);
}

/**
 * The environment without npm's npm_* variables, any GitHub Actions context, and jest's
 * NODE_ENV=test (which changes what n8n's lint rules report).
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (
			/^(npm_|GITHUB_|ACTIONS_|RUNNER_)/i.test(key) ||
			['NODE_AUTH_TOKEN', 'NODE_ENV'].includes(key)
		)
			continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

export interface RunResult {
	status: number | null;
	stdout: string;
	stderr: string;
}

export function run(
	command: string,
	args: string[],
	options: { cwd: string; env?: Record<string, string> },
): RunResult {
	const result = spawnSync(command, args, {
		cwd: options.cwd,
		env: cleanEnv(options.env),
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (result.error) throw result.error;
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A copy of the repository as a commit of the working tree would hold it (files git tracks or
 * does not ignore; no dist/, no .git), with node_modules linked to the real install.
 */
export function makeScratchRepo(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-test-'));
	const listed = spawnSync(
		'git',
		['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
		{
			cwd: REPO_ROOT,
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		},
	);
	if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
	for (const file of new Set(listed.stdout.split('\0').filter(Boolean))) {
		if (file.split('/').includes('node_modules')) continue;
		const from = path.join(REPO_ROOT, file);
		const stat = fs.lstatSync(from, { throwIfNoEntry: false });
		if (!stat || !stat.isFile()) continue;
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.copyFileSync(from, path.join(dir, file));
	}
	fs.symlinkSync(
		fs.realpathSync(path.join(REPO_ROOT, 'node_modules')),
		path.join(dir, 'node_modules'),
	);
	return dir;
}

export function removeScratchRepo(dir: string | undefined): void {
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** `npm run build` at the root of `dir`; throws with npm's output when it fails. */
export function build(dir: string): void {
	const result = run('npm', ['run', 'build'], { cwd: dir });
	if (result.status !== 0)
		throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * Until the ValidEmailChecker package has its folder, a stand-in with the same shape (its own
 * package.json with the release scripts, README, LICENSE, CHANGELOG and a built dist/ holding its
 * node and credential, copied from the root build), so the release tests cover both packages.
 * Does nothing when the folder exists. Call after build(dir). Returns whether it made one.
 */
export function addValidEmailCheckerStandIn(dir: string): boolean {
	const folder = path.join(dir, PACKAGE_FOLDERS[VEC]);
	if (fs.existsSync(path.join(folder, 'package.json'))) return false;
	const registered = [
		'dist/nodes/ValidEmailChecker/ValidEmailChecker.node.js',
		'dist/credentials/ValidEmailCheckerApi.credentials.js',
	];
	for (const file of [
		...registered,
		'dist/icons/validemailchecker.svg',
		'dist/icons/validemailchecker.dark.svg',
	]) {
		const from = path.join(dir, file);
		if (!fs.existsSync(from)) continue;
		fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
		fs.copyFileSync(from, path.join(folder, file));
	}
	const manifest = {
		name: VEC,
		version: '0.1.0',
		description: 'n8n node for ValidEmailChecker (real-time email verification).',
		keywords: ['n8n-community-node-package'],
		license: 'MIT',
		files: ['dist'],
		scripts: {
			release: 'node ../scripts/release/release.js',
			prepublishOnly: 'node ../scripts/release/prepublishOnly.js',
		},
		n8n: {
			n8nNodesApiVersion: 1,
			strict: true,
			credentials: [registered[1]],
			nodes: [registered[0]],
		},
		peerDependencies: { 'n8n-workflow': '*' },
		publishConfig: { access: 'public', provenance: true },
	};
	fs.writeFileSync(path.join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	fs.writeFileSync(path.join(folder, 'README.md'), '# n8n-nodes-validemailchecker\n');
	fs.writeFileSync(path.join(folder, 'CHANGELOG.md'), '# Changelog\n\n## Unreleased (0.1.0)\n');
	fs.copyFileSync(path.join(dir, 'LICENSE.md'), path.join(folder, 'LICENSE.md'));
	return true;
}
