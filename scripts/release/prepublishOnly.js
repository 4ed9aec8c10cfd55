#!/usr/bin/env node
'use strict';
/**
 * `prepublishOnly` of each package (npm runs it in the package's folder before `npm publish`).
 * A package is published only by the publish workflow (.github/workflows/publish.yml), from the
 * commit its tag points at, with npm provenance: n8n's verification scanner refuses a community
 * package without it. So this refuses to publish
 *   - outside GitHub Actions, or without provenance (`--provenance` / publishConfig.provenance);
 *   - from anything but a tag that names this package and this package.json's version;
 *   - without a build: every file the `n8n` section registers must be in dist/.
 *
 * Also guarded without it: the repository's .npmrc sets ignore-scripts=true, which makes npm skip
 * this script, and each package.json sets publishConfig.provenance, which npm cannot satisfy
 * outside a CI provider ("Automatic provenance generation not supported").
 */
const fs = require('fs');
const path = require('path');
const { registeredFiles } = require('./packages');
const { resolveTag, TagError } = require('./resolveTag');

const HOW = 'Release by pushing a tag <package>@<version>: see "Releasing" in the README.';

function refuse(message) {
	process.stderr.write(`prepublishOnly: ${message}\n${HOW}\n`);
	process.exit(1);
}

const dir = process.cwd();
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const env = process.env;

if (env.GITHUB_ACTIONS !== 'true') {
	refuse(
		`${manifest.name} is published only from GitHub Actions (publish.yml), with npm provenance.`,
	);
}
const provenance =
	env.npm_config_provenance === 'true' ||
	(manifest.publishConfig && manifest.publishConfig.provenance === true);
if (!provenance) {
	refuse('npm publish must run with --provenance.');
}
if (env.GITHUB_REF_TYPE !== 'tag') {
	refuse(
		`publishing needs a tag build; this is a ${env.GITHUB_REF_TYPE || 'non-tag'} build of ${env.GITHUB_REF_NAME || '?'}.`,
	);
}
let tagged;
try {
	tagged = resolveTag(env.GITHUB_REF_NAME);
} catch (error) {
	if (!(error instanceof TagError)) throw error;
	refuse(error.message);
}
if (tagged.name !== manifest.name || path.resolve(tagged.dir) !== path.resolve(dir)) {
	refuse(
		`tag ${env.GITHUB_REF_NAME} publishes ${tagged.name} (${tagged.folder}/), not ${manifest.name} from ${dir}.`,
	);
}
const missing = registeredFiles(manifest).filter((file) => !fs.existsSync(path.join(dir, file)));
if (missing.length > 0) {
	refuse(`not built: ${missing.join(', ')} missing (run npm run build at the repository root).`);
}
// stderr: stdout belongs to npm (`npm publish --json`).
process.stderr.write(
	`prepublishOnly: publishing ${manifest.name}@${manifest.version} from tag ${env.GITHUB_REF_NAME} with provenance\n`,
);
