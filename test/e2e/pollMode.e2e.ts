/**
 * The Enrow node inside a real n8n 2.41.1 (installed from the packed package as a community
 * node), waiting in poll mode, run with `n8n execute` against the API simulator.
 */
import { type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { nodeOutput } from '../../scripts/e2e/runData';
import { type Simulator } from '../../simulator';
import { executeToEnd } from './support/executeRun';
import { prepareSuite, stopSuite } from './support/suite';
import {
	enrowCredential,
	enrowNode,
	manualRunWorkflow,
	pollEveryOneSecond,
} from './support/workflows';

let simulator: Simulator;
let n8n: N8nInstance;

beforeAll(async () => {
	({ simulator, n8n } = await prepareSuite({
		name: 'poll',
		simulatorConfig: { enrow: { jobDurationMs: { single: 500, bulkBase: 1000, bulkPerRow: 0 } } },
		credentials: (url) => [enrowCredential(url)],
		installTimingLabel: 'n8n user folder + package install',
	}));
});

afterAll(async () => await stopSuite(simulator));

beforeEach(() => simulator.reset());

test('Find an email: one single job per item, polled to completion', async () => {
	const people = [
		{ fullName: 'Dwight Schrute', companyDomain: 'dundermifflin.com' },
		{ fullName: 'Nobody Atall', companyDomain: 'dundermifflin.com' },
	];
	const finder = enrowNode({
		resource: 'emailFinder',
		operation: 'find',
		fullName: '={{ $json.fullName }}',
		companyDomain: '={{ $json.companyDomain }}',
		...pollEveryOneSecond,
	});
	const workflow = manualRunWorkflow('e2eFindEmail01', 'E2E find an email', people, finder);
	const run = await executeToEnd(n8n, workflow, 'case find (n8n execute)');

	const items = nodeOutput(run.data, 'Enrow');
	expect(items).toHaveLength(2);
	expect(items[0].json).toMatchObject({
		email: 'dwight.schrute@dundermifflin.com',
		qualification: 'valid',
		found: true,
		status: 'completed',
	});
	expect(items[1].json).toMatchObject({
		email: null,
		qualification: 'invalid',
		found: false,
		status: 'completed',
	});
	for (const [index, item] of items.entries()) {
		expect(typeof item.json.jobId).toBe('string');
		expect(item.pairedItem).toEqual({ item: index });
	}
	expect(items[0].json.jobId).not.toBe(items[1].json.jobId);

	const stats = simulator.stats();
	expect(stats.requestsByRoute['POST /email/find/single']).toBe(2);
	expect(stats.jobs.map((job) => job.kind)).toEqual(['findSingle', 'findSingle']);
});

test('Verify emails in bulk: one job, input order kept, duplicate charged once, bad syntax not sent', async () => {
	const emails = Array.from({ length: 27 }, (_, index) => `person${index}@acme${index % 3}.com`);
	emails.splice(10, 0, 'bounce.back@acme1.com'); // the simulator's rule: "bounce" is invalid
	emails.splice(15, 0, emails[3]); // a duplicate
	emails.splice(20, 0, 'not an email'); // fails the syntax check: never sent
	expect(emails).toHaveLength(30);
	const uniqueValidSyntax = new Set(emails.filter((email) => email !== 'not an email')).size;
	expect(uniqueValidSyntax).toBe(28);

	const rows = emails.map((email) => ({ email }));
	const verifier = enrowNode({
		resource: 'emailVerifier',
		operation: 'verifyBulk',
		email: '={{ $json.email }}',
		...pollEveryOneSecond,
	});
	const workflow = manualRunWorkflow(
		'e2eVerifyBulk01',
		'E2E verify emails in bulk',
		rows,
		verifier,
	);
	const run = await executeToEnd(n8n, workflow, 'case verifyBulk 30 items (n8n execute)');

	const items = nodeOutput(run.data, 'Enrow');
	expect(items).toHaveLength(30);
	items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json.email).toBe(emails[index]);
	});
	expect(items[20].json).toMatchObject({ qualification: 'invalid', reason: 'syntax' });
	expect(items[10].json).toMatchObject({
		qualification: 'invalid',
		valid: false,
		status: 'completed',
	});
	expect(items[15].json).toEqual(items[3].json);
	const sent = items.filter((_, index) => index !== 20 && index !== 10);
	for (const item of sent)
		expect(item.json).toMatchObject({ qualification: 'valid', valid: true, status: 'completed' });

	const stats = simulator.stats();
	expect(stats.requestsByRoute['POST /email/verify/bulk']).toBe(1);
	expect(stats.jobs).toHaveLength(1);
	expect(stats.jobs[0]).toMatchObject({ kind: 'verifyBulk', rows: uniqueValidSyntax });
	expect(stats.credits.reserved).toBe(uniqueValidSyntax * 0.25);
	expect(new Set(sent.map((item) => item.json.jobId))).toEqual(new Set([stats.jobs[0].id]));
});
