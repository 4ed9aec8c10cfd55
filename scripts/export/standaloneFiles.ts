/**
 * The files a repository of the ValidEmailChecker package needs beyond its folder's own, made
 * from a checkout of the parent repository: package.json for standing alone, the workflows and
 * test config (scripts/export/validEmailChecker/), the parent's build and release scripts it
 * runs, and its tests with the part of the API simulator and n8n-core harness they import. Every
 * file but the JSON ones starts with a line naming the parent file it comes from.
 */
import * as fs from 'fs';
import * as path from 'path';

import { importClosure, withImportsMoved } from './importClosure';
import { standaloneManifest, type Manifest } from './standaloneManifest';

/** The package's name, and its folder in the parent repository. */
export const PACKAGE = 'n8n-nodes-validemailchecker';
const TEMPLATES = 'scripts/export/validEmailChecker';
const TESTS = 'test/validEmailChecker';

/** Written only for the standalone repository: where each goes ← its file in TEMPLATES. */
const TEMPLATE_FILES: Record<string, string> = {
	'.github/workflows/ci.yml': 'ci.yml',
	'.github/workflows/publish.yml': 'publish.yml',
	'.gitignore': 'gitignore',
	'jest.config.js': 'jest.config.js',
	'tsconfig.test.json': 'tsconfig.test.json',
};

/** The parent's own files the standalone repository uses as they are, at the same path. */
const COPIED_FILES = [
	'.npmrc',
	'scripts/build/removeDist.js',
	'scripts/release/lintWorkflows.js',
	'scripts/release/prepublishOnly.js',
	'scripts/release/release.js',
	'scripts/release/resolveTag.js',
	'scripts/release/scanPackages.mjs',
];

/** Lists the packages of the repository: in the standalone one, this package at its root. */
const PACKAGES_MODULE = 'scripts/release/packages.js';
const PACKAGE_FOLDERS = /const PACKAGE_FOLDERS = \{[^}]*\};/;

/** Where a parent file the tests import lands in the standalone repository. */
export function standalonePlaceOf(file: string): string {
	if (file.startsWith(`${PACKAGE}/`)) return file.slice(PACKAGE.length + 1);
	// The package's nodes/shared/ is the build's copy of the parent's.
	if (file.startsWith('nodes/shared/')) return file;
	if (file.startsWith('simulator/')) return `test/${file}`;
	if (file.startsWith('test/')) return file;
	throw new Error(`${TESTS}/ imports ${file}, which the export has no place for`);
}

function withOrigin(file: string, from: string, content: string): string {
	if (file.endsWith('.json')) return content;
	const marker = /\.(ya?ml|npmrc|gitignore)$/.test(file) ? '#' : '//';
	const line = `${marker} Exported from n8n-nodes-enrow's ${from} by npm run export:validemailchecker: edit it there, not here.\n`;
	const shebang = /^#!.*\n/.exec(content);
	return shebang ? shebang[0] + line + content.slice(shebang[0].length) : line + content;
}

function readJson(file: string): Manifest {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/** jest's set-up for the package's tests (the standalone jest.config.js names it too). */
const TEST_SETUP = 'test/support/vecJestSetup.ts';

function testEntries(parent: string): string[] {
	const tests = fs
		.readdirSync(path.join(parent, TESTS), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
		.map((entry) => path.relative(parent, path.join(entry.parentPath ?? entry.path, entry.name)));
	return [...tests, TEST_SETUP];
}

/** The generated files by their path in the standalone repository, read from the checkout `parent`. */
export function standaloneFiles(parent: string): Map<string, string> {
	const files = new Map<string, string>();
	const read = (file: string) => fs.readFileSync(path.join(parent, file), 'utf8');

	const tests = importClosure(parent, testEntries(parent));
	for (const file of tests.files) {
		const place = standalonePlaceOf(file);
		if (!place.startsWith('test/')) continue; // the package's own source, already in its folder
		files.set(place, withOrigin(place, file, withImportsMoved(parent, file, standalonePlaceOf)));
	}

	const manifest = standaloneManifest(
		readJson(path.join(parent, PACKAGE, 'package.json')),
		readJson(path.join(parent, 'package.json')),
		tests.packages,
	);
	files.set('package.json', `${JSON.stringify(manifest, null, '\t')}\n`);

	for (const [place, template] of Object.entries(TEMPLATE_FILES)) {
		const from = `${TEMPLATES}/${template}`;
		files.set(place, withOrigin(place, from, read(from)));
	}
	for (const file of COPIED_FILES) files.set(file, withOrigin(file, file, read(file)));

	const packagesModule = read(PACKAGES_MODULE);
	if (!PACKAGE_FOLDERS.test(packagesModule)) {
		throw new Error(`${PACKAGES_MODULE} has no PACKAGE_FOLDERS object to point at this package`);
	}
	files.set(
		PACKAGES_MODULE,
		withOrigin(
			PACKAGES_MODULE,
			PACKAGES_MODULE,
			packagesModule.replace(
				PACKAGE_FOLDERS,
				`const PACKAGE_FOLDERS = {\n\t'${PACKAGE}': '.',\n};`,
			),
		),
	);
	return files;
}
