#!/usr/bin/env node
'use strict';
/**
 * Maps a release tag to the package it publishes, as the publish workflow does:
 *
 *   node scripts/release/resolveTag.js n8n-nodes-enrow@1.2.3
 *   name=n8n-nodes-enrow
 *   folder=.
 *   version=1.2.3
 *
 * The output is in GitHub Actions' `$GITHUB_OUTPUT` format. A tag that names no package of
 * this repository, a package whose folder is missing, or a version that differs from that
 * package's package.json version is refused: a message on stderr and exit code 1.
 */
const path = require('path');
const { REPO_ROOT, PACKAGE_FOLDERS, readPackage } = require('./packages');

// semver 2.0.0 (https://semver.org), as npm accepts for `version`
const SEMVER =
	/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

class TagError extends Error {}

/** @returns {{ name: string, folder: string, dir: string, version: string }} */
function resolveTag(tag, root = REPO_ROOT) {
	const at = typeof tag === 'string' ? tag.lastIndexOf('@') : -1;
	if (at <= 0) {
		throw new TagError(
			`"${tag}" is not a release tag: expected <package>@<version>, e.g. n8n-nodes-enrow@1.2.3`,
		);
	}
	const name = tag.slice(0, at);
	const version = tag.slice(at + 1);
	if (!(name in PACKAGE_FOLDERS)) {
		throw new TagError(
			`Tag "${tag}" names no package of this repository (known: ${Object.keys(PACKAGE_FOLDERS).join(', ')})`,
		);
	}
	if (!SEMVER.test(version)) {
		throw new TagError(`Tag "${tag}": "${version}" is not a semantic version`);
	}
	const pkg = readPackage(name, root);
	if (!pkg) {
		throw new TagError(
			`Tag "${tag}": package folder ${PACKAGE_FOLDERS[name]}/ has no package.json at this commit`,
		);
	}
	const manifestPath = path.join(pkg.folder, 'package.json');
	if (pkg.manifest.version !== version) {
		throw new TagError(
			`Tag "${tag}" does not match ${manifestPath}, whose version is ${pkg.manifest.version}: ` +
				`bump it (npm version ${version} --no-git-tag-version in ${pkg.folder}/) and tag that commit, or tag ${name}@${pkg.manifest.version}`,
		);
	}
	return { name, folder: pkg.folder, dir: pkg.dir, version };
}

module.exports = { resolveTag, TagError };

if (require.main === module) {
	const args = process.argv.slice(2);
	if (args.length !== 1) {
		process.stderr.write('Usage: node scripts/release/resolveTag.js <package>@<version>\n');
		process.exit(2);
	}
	try {
		const { name, folder, version } = resolveTag(args[0]);
		process.stdout.write(`name=${name}\nfolder=${folder}\nversion=${version}\n`);
	} catch (error) {
		if (!(error instanceof TagError)) throw error;
		process.stderr.write(`${error.message}\n`);
		process.exit(1);
	}
}
