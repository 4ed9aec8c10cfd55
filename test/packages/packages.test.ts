/**
 * The two npm packages as they would be published (README, "Development"): built at the root, then
 * `npm pack --dry-run` in each package's folder. Each tarball holds its own service's nodes,
 * credential and icons (plus the shared code compiled in), package.json, README and LICENSE, and
 * nothing else; no compiled file reaches outside its own tarball at run time.
 */
import { execFileSync } from 'child_process';
import { builtinModules } from 'module';
import * as fs from 'fs';
import * as path from 'path';

import { PACKAGES, REPO_ROOT } from '../../scripts/e2e/packPackage';

interface PackageJson {
	name: string;
	license: string;
	keywords: string[];
	files: string[];
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
}

interface Packed {
	name: string;
	dir: string;
	files: string[];
	manifest: PackageJson;
}

/** The compiled files of these nodes, their credential and their light and dark icons. */
function builtFiles(nodes: string[], credential: string, icon: string): string[] {
	return [
		...nodes.flatMap((node) => [
			`dist/nodes/${node}/${node}.node.js`,
			`dist/nodes/${node}/${node}.node.json`,
		]),
		`dist/credentials/${credential}.credentials.js`,
		`dist/icons/${icon}.svg`,
		`dist/icons/${icon}.dark.svg`,
	];
}

/** What each tarball must hold, and what it must not mention anywhere in a file name. */
const EXPECTED = {
	'n8n-nodes-enrow': {
		foreign: /validemailchecker/i,
		nodeFolders: ['Enrow', 'EnrowApi', 'EnrowTrigger', 'shared'],
		required: builtFiles(['Enrow', 'EnrowTrigger'], 'EnrowApi', 'enrow'),
		credentials: /^EnrowApi\.credentials\./,
		icons: /^enrow(\.dark)?\.svg$/,
	},
	'n8n-nodes-validemailchecker': {
		foreign: /enrow/i,
		nodeFolders: ['ValidEmailChecker', 'shared'],
		required: builtFiles(['ValidEmailChecker'], 'ValidEmailCheckerApi', 'validemailchecker'),
		credentials: /^ValidEmailCheckerApi\.credentials\./,
		icons: /^validemailchecker(\.dark)?\.svg$/,
	},
} as const;

/** The only modules a published file may load besides its own files (no runtime dependencies). */
const ALLOWED_BARE_REQUIRES = new Set(['n8n-workflow', ...builtinModules]);

function packDryRun(dir: string): string[] {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json'], {
		cwd: dir,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [result] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
	return result.files.map((file) => file.path).sort();
}

let packed: Packed[];

beforeAll(() => {
	execFileSync('npm', ['run', 'build', '--silent'], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 240_000,
	});
	packed = PACKAGES.map(({ name, dir }) => ({
		name,
		dir,
		files: packDryRun(dir),
		manifest: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson,
	}));
}, 300_000);

describe.each(PACKAGES.map(({ name }) => name))('%s, as npm would publish it', (name) => {
	const expected = EXPECTED[name];
	const get = () => packed.find((entry) => entry.name === name)!;

	it('holds package.json, README and LICENSE at the top, everything else under dist/', () => {
		const { files } = get();
		expect(files.filter((file) => !file.startsWith('dist/'))).toEqual([
			'LICENSE.md',
			'README.md',
			'package.json',
		]);
	});

	it("holds only its own service's nodes, credential and icons, plus the shared code", () => {
		const { files } = get();
		expect(files.filter((file) => expected.foreign.test(file))).toEqual([]);
		for (const file of expected.required) expect(files).toContain(file);
		expect(files).toContain('dist/nodes/shared/apiClient.js');
		const nodeFolders = new Set(
			files.filter((file) => file.startsWith('dist/nodes/')).map((file) => file.split('/')[2]),
		);
		expect([...nodeFolders].sort()).toEqual([...expected.nodeFolders].sort());
		for (const file of files.filter((entry) => entry.startsWith('dist/credentials/'))) {
			expect(path.basename(file)).toMatch(expected.credentials);
		}
		for (const file of files.filter((entry) => entry.startsWith('dist/icons/'))) {
			expect(path.basename(file)).toMatch(expected.icons);
		}
		const rest = files.filter((file) => !/^dist\/(nodes|credentials|icons)\//.test(file));
		expect(rest).toEqual(['LICENSE.md', 'README.md', 'dist/package.json', 'package.json']);
	});

	it('has no runtime dependencies, n8n-workflow as its only peer, and is a community package', () => {
		const { manifest } = get();
		expect(manifest.name).toBe(name);
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.license).toBe('MIT');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.files).toEqual(['dist']);
	});

	it('lists in its n8n section exactly the nodes and credentials it ships, all of them packed', () => {
		const { manifest, files, dir } = get();
		expect(manifest.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		const listed = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
		for (const file of listed) {
			expect(files).toContain(file);
			expect(fs.existsSync(path.join(dir, file))).toBe(true);
		}
		const shipped = files.filter((file) => /\.(node|credentials)\.js$/.test(file));
		expect(shipped.sort()).toEqual([...listed].sort());
	});

	it('loads at run time nothing but its own packed files, n8n-workflow and Node built-ins', () => {
		const { files, dir } = get();
		const packedFiles = new Set(files);
		const escapes: string[] = [];
		for (const file of files.filter((entry) => entry.endsWith('.js'))) {
			const code = fs.readFileSync(path.join(dir, file), 'utf8');
			for (const [, request] of code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
				if (!request.startsWith('.')) {
					if (!ALLOWED_BARE_REQUIRES.has(request.replace(/^node:/, ''))) {
						escapes.push(`${file}: require("${request}")`);
					}
					continue;
				}
				const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), request));
				const candidates = [target, `${target}.js`, `${target}.json`, `${target}/index.js`];
				if (!candidates.some((candidate) => packedFiles.has(candidate))) {
					escapes.push(`${file}: require("${request}") -> ${target}`);
				}
			}
		}
		expect(escapes).toEqual([]);
	});
});

it('the ValidEmailChecker package compiles with the same TypeScript options as the root', () => {
	const options = (dir: string) =>
		(
			JSON.parse(fs.readFileSync(path.join(dir, 'tsconfig.json'), 'utf8')) as {
				compilerOptions: unknown;
			}
		).compilerOptions;
	expect(options(PACKAGES[1].dir)).toEqual(options(PACKAGES[0].dir));
});
