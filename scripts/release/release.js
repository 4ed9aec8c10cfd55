#!/usr/bin/env node
'use strict';
/**
 * `npm run release` in a package's folder (the repository root for n8n-nodes-enrow): the last
 * local step of a release, after `npm version X.Y.Z --no-git-tag-version` and the CHANGELOG
 * entry are committed. It checks, then creates the tag the publish workflow acts on:
 *
 *   - the package's folder and version map back to this tag (scripts/release/resolveTag.js);
 *   - the working tree is clean (the tag must point at exactly what was checked);
 *   - the package's CHANGELOG.md has a section for this version (not "Unreleased");
 *   - the tag does not exist yet;
 *   - the version the Enrow node quotes in its errors (nodes/EnrowApi/transport/packageVersion.ts) is this one;
 * then `git tag -a <name>@<version>` and prints the `git push` commands. It pushes nothing
 * itself and publishes nothing: GitHub Actions publishes when the tag arrives.
 *
 *   npm run release               # tag
 *   npm run release -- --dry-run  # only check
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { resolveTag, TagError } = require('./resolveTag');

const dryRun = process.argv.includes('--dry-run');
const dir = process.cwd();

function fail(message) {
	process.stderr.write(`release: ${message}\n`);
	process.exit(1);
}

function git(args) {
	return execFileSync('git', args, {
		cwd: dir,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

function escapeRegExp(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const tag = `${manifest.name}@${manifest.version}`;

let pkg;
try {
	pkg = resolveTag(tag);
} catch (error) {
	if (!(error instanceof TagError)) throw error;
	fail(error.message);
}
if (path.resolve(pkg.dir) !== path.resolve(dir)) {
	fail(`${manifest.name} lives in ${pkg.folder}/, not in ${dir}: run npm run release there.`);
}

const dirty = git(['status', '--porcelain', '--untracked-files=normal']).trim();
if (dirty) {
	fail(
		`the working tree has uncommitted changes; commit the version bump and the changelog first:\n${dirty}`,
	);
}

const changelogPath = path.join(dir, 'CHANGELOG.md');
const changelog = fs.existsSync(changelogPath) ? fs.readFileSync(changelogPath, 'utf8') : '';
const heading = new RegExp(`^##\\s+\\[?v?${escapeRegExp(manifest.version)}\\]?(\\s|$)`, 'm');
if (!heading.test(changelog)) {
	fail(
		`${path.join(pkg.folder, 'CHANGELOG.md')} has no "## ${manifest.version} (YYYY-MM-DD)" section: ` +
			'rename "Unreleased" to the version (and date) and commit it.',
	);
}

// The Enrow node names its package version when Enrow refuses a request's form.
const quotedVersionFile = path.join(dir, 'nodes', 'EnrowApi', 'transport', 'packageVersion.ts');
if (fs.existsSync(quotedVersionFile)) {
	const quoted = /version: '([^']+)'/.exec(fs.readFileSync(quotedVersionFile, 'utf8'))?.[1];
	if (quoted !== manifest.version) {
		fail(
			`nodes/EnrowApi/transport/packageVersion.ts says version '${quoted}', package.json ${manifest.version}: update the file and commit it.`,
		);
	}
}

let exists = true;
try {
	git(['rev-parse', '--quiet', '--verify', `refs/tags/${tag}`]);
} catch {
	exists = false;
}
if (exists)
	fail(`tag ${tag} exists already: bump the version (npm version <next> --no-git-tag-version).`);

const commit = git(['rev-parse', 'HEAD']).trim();
if (dryRun) {
	process.stdout.write(`release: ready to tag ${tag} at ${commit} (dry run: no tag created)\n`);
	process.exit(0);
}
git(['tag', '-a', tag, '-m', tag]);
process.stdout.write(
	[
		`release: tagged ${tag} at ${commit}.`,
		'Push the commit, then the tag; the publish workflow (.github/workflows/publish.yml) then',
		`builds, tests and publishes ${manifest.name} with npm provenance:`,
		'',
		'  git push origin HEAD',
		`  git push origin ${tag}`,
		'',
	].join('\n'),
);
