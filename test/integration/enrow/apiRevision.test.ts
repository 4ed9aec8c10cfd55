/**
 * The Enrow node against Enrow's API as its newest docs revision (and Enrow's own MCP server)
 * describe it: the keys it sends, a 202 read with an empty or non-JSON body, and what a user is
 * told when Enrow refuses the form of a request rather than a value they mapped.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { ENROW_PACKAGE } from '../../../nodes/EnrowApi/transport/packageVersion';
import type { Simulator } from '../../../simulator';
import { getResult, jsonOf, pairedIndexes, runEnrow, useFastSimulator } from '../enrowKit';

type Described = Error & { description?: string };

describe('Enrow node · the API as it is today', () => {
	let simulator: Simulator;
	useFastSimulator((started) => (simulator = started));

	const verify = { resource: 'emailVerifier', operation: 'verify', email: '={{ $json.email }}' };
	const verifyBulk = { ...verify, operation: 'verifyBulk' };
	const postedBodies = () =>
		simulator
			.stats()
			.requests.filter((request) => request.method === 'POST')
			.map((request) => request.body as Record<string, unknown>);

	it('verifies in bulk with the addresses under `verifications`, and pays 0.25 per address', async () => {
		const input = [
			{ email: 'pam@dundermifflin.com' },
			{ email: 'bounce@dundermifflin.com' },
			{ email: 'jim@dundermifflin.com' },
		];
		const result = await runEnrow(simulator, verifyBulk, { input });

		expect(result.status).toBe('success');
		const [body] = postedBodies();
		expect(body.verifications).toEqual(input.map((item) => item.email));
		expect(body).not.toHaveProperty('emails');
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ email: 'pam@dundermifflin.com', valid: true }),
			expect.objectContaining({ email: 'bounce@dundermifflin.com', valid: false }),
			expect.objectContaining({ email: 'jim@dundermifflin.com', valid: true }),
		]);
		expect(simulator.stats().credits.charged).toBe(0.75);
	});

	it.each([
		['an empty body', ''],
		['a body that is not JSON', 'Accepted'],
	])('Get Result reads a 202 with %s as "still running", at once', async (_label, body) => {
		const started = await runEnrow(
			simulator,
			{ ...verify, waitMode: 'none' },
			{ input: [{ email: 'pam@dundermifflin.com' }] },
		);
		const jobId = String(jsonOf(started)[0].jobId);
		simulator.addFault({
			type: 'status',
			status: 202,
			body,
			match: { method: 'GET', path: '/email/verify/single' },
		});
		const read = await getResult(simulator, 'emailVerifier', jobId, 'single');

		expect(read.status).toBe('success');
		expect(jsonOf(read)).toEqual([expect.objectContaining({ jobId, status: 'ongoing' })]);
		// One read: a 202 is an answer, not a fault to retry.
		expect(simulator.stats().requestsByRoute['GET /email/verify/single']).toBe(1);
	});

	it('polls on through 202s without a readable body until the job is done', async () => {
		simulator.addFault({
			type: 'status',
			status: 202,
			body: '',
			match: { method: 'GET', path: '/email/verify/single' },
			times: 3,
		});
		const result = await runEnrow(simulator, verify, {
			input: [{ email: 'pam@dundermifflin.com' }],
		});

		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ email: 'pam@dundermifflin.com', valid: true, status: 'completed' }),
		]);
		// Each 202 is one poll (no retries of it), then the finished answer; one job started.
		expect(simulator.stats().requestsByRoute['GET /email/verify/single']).toBe(4);
		expect(simulator.stats().posts).toBe(1);
	});

	describe("a refusal of the request's form says the node and the API disagree", () => {
		const refuseFormOnce = (message: string) =>
			simulator.addFault({
				type: 'status',
				status: 400,
				body: { message },
				match: { method: 'POST', path: '/email/verify/bulk' },
			});

		it('quotes Enrow, names the package version, and does not blame the mapped values', async () => {
			refuseFormOnce('At least 1 verification must be present in the payload');
			const result = await runEnrow(simulator, verifyBulk, {
				input: [{ email: 'pam@dundermifflin.com' }, { email: 'jim@dundermifflin.com' }],
			});

			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(
				'Enrow\'s API and this version of the Enrow node disagree: "At least 1 verification must be present in the payload"',
			);
			const description = (result.error as Described).description ?? '';
			expect(description).toContain(`n8n-nodes-enrow ${ENROW_PACKAGE.version}`);
			expect(description).toMatch(/not a value you mapped/);
			expect(description).toMatch(/Update the n8n-nodes-enrow package/);
			expect(description).toContain(ENROW_PACKAGE.issues);
			expect(description).not.toMatch(/Check the values mapped/);
			expect(simulator.stats().credits.charged).toBe(0);
		});

		it('with Continue On Fail, every item of the refused job carries that error', async () => {
			refuseFormOnce('Missing payload');
			const result = await runEnrow(simulator, verifyBulk, {
				input: [{ email: 'pam@dundermifflin.com' }, { email: 'jim@dundermifflin.com' }],
				continueOnFail: true,
			});
			const out = jsonOf(result);
			expect(out).toHaveLength(2);
			out.forEach((json) => expect(json.error).toMatch(/^Enrow's API and this version/));
			expect(pairedIndexes(result)).toEqual([0, 1]);
		});

		it('a refused value (an address Enrow calls invalid) still points at the mapped values', async () => {
			simulator.addFault({
				type: 'status',
				status: 400,
				body: { message: 'invalid email format' },
				match: { method: 'POST', path: '/email/verify/single' },
			});
			const result = await runEnrow(simulator, verify, {
				input: [{ email: 'pam@dundermifflin.com' }],
			});
			expect(result.error?.message).toBe('Enrow refused the request: "invalid email format"');
			expect((result.error as Described).description).toMatch(
				/^Check the values mapped into this node/,
			);
		});
	});

	it('quotes the version that package.json gives (npm version updates one, this test the other)', () => {
		const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
			name: string;
			version: string;
		};
		expect(ENROW_PACKAGE).toEqual(
			expect.objectContaining({ name: manifest.name, version: manifest.version }),
		);
	});
});
