/**
 * scripts/release/scanPackages.mjs runs n8n's verification scanner on each package's source and
 * packed tarball: it passes a clean copy of the repository and reports, with the scanner's rule
 * names and repository-relative paths, what the scanner would refuse. Runs in a scratch copy.
 */
import * as fs from 'fs';
import * as path from 'path';

import { build, makeScratchRepo, removeScratchRepo, run } from './support/scratchRepo';

let repo: string;
const scan = () => run('node', ['scripts/release/scanPackages.mjs'], { cwd: repo });

beforeAll(() => {
	repo = makeScratchRepo();
	const init = run('git', ['init', '-q'], { cwd: repo }); // the source leg copies what git sees
	if (init.status !== 0) throw new Error(init.stderr);
	build(repo);
}, 240_000);

afterAll(() => removeScratchRepo(repo));

it('passes the repository as it is', () => {
	const result = scan();
	expect(result.stdout).toMatch(/ok {3}n8n-nodes-enrow source \(\.\/\): no findings/);
	expect(result.stdout).toMatch(
		/ok {3}n8n-nodes-enrow tarball \(n8n-nodes-enrow-[\d.]+\.tgz\): no findings/,
	);
	expect(result.status).toBe(0);
});

it("fails on what the scanner refuses, in the source and in the tarball, with the scanner's rules", () => {
	const node = path.join(repo, 'nodes', 'Enrow', 'Enrow.node.ts');
	fs.appendFileSync(
		node,
		'\nexport function waitABit(): void {\n\tsetTimeout(() => undefined, 1);\n}\n',
	);
	const manifestPath = path.join(repo, 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	fs.writeFileSync(
		manifestPath,
		JSON.stringify({ ...manifest, dependencies: { 'left-pad': '1.3.0' } }, null, 2),
	);
	build(repo);

	const result = scan();
	expect(result.status).toBe(1);
	expect(result.stdout).toContain('FAIL n8n-nodes-enrow source (./): ESLint violations found');
	expect(result.stdout).toContain('FAIL n8n-nodes-enrow tarball');
	expect(result.stdout).toMatch(/^nodes\/Enrow\/Enrow\.node\.ts$/m);
	expect(result.stdout).toMatch(/n8n-nodes-enrow-[\d.]+\.tgz:dist\/nodes\/Enrow\/Enrow\.node\.js/);
	expect(result.stdout).toContain('@n8n/community-nodes/no-restricted-globals');
	expect(result.stdout).toContain('@n8n/community-nodes/no-runtime-dependencies');
});
