/**
 * Clean builds and clean tarballs, for every package folder that exists (README, "Releasing": published
 * files are the package's dist/ only; npm adds package.json, README and LICENSE itself, and
 * npm 11 adds no CHANGELOG). Runs in a scratch copy of the repository.
 */
import * as fs from 'fs';
import * as path from 'path';

import {
	build,
	existingPackageNames,
	makeScratchRepo,
	PACKAGE_FOLDERS,
	readManifest,
	registeredFiles,
	removeScratchRepo,
	run,
} from './support/scratchRepo';
import { isAllowedInTarball, parsePacked } from './support/packed';

const packages = existingPackageNames();
const STALE = ['dist/stale-from-an-earlier-build.js', 'dist/nodes/Removed/Removed.node.js'];

let repo: string;

beforeAll(() => {
	repo = makeScratchRepo();
	build(repo);
	for (const name of packages) {
		for (const file of STALE) {
			const stale = path.join(repo, PACKAGE_FOLDERS[name], file);
			fs.mkdirSync(path.dirname(stale), { recursive: true });
			fs.writeFileSync(stale, 'module.exports = {};\n');
		}
	}
	build(repo);
}, 240_000);

afterAll(() => removeScratchRepo(repo));

describe.each(packages)('%s', (name) => {
	const folder = () => path.join(repo, PACKAGE_FOLDERS[name]);

	it('npm run build empties dist/ first: files an earlier build left there are gone', () => {
		for (const file of STALE) expect(fs.existsSync(path.join(folder(), file))).toBe(false);
		for (const file of registeredFiles(readManifest(folder()))) {
			expect(fs.existsSync(path.join(folder(), file))).toBe(true);
		}
	});

	it('npm pack --dry-run --json lists only dist/, package.json, README and LICENSE', () => {
		const result = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: folder(),
		});
		expect(result.status).toBe(0);
		const [packed] = parsePacked(result.stdout);
		expect(packed.name).toBe(name);

		expect(packed.files.filter((file) => !isAllowedInTarball(file))).toEqual([]);
		expect(packed.files).toEqual(
			expect.arrayContaining(['package.json', 'README.md', 'LICENSE.md']),
		);
		expect(packed.files.filter((file) => /changelog/i.test(file))).toEqual([]);
		expect(packed.files.filter((file) => STALE.includes(file))).toEqual([]);

		// Exactly this package's nodes and credentials: each one the n8n section registers, no other.
		const registered = registeredFiles(readManifest(folder()));
		expect(packed.files).toEqual(expect.arrayContaining(registered));
		const shipped = packed.files.filter((file) => /\.(node|credentials)\.js$/.test(file));
		expect(shipped.sort()).toEqual([...registered].sort());
	});
});
