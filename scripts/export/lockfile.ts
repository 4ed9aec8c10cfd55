/**
 * package-lock.json for the standalone repository's package.json, computed by npm
 * (`npm install --package-lock-only`: nothing is installed). npm starts from the parent's
 * lockfile, so the standalone repository installs the very versions the parent's CI tested
 * (every platform's optional packages included) and drops what it does not use; anything that
 * lockfile lacks, npm resolves from the registry.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { envWithoutNpmConfig } from '../e2e/packPackage';

export function writeLockfile(dir: string, parentLockfile: string): void {
	const lockfile = path.join(dir, 'package-lock.json');
	fs.copyFileSync(parentLockfile, lockfile);
	const npm = spawnSync(
		'npm',
		['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'],
		{ cwd: dir, env: envWithoutNpmConfig(), encoding: 'utf8' },
	);
	if (npm.status !== 0) {
		throw new Error(`npm could not make ${lockfile}:\n${npm.stderr || npm.error?.message}`);
	}
	const { name } = JSON.parse(fs.readFileSync(lockfile, 'utf8')) as { name: string };
	const { name: wanted } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
		name: string;
	};
	if (name !== wanted) throw new Error(`${lockfile} is for ${name}, not ${wanted}`);
}
