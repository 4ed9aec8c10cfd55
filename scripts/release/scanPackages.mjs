#!/usr/bin/env node
/**
 * n8n's verification scanner, run here before anything is published.
 *
 * `npx @n8n/scan-community-package <name>` only scans a package that is already on npm: it checks
 * the npm provenance, downloads the source at the attested commit and the published tarball, and
 * lints both with n8n's rules. This script runs that same analysis, the scanner's own exported
 * code (`analyzePackage`, `SOURCE_FILE_PATTERNS`, `findPackageRoot` from
 * @n8n/scan-community-package/scanner/scanner.mjs, the pinned devDependency), on each package of
 * this repository (scripts/release/packages.js; folders that do not exist are skipped):
 *
 *   source leg   a copy of the repository as a commit of the working tree would hold it (tracked
 *                and untracked files that git does not ignore; no node_modules, no dist/), like the
 *                archive the scanner downloads; `findPackageRoot` must find the package's own folder
 *                there, then `package.json` + `{nodes,credentials}/**` of that folder are linted.
 *   tarball leg  `npm pack` of the package's folder, unpacked as the scanner unpacks the published
 *                tarball; its compiled `**\/*.js` and `package.json` are linted. Needs `npm run build`.
 *
 * The provenance check is the one part that cannot run before publishing (README, "Releasing").
 * Exit code 1 on any finding, with the scanner's report (file, line, rule) printed.
 *
 *   node scripts/release/scanPackages.mjs
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { REPO_ROOT, existingPackages, registeredFiles } = require('./packages.js');

const SCANNER = '@n8n/scan-community-package';
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json']; // the scanner's tarball leg

// eslint-plugin-n8n-nodes-base treats every file as "Test.node.ts" when NODE_ENV is "test" (as
// under jest), which the real scanner never sees.
if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;
// The scanner makes a temp folder when it is loaded (and never removes it): keep it inside ours.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
process.env.TMPDIR = work;
const scannerPath = require.resolve(`${SCANNER}/scanner/scanner.mjs`);
const scannerVersion = require(`${SCANNER}/package.json`).version;
const scanner = await import(scannerPath);
const glob = createRequire(scannerPath)('fast-glob');

/** npm passes its settings to child processes as npm_* variables; `npm pack` must not inherit them. */
function cleanEnv() {
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

/** The repository as a commit of the working tree would hold it, copied into `dest`. */
function copySourceTree(dest) {
	const listed = execFileSync(
		'git',
		['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
		{
			cwd: REPO_ROOT,
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
		},
	);
	let count = 0;
	for (const file of new Set(listed.split('\0').filter(Boolean))) {
		if (file.split('/').includes('node_modules')) continue;
		const from = path.join(REPO_ROOT, file);
		const stat = fs.lstatSync(from, { throwIfNoEntry: false });
		if (!stat || !stat.isFile()) continue; // deleted in the working tree, or a symlink
		fs.mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
		fs.copyFileSync(from, path.join(dest, file));
		count++;
	}
	return count;
}

/** `npm pack` of one package folder, unpacked into `dest` as the scanner unpacks a tarball. */
function packAndUnpack(pkg, dest) {
	const out = path.join(work, 'tarballs');
	fs.mkdirSync(out, { recursive: true });
	const packed = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', out],
		{
			cwd: pkg.dir,
			encoding: 'utf8',
			env: cleanEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	const [{ filename }] = JSON.parse(packed);
	const tarball = path.join(out, path.basename(filename));
	fs.mkdirSync(dest, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', dest, '--strip-components=1']);
	return path.basename(tarball);
}

function countFiles(dir, patterns) {
	return glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] })
		.length;
}

const failures = [];

/**
 * Runs the scanner's analyzePackage on `dir` and records a failure with its report, in which
 * the temp folder `root` is shown as `shownAs` (repository-relative paths for the source leg).
 */
async function leg(label, dir, patterns, root, shownAs) {
	const files = countFiles(dir, patterns);
	const result = await scanner.analyzePackage(dir, patterns);
	if (files === 0 || result.message === 'No files found to analyze') {
		failures.push({ label, message: `no files matched ${patterns.join(', ')}` });
		process.stdout.write(`FAIL ${label}: no files to analyze\n`);
		return;
	}
	if (!result.passed) {
		const details = result.details && result.details.split(root + path.sep).join(shownAs);
		failures.push({ label, message: result.message, details });
		process.stdout.write(`FAIL ${label}: ${result.message} (${files} files linted)\n`);
		return;
	}
	process.stdout.write(`ok   ${label}: no findings (${files} files linted)\n`);
}

try {
	const packages = existingPackages();
	process.stdout.write(
		`${SCANNER} ${scannerVersion}: scanning ${packages.map((pkg) => `${pkg.name} (${pkg.folder}/)`).join(', ')}\n`,
	);

	const sourceCopy = path.join(work, 'source');
	const copied = copySourceTree(sourceCopy);
	process.stdout.write(
		`source: ${copied} files of the working tree copied as a checkout would hold them\n`,
	);

	for (const pkg of packages) {
		const expected = path.join(sourceCopy, pkg.folder);
		const found = scanner.findPackageRoot(sourceCopy, pkg.name);
		if (!found || path.resolve(found) !== path.resolve(expected)) {
			const where = found ? `${path.relative(sourceCopy, found) || '.'}/` : 'no folder';
			failures.push({
				label: `${pkg.name} source`,
				message: `the scanner looks for package.json named ${pkg.name} and finds ${where}, not ${pkg.folder}/`,
			});
			process.stdout.write(
				`FAIL ${pkg.name} source: package root is ${where}, expected ${pkg.folder}/\n`,
			);
		} else {
			await leg(
				`${pkg.name} source (${pkg.folder}/)`,
				expected,
				scanner.SOURCE_FILE_PATTERNS,
				sourceCopy,
				'',
			);
		}

		const unpacked = path.join(work, `tarball-${pkg.name}`);
		const tarball = packAndUnpack(pkg, unpacked);
		const missing = ['package.json', ...registeredFiles(pkg.manifest)].filter(
			(file) => !fs.existsSync(path.join(unpacked, file)),
		);
		if (missing.length > 0) {
			failures.push({
				label: `${pkg.name} tarball`,
				message: `${tarball} lacks ${missing.join(', ')} (run npm run build first)`,
			});
			process.stdout.write(`FAIL ${pkg.name} tarball: ${tarball} lacks ${missing.join(', ')}\n`);
			continue;
		}
		await leg(
			`${pkg.name} tarball (${tarball})`,
			unpacked,
			TARBALL_FILE_PATTERNS,
			unpacked,
			`${tarball}:`,
		);
	}
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}

if (failures.length > 0) {
	process.stdout.write(`\n${failures.length} scanner finding(s):\n`);
	for (const { label, message, details } of failures) {
		process.stdout.write(`\n== ${label}: ${message}\n`);
		if (details) process.stdout.write(`${details}\n`);
	}
	process.exit(1);
}
process.stdout.write(
	'scanner checks passed (provenance is checked after publishing; see README "Releasing")\n',
);
