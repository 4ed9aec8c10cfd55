/**
 * The two packages side by side in a real n8n 2.41.1, each installed from its own tarball the way
 * n8n's community-package installer lays them out: n8n lists every node under its own package's
 * type, and a workflow that uses both (ValidEmailChecker, then Enrow's bulk verifier on the same
 * addresses) runs with `n8n execute` against the API simulator.
 */
import * as fs from 'fs';
import * as path from 'path';

import { type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { PACKAGES } from '../../scripts/e2e/packPackage';
import { nodeOutput } from '../../scripts/e2e/runData';
import { type Simulator } from '../../simulator';
import { executeToEnd } from './support/executeRun';
import { prepareSuite, stopSuite } from './support/suite';
import {
	ENROW_NODE_TYPE,
	bothCredentials,
	enrowNode,
	manualRunWorkflow,
	pollEveryOneSecond,
	VEC_NODE_TYPE,
	vecNode,
} from './support/workflows';

let simulator: Simulator;
let n8n: N8nInstance;

beforeAll(async () => {
	({ simulator, n8n } = await prepareSuite({
		name: 'packages',
		simulatorConfig: {
			enrow: { jobDurationMs: { single: 500, bulkBase: 1000, bulkPerRow: 0 } },
			vec: { latencyMs: { min: 0, max: 0 } },
		},
		credentials: bothCredentials,
		installTimingLabel: 'n8n user folder + both package installs',
	}));
});

afterAll(async () => await stopSuite(simulator));

function readJson<T>(file: string): T {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

test("each package is unpacked from its own tarball into .n8n/nodes and listed in n8n's ledger", () => {
	const nodesDir = path.join(n8n.userFolder, '.n8n', 'nodes');
	const ledger = readJson<{ dependencies: Record<string, string> }>(
		path.join(nodesDir, 'package.json'),
	);
	expect(ledger.dependencies).toEqual({
		'n8n-nodes-enrow': '0.1.0',
		'n8n-nodes-validemailchecker': '0.1.0',
	});
	for (const { name } of PACKAGES) {
		const installed = path.join(nodesDir, 'node_modules', name);
		const manifest = readJson<{ name: string; n8n: { nodes: string[]; credentials: string[] } }>(
			path.join(installed, 'package.json'),
		);
		expect(manifest.name).toBe(name);
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			expect(fs.existsSync(path.join(installed, file))).toBe(true);
		}
	}
});

test('n8n lists every node under the type of the package it came from', async () => {
	const listing = path.join(n8n.userFolder, 'node-types.json');
	const exported = await n8n.cli(['export:nodes', `--output=${listing}`]);
	expect(exported.code).toBe(0);
	const ours = readJson<Array<{ name: string; credentials?: Array<{ name: string }> }>>(listing)
		.filter((node) => /^n8n-nodes-(enrow|validemailchecker)\./.test(node.name))
		.map((node) => [node.name, node.credentials?.map((credential) => credential.name)]);
	expect(Object.fromEntries(ours)).toEqual({
		[ENROW_NODE_TYPE]: ['enrowApi'],
		'n8n-nodes-enrow.enrowTrigger': ['enrowApi'],
		'n8n-nodes-enrow.enrowTool': ['enrowApi'],
		[VEC_NODE_TYPE]: ['validEmailCheckerApi'],
		'n8n-nodes-validemailchecker.validEmailCheckerTool': ['validEmailCheckerApi'],
	});
});

test('one workflow runs the ValidEmailChecker node and the Enrow node, each from its own package', async () => {
	const emails = [
		'pam.beesly@dundermifflin.com',
		'info@dundermifflin.com',
		'bounce.back@acme1.com',
		'someone@mailinator.com',
	];
	const workflow = manualRunWorkflow(
		'e2eTwoPackages1',
		'E2E both packages',
		emails.map((email) => ({ email })),
		vecNode({ resource: 'email', operation: 'verify', email: '={{ $json.email }}', options: {} }),
		enrowNode({
			resource: 'emailVerifier',
			operation: 'verifyBulk',
			email: '={{ $json.email }}',
			...pollEveryOneSecond,
		}),
	);
	const run = await executeToEnd(n8n, workflow, 'case ValidEmailChecker then Enrow (n8n execute)');

	const verdicts = nodeOutput(run.data, 'ValidEmailChecker');
	expect(verdicts.map((item) => [item.json.email, item.json.status])).toEqual([
		[emails[0], 'safe'],
		[emails[1], 'role_account'],
		[emails[2], 'invalid'],
		[emails[3], 'disposable'],
	]);
	verdicts.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
	const checked = nodeOutput(run.data, 'Enrow');
	expect(checked.map((item) => item.json.email)).toEqual(emails);
	expect(checked[0].json).toMatchObject({ qualification: 'valid', status: 'completed' });
	expect(checked[2].json).toMatchObject({ qualification: 'invalid', status: 'completed' });

	const stats = simulator.stats();
	expect(stats.requestsByRoute['POST /api/verify-single']).toBe(emails.length);
	expect(stats.requestsByRoute['POST /email/verify/bulk']).toBe(1);
});
