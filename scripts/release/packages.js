'use strict';
/**
 * The npm packages this repository publishes, by folder (relative to the repository root).
 * `n8n-nodes-enrow` at the root, `n8n-nodes-validemailchecker` in its own folder (README,
 * "Development").
 * A folder that does not exist (yet) is skipped, so every release script works before and
 * after the ValidEmailChecker package moves into its folder.
 *
 * Plain Node (no dependencies): the publish workflow calls these scripts before `npm ci`.
 */
const fs = require('fs');
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Folder of each package, keyed by the package name its package.json must carry. */
const PACKAGE_FOLDERS = {
	'n8n-nodes-enrow': '.',
	'n8n-nodes-validemailchecker': 'n8n-nodes-validemailchecker',
};

/**
 * @typedef {{ name: string, folder: string, dir: string, manifest: Record<string, any> }} Package
 * `folder` is relative to the repository root ('.' for the root), `dir` absolute.
 */

/** Reads one package's manifest, or returns undefined when its folder has no package.json. */
function readPackage(name, root = REPO_ROOT) {
	const folder = PACKAGE_FOLDERS[name];
	if (folder === undefined) return undefined;
	const dir = path.resolve(root, folder);
	const manifestPath = path.join(dir, 'package.json');
	if (!fs.existsSync(manifestPath)) return undefined;
	const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
	if (manifest.name !== name) {
		throw new Error(
			`${path.relative(root, manifestPath) || 'package.json'} is named "${manifest.name}", expected "${name}"`,
		);
	}
	return { name, folder, dir, manifest };
}

/** Every package whose folder exists, root first. @returns {Package[]} */
function existingPackages(root = REPO_ROOT) {
	return Object.keys(PACKAGE_FOLDERS)
		.map((name) => readPackage(name, root))
		.filter(Boolean);
}

/** Files the package's `n8n` section registers (dist/...), relative to its folder. */
function registeredFiles(manifest) {
	const n8n = manifest.n8n || {};
	return [...(n8n.nodes || []), ...(n8n.credentials || [])];
}

module.exports = { REPO_ROOT, PACKAGE_FOLDERS, readPackage, existingPackages, registeredFiles };
