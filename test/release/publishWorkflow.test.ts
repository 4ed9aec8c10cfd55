/**
 * The publish workflow publishes exactly the package its tag names, from that package's folder,
 * with npm provenance, and refuses a tag whose version differs from that package.json.
 *
 * What runs here: publish.yml parsed and checked; scripts/release/resolveTag.js (the step that
 * maps the tag) on both packages' tags; the workflow's own `npm publish` command, with
 * `--dry-run --json --offline` added, in a scratch copy as GitHub Actions would run it (tag build
 * environment), which runs the package's prepublishOnly check. What cannot run here: GitHub
 * Actions itself and a real publish (README, "Releasing").
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

import {
	addValidEmailCheckerStandIn,
	build,
	ENROW,
	makeScratchRepo,
	PACKAGE_FOLDERS,
	readManifest,
	registeredFiles,
	removeScratchRepo,
	REPO_ROOT,
	run,
} from './support/scratchRepo';
import { isAllowedInTarball, parsePacked } from './support/packed';

interface Step {
	id?: string;
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
	'working-directory'?: string;
}
interface Workflow {
	on: Record<string, unknown>;
	permissions: Record<string, string>;
	jobs: Record<string, { permissions?: unknown; steps: Step[] }>;
}

const workflow = parse(
	fs.readFileSync(path.join(REPO_ROOT, '.github', 'workflows', 'publish.yml'), 'utf8'),
) as Workflow;
const jobs = Object.values(workflow.jobs);
const steps = jobs.flatMap((job) => job.steps);
const stepIndex = (test: (step: Step) => boolean): number => steps.findIndex(test);
const runs = (pattern: RegExp) => (step: Step) => pattern.test(step.run ?? '');
const publishSteps = steps.filter(runs(/\bnpm publish\b/));
const tagStep = steps.find(runs(/scripts\/release\/resolveTag\.js/));

/** GitHub's tag filter glob: `*` matches any characters except `/`. */
function globMatches(pattern: string, tag: string): boolean {
	const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`^${source.join('[^/]*')}$`).test(tag);
}

describe('publish.yml', () => {
	it('runs on pushed tags <package>@* of the two packages, and on nothing else', () => {
		expect(Object.keys(workflow.on)).toEqual(['push']);
		expect(workflow.on.push).toEqual({
			tags: Object.keys(PACKAGE_FOLDERS).map((name) => `${name}@*`),
		});
	});

	it("each tag pattern matches its own package's release tags only", () => {
		const patterns = (workflow.on.push as { tags: string[] }).tags;
		for (const name of Object.keys(PACKAGE_FOLDERS)) {
			const matching = patterns.filter((pattern) => globMatches(pattern, `${name}@1.2.3`));
			expect(matching).toEqual([`${name}@*`]);
		}
		expect(patterns.some((pattern) => globMatches(pattern, 'v1.2.3'))).toBe(false);
		expect(patterns.some((pattern) => globMatches(pattern, '1.2.3'))).toBe(false);
	});

	it('asks for contents: read and id-token: write (provenance), and no job widens that', () => {
		expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		for (const job of jobs) expect(job.permissions).toBeUndefined();
	});

	it('sets up Node 20 with the npm registry, so NODE_AUTH_TOKEN authenticates the publish', () => {
		const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with).toMatchObject({
			'node-version': 20,
			'registry-url': 'https://registry.npmjs.org',
		});
	});

	it('maps the tag first, then npm ci, build and test, then publishes once, last', () => {
		const order = [
			stepIndex(runs(/scripts\/release\/resolveTag\.js "\$GITHUB_REF_NAME"/)),
			stepIndex(runs(/^npm ci\b/)),
			stepIndex(runs(/^npm run build$/)),
			stepIndex(runs(/^npm test$/)),
			stepIndex(runs(/\bnpm publish\b/)),
		];
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(publishSteps).toHaveLength(1);
		expect(tagStep?.id).toBeTruthy();
	});

	it("publishes with --provenance --access public from the tagged package's folder, with the NPM_TOKEN secret", () => {
		const [publish] = publishSteps;
		expect(publish.run).toMatch(/^npm publish --provenance --access public( |$)/);
		expect(publish['working-directory']).toBe(`\${{ steps.${tagStep?.id}.outputs.folder }}`);
		expect(publish.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
	});
});

describe('the release tag, resolved and published in a scratch copy', () => {
	let repo: string;
	const version: Record<string, string> = {};

	beforeAll(() => {
		repo = makeScratchRepo();
		build(repo);
		addValidEmailCheckerStandIn(repo); // until the ValidEmailChecker folder exists on this branch
		for (const name of Object.keys(PACKAGE_FOLDERS)) {
			version[name] = readManifest(path.join(repo, PACKAGE_FOLDERS[name])).version;
		}
	}, 240_000);

	afterAll(() => removeScratchRepo(repo));

	const resolve = (tag: string) =>
		run('node', ['scripts/release/resolveTag.js', tag], { cwd: repo });
	const tagEnv = (tag: string) => ({
		GITHUB_ACTIONS: 'true',
		GITHUB_REF_TYPE: 'tag',
		GITHUB_REF_NAME: tag,
	});
	/** The workflow's publish command, as a dry run that reaches no registry. */
	const publish = (cwd: string, env: Record<string, string>) => {
		const args = (publishSteps[0].run ?? '').split(/\s+/).slice(1);
		return run('npm', [...args, '--dry-run', '--json', '--offline'], { cwd, env });
	};

	it.each(Object.keys(PACKAGE_FOLDERS))(
		'resolveTag.js maps %s@<its version> to its folder',
		(name) => {
			const result = resolve(`${name}@${version[name]}`);
			expect(result.stderr).toBe('');
			expect(result.status).toBe(0);
			expect(result.stdout).toBe(
				`name=${name}\nfolder=${PACKAGE_FOLDERS[name]}\nversion=${version[name]}\n`,
			);
		},
	);

	it.each(Object.keys(PACKAGE_FOLDERS))(
		'resolveTag.js refuses a %s tag whose version differs from its package.json',
		(name) => {
			const result = resolve(`${name}@99.0.0`);
			expect(result.status).toBe(1);
			expect(result.stdout).toBe('');
			expect(result.stderr).toContain(`whose version is ${version[name]}`);
		},
	);

	it.each(['v0.1.0', '0.1.0', 'n8n-nodes-other@0.1.0', `${ENROW}@latest`, `${ENROW}@`])(
		'resolveTag.js refuses the tag %s',
		(tag) => {
			const result = resolve(tag);
			expect(result.status).toBe(1);
			expect(result.stdout).toBe('');
			expect(result.stderr).not.toBe('');
		},
	);

	it.each(Object.keys(PACKAGE_FOLDERS))(
		'the publish step for a %s tag publishes that package only, from its folder, with provenance',
		(name) => {
			const tag = `${name}@${version[name]}`;
			const folder = /folder=(.*)/.exec(resolve(tag).stdout)?.[1] ?? '';
			const result = publish(path.join(repo, folder), tagEnv(tag));
			expect(result.stderr).toContain(
				`prepublishOnly: publishing ${tag} from tag ${tag} with provenance`,
			);
			expect(result.status).toBe(0);

			const published = parsePacked(result.stdout);
			expect(published.map((pkg) => `${pkg.name}@${pkg.version}`)).toEqual([tag]);
			const [{ files }] = published;
			expect(files.filter((file) => !isAllowedInTarball(file))).toEqual([]);
			expect(files).toEqual(
				expect.arrayContaining(registeredFiles(readManifest(path.join(repo, folder)))),
			);
			const other = Object.keys(PACKAGE_FOLDERS).find((candidate) => candidate !== name) as string;
			expect(files.filter((file) => file.startsWith(`${PACKAGE_FOLDERS[other]}/`))).toEqual([]);
		},
	);

	it.each(Object.keys(PACKAGE_FOLDERS))(
		"the %s folder's prepublishOnly refuses another package's tag, a wrong version, and a publish outside GitHub Actions",
		(name) => {
			const cwd = path.join(repo, PACKAGE_FOLDERS[name]);
			const other = Object.keys(PACKAGE_FOLDERS).find((candidate) => candidate !== name) as string;

			const wrongPackage = publish(cwd, tagEnv(`${other}@${version[other]}`));
			expect(wrongPackage.status).not.toBe(0);
			expect(wrongPackage.stderr).toContain(`not ${name}`);

			const wrongVersion = publish(cwd, tagEnv(`${name}@99.0.0`));
			expect(wrongVersion.status).not.toBe(0);
			expect(wrongVersion.stderr).toContain(`whose version is ${version[name]}`);

			const local = publish(cwd, {});
			expect(local.status).not.toBe(0);
			expect(local.stderr).toContain('published only from GitHub Actions');
		},
	);
});
