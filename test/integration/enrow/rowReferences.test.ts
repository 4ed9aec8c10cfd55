/**
 * Issue 16 §8, Options → Row Reference, and §7, Options → Put Result in Field, through the real
 * node in n8n-core against the simulator: what is sent to Enrow as `custom`, and what comes out
 * of the node, of Get Result and of the Enrow Trigger, in every wait mode.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { shortenPrePauseReads } from '../../support/injected';
import type { Simulator } from '../../../simulator';
import { runWebhook } from '../../harness';
import { FINDER_BULK_RESULT, FINDER_BY_DOMAIN } from '../../support/mappedInputs';
import { callEnrowTrigger } from '../../support/enrowNodeKit';
import { ENROW_KEY, jsonOf, pairedIndexes, runEnrow, useFastSimulator } from '../enrowKit';

// Jobs here take a few hundred milliseconds: read them once before pausing, not for 2 s.
shortenPrePauseReads();

let simulator: Simulator;
useFastSimulator((started) => (simulator = started));

/** The bodies of the job-starting requests the node sent. */
function postedBodies(path: string): IDataObject[] {
	return simulator
		.stats()
		.requests.filter((request) => request.method === 'POST' && request.path === path)
		.map((request) => request.body as IDataObject);
}

async function trigger(body: IDataObject): Promise<IDataObject[]> {
	const call = await callEnrowTrigger(simulator, {}, { body }, { apiKey: ENROW_KEY });
	expect(call.webhookError).toBeUndefined();
	return call.items;
}

const leads = [
	{ crmId: 'crm-1', name: 'Dwight Schrute', domain: 'dundermifflin.com' },
	{ crmId: 'crm-2', name: 'Nobody Atall', domain: 'dundermifflin.com' },
	// The same person as crm-1, another CRM record: sent once, charged once.
	{ crmId: 'crm-3', name: 'dwight schrute', domain: 'https://www.dundermifflin.com/about' },
	{ crmId: 4711, name: 'Jim Halpert', domain: 'dundermifflin.com' },
	{ crmId: '', name: 'Pam Beesly', domain: 'dundermifflin.com' },
];
const findBulk: INodeParameters = {
	...FINDER_BY_DOMAIN,
	operation: 'findBulk',
	options: { rowReference: '={{ $json.crmId }}' },
};
const references = (rows: IDataObject[]) => rows.map((row) => row.rowReference);

describe('Row Reference · Email Finder in bulk', () => {
	it('poll: sends each row once with every reference it answers, and gives each item its own', async () => {
		const result = await runEnrow(simulator, findBulk, { input: leads });
		expect(result.status).toBe('success');

		const [body] = postedBodies('/email/find/bulk');
		expect(body.searches).toEqual([
			expect.objectContaining({
				fullname: 'Dwight Schrute',
				custom: '{"row":"r0","rowReferences":["crm-1","crm-3"]}',
			}),
			expect.objectContaining({ custom: '{"row":"r1","rowReferences":["crm-2"]}' }),
			expect.objectContaining({ custom: '{"row":"r2","rowReferences":["4711"]}' }),
			// No reference: the row key alone, as without the option.
			expect.objectContaining({ fullname: 'Pam Beesly', custom: 'r3' }),
		]);
		expect(simulator.stats().credits.charged).toBe(3);

		const output = jsonOf(result);
		expect(references(output)).toEqual(['crm-1', 'crm-2', 'crm-3', '4711', undefined]);
		expect(output[0]).toEqual(
			expect.objectContaining({ found: true, email: 'dwight.schrute@dundermifflin.com' }),
		);
		expect(output[2]).toEqual(expect.objectContaining({ email: output[0].email }));
		expect(output[4]).not.toHaveProperty('rowReference');
		expect(pairedIndexes(result)).toEqual([0, 1, 2, 3, 4]);
	});

	it('none: pending items carry their references; the Enrow Trigger gives one item per reference', async () => {
		const started = await runEnrow(simulator, { ...findBulk, waitMode: 'none' }, { input: leads });
		const pending = jsonOf(started);
		expect(
			pending.map(({ jobRow, rowReference, status }) => [jobRow, rowReference, status]),
		).toEqual([
			['r0', 'crm-1', 'ongoing'],
			['r1', 'crm-2', 'ongoing'],
			['r0', 'crm-3', 'ongoing'],
			['r2', '4711', 'ongoing'],
			['r3', undefined, 'ongoing'],
		]);
		const jobId = String(pending[0].jobId);
		simulator.completeAllJobs();

		const items = await trigger({ event: 'bulk_search_finished', id: jobId });
		const byReference = Object.fromEntries(items.map((item) => [String(item.rowReference), item]));
		expect(Object.keys(byReference).sort()).toEqual([
			'4711',
			'crm-1',
			'crm-2',
			'crm-3',
			'undefined',
		]);
		expect(byReference['crm-1']).toEqual(
			expect.objectContaining({
				email: 'dwight.schrute@dundermifflin.com',
				event: 'bulk_search_finished',
				jobId,
			}),
		);
		expect(byReference['crm-3'].email).toBe(byReference['crm-1'].email);
		expect(byReference['crm-2']).toEqual(expect.objectContaining({ found: false }));
		// Never the node's own encoding.
		expect(JSON.stringify(items)).not.toContain('rowReferences');

		// Get Result, fed the pending items: each item its own row and its own reference.
		const perItem = await runEnrow(simulator, FINDER_BULK_RESULT, { input: pending });
		expect(references(jsonOf(perItem))).toEqual(['crm-1', 'crm-2', 'crm-3', '4711', undefined]);
		expect(jsonOf(perItem)[2].email).toBe('dwight.schrute@dundermifflin.com');

		// Get Result from the job ID alone: every row, once per reference, as the trigger.
		const allRows = await runEnrow(
			simulator,
			{ resource: 'emailFinder', operation: 'getResult', jobId, jobType: 'bulk' },
			{ input: [{}] },
		);
		expect(references(jsonOf(allRows)).map(String).sort()).toEqual([
			'4711',
			'crm-1',
			'crm-2',
			'crm-3',
			'undefined',
		]);
	});

	it('webhook: the resumed run gives each item its own reference', async () => {
		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 1500 } } });
		const waiting = await runEnrow(
			simulator,
			{ ...findBulk, waitMode: 'webhook' },
			{ input: leads },
		);
		expect(waiting.status).toBe('waiting');
		const [job] = simulator.stats().jobs;
		simulator.completeAllJobs();
		const call = await runWebhook({
			waiting,
			url: job.webhook!,
			body: { event: 'bulk_search_finished', id: job.id },
		});
		expect(call.resumed).toBe(true);
		expect(references(jsonOf(call.result))).toEqual(['crm-1', 'crm-2', 'crm-3', '4711', undefined]);
		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 400 } } });
	});

	it("Output Mode 'Summary' and Dry Run keep each item's reference", async () => {
		const summary = await runEnrow(
			simulator,
			{ ...findBulk, options: { ...(findBulk.options as IDataObject), outputMode: 'summary' } },
			{ input: leads },
		);
		expect(references(jsonOf(summary)[0].results as IDataObject[])).toEqual([
			'crm-1',
			'crm-2',
			'crm-3',
			'4711',
			undefined,
		]);
		const dryRun = await runEnrow(
			simulator,
			{ ...findBulk, options: { ...(findBulk.options as IDataObject), dryRun: true } },
			{ input: leads },
		);
		expect(jsonOf(dryRun)[2]).toEqual(
			expect.objectContaining({ status: 'estimated', reason: 'duplicate', rowReference: 'crm-3' }),
		);
	});
});

describe('Row Reference · single jobs and the other kinds', () => {
	it("a single email search sends it in the request's custom object; node, Get Result and trigger give it back", async () => {
		const input = [{ crmId: 'crm-9', name: 'Dwight Schrute', domain: 'dundermifflin.com' }];
		const params = { ...findBulk, operation: 'find' };
		const polled = await runEnrow(simulator, params, { input });
		expect(postedBodies('/email/find/single')[0].custom).toEqual({ rowReferences: ['crm-9'] });
		expect(jsonOf(polled)[0]).toEqual(
			expect.objectContaining({ found: true, rowReference: 'crm-9' }),
		);

		const started = await runEnrow(simulator, { ...params, waitMode: 'none' }, { input });
		const jobId = String(jsonOf(started)[0].jobId);
		expect(jsonOf(started)[0].rowReference).toBe('crm-9');
		simulator.completeAllJobs();
		const items = await trigger({ event: 'single_search_finished', id: jobId });
		expect(items).toEqual([expect.objectContaining({ found: true, rowReference: 'crm-9', jobId })]);
		const read = await runEnrow(
			simulator,
			{ resource: 'emailFinder', operation: 'getResult', jobId, jobType: 'single' },
			{ input: [{}] },
		);
		expect(jsonOf(read)[0].rowReference).toBe('crm-9');
	});

	it('a phone search sends it as text (Enrow types phone custom as a string), single and bulk', async () => {
		const phones = [
			{ crmId: 'p-1', linkedin: 'https://www.linkedin.com/in/michael-scott/' },
			{ crmId: 'p-2', linkedin: 'https://linkedin.com/in/michael-scott' },
		];
		const params = {
			resource: 'phoneFinder',
			linkedinUrl: '={{ $json.linkedin }}',
			options: { rowReference: '={{ $json.crmId }}' },
		};
		const single = await runEnrow(
			simulator,
			{ ...params, operation: 'find', waitMode: 'none' },
			{ input: [phones[0]] },
		);
		expect(postedBodies('/phone/single')[0].custom).toBe('{"rowReferences":["p-1"]}');
		simulator.completeAllJobs();
		const singleItems = await trigger({
			event: 'single_phone_search_finished',
			id: String(jsonOf(single)[0].jobId),
		});
		expect(references(singleItems)).toEqual(['p-1']);

		const bulk = await runEnrow(
			simulator,
			{ ...params, operation: 'findBulk', waitMode: 'none' },
			{ input: phones },
		);
		expect(
			(postedBodies('/phone/bulk')[0].searches as IDataObject[]).map((row) => row.custom),
		).toEqual(['{"row":"r0","rowReferences":["p-1","p-2"]}']);
		// Also by position in the job's own custom, for rows Enrow returns without theirs.
		expect(postedBodies('/phone/bulk')[0].custom).toEqual({
			rowReferences: { '0': ['p-1', 'p-2'] },
		});
		simulator.completeAllJobs();
		const bulkItems = await trigger({
			event: 'bulk_phone_search_finished',
			id: String(jsonOf(bulk)[0].jobId),
		});
		expect(references(bulkItems)).toEqual(['p-1', 'p-2']);
	});

	it('a bulk verification maps addresses to references in the batch-level custom object', async () => {
		const input = [
			{ crmId: 'v-1', email: 'pam@dundermifflin.com' },
			{ crmId: 'v-2', email: 'PAM@dundermifflin.com' },
			{ crmId: 'v-3', email: 'bounce@dundermifflin.com' },
			{ crmId: 'v-4', email: 'not an address' },
		];
		const params = {
			resource: 'emailVerifier',
			operation: 'verifyBulk',
			email: '={{ $json.email }}',
			options: { rowReference: '={{ $json.crmId }}' },
		};
		const polled = await runEnrow(simulator, params, { input });
		const [body] = postedBodies('/email/verify/bulk');
		expect(body).toEqual({
			verifications: ['pam@dundermifflin.com', 'bounce@dundermifflin.com'],
			custom: {
				rowReferences: {
					'pam@dundermifflin.com': ['v-1', 'v-2'],
					'bounce@dundermifflin.com': ['v-3'],
				},
			},
		});
		expect(references(jsonOf(polled))).toEqual(['v-1', 'v-2', 'v-3', 'v-4']);
		expect(jsonOf(polled)[3]).toEqual(
			expect.objectContaining({ reason: 'syntax', rowReference: 'v-4' }),
		);

		const started = await runEnrow(simulator, { ...params, waitMode: 'none' }, { input });
		simulator.completeAllJobs();
		const items = await trigger({
			event: 'bulk_verification_finished',
			id: String(jsonOf(started)[0].jobId),
		});
		// The simulator, like Enrow, may answer rows in another order.
		expect(items.map((item) => [item.email, item.rowReference]).sort()).toEqual([
			['bounce@dundermifflin.com', 'v-3'],
			['pam@dundermifflin.com', 'v-1'],
			['pam@dundermifflin.com', 'v-2'],
		]);
	});

	it('a reference that is not text or too long stops the run before anything is sent', async () => {
		const bad = [
			{ crmId: { id: 1 }, name: 'Dwight Schrute', domain: 'dundermifflin.com' },
			{ crmId: 'x'.repeat(256), name: 'Jim Halpert', domain: 'dundermifflin.com' },
		];
		const result = await runEnrow(simulator, findBulk, { input: bad });
		expect(result.status).toBe('error');
		expect(String(result.error?.message)).toBe('Row Reference of item 0 is an object, not text');
		expect((result.error as { description?: string }).description).toContain(
			'Row Reference of item 1 is 256 characters long (at most 255)',
		);
		expect(postedBodies('/email/find/bulk')).toEqual([]);

		const continued = await runEnrow(simulator, findBulk, { input: bad, continueOnFail: true });
		expect(jsonOf(continued).map((item) => item.error)).toEqual([
			'Row Reference of item 0 is an object, not text',
			'Row Reference of item 1 is 256 characters long (at most 255)',
		]);
	});
});

describe('Put Result in Field · the input item keeps its own fields', () => {
	const crm = [
		{
			crmId: 'crm-1',
			name: 'Dwight Schrute',
			domain: 'dundermifflin.com',
			status: 'customer',
			jobId: 'crm-7',
			qualification: 'hot',
		},
		{
			crmId: 'crm-2',
			name: 'Nobody Atall',
			domain: 'dundermifflin.com',
			status: 'lead',
			jobId: 'crm-8',
			qualification: 'cold',
		},
	];
	const options = {
		includeInputFields: true,
		resultField: 'enrow',
		rowReference: '={{ $json.crmId }}',
	};

	it('poll: the result goes under the field, every input field stays as it was', async () => {
		const result = await runEnrow(simulator, { ...findBulk, options }, { input: crm });
		const [first, second] = jsonOf(result);
		expect(first).toEqual({
			...crm[0],
			enrow: expect.objectContaining({
				email: 'dwight.schrute@dundermifflin.com',
				status: 'completed',
				qualification: 'valid',
				rowReference: 'crm-1',
				jobId: expect.any(String),
			}),
		});
		expect(second).toEqual({
			...crm[1],
			enrow: expect.objectContaining({ found: false, rowReference: 'crm-2' }),
		});
	});

	it('none + Get Result: Get Result finds jobId and jobRow under the field, and replaces the pending object', async () => {
		const started = await runEnrow(
			simulator,
			{ ...findBulk, waitMode: 'none', options },
			{ input: crm },
		);
		const pending = jsonOf(started);
		expect(pending[1]).toEqual({
			...crm[1],
			enrow: { jobId: expect.any(String), status: 'ongoing', jobRow: 'r1', rowReference: 'crm-2' },
		});
		simulator.completeAllJobs();
		const read = await runEnrow(
			simulator,
			{
				resource: 'emailFinder',
				operation: 'getResult',
				jobId: '={{ $json.enrow.jobId }}',
				jobType: 'bulk',
				options: { includeInputFields: true, resultField: 'enrow' },
			},
			{ input: pending },
		);
		const [first, second] = jsonOf(read);
		expect(first).toEqual({
			...crm[0],
			enrow: expect.objectContaining({ found: true, status: 'completed', rowReference: 'crm-1' }),
		});
		expect(second).toEqual({
			...crm[1],
			enrow: expect.objectContaining({ found: false, status: 'completed', rowReference: 'crm-2' }),
		});
	});

	it('Continue: a failed item keeps `error` at the top level, its job under the field', async () => {
		simulator.configure({ enrow: { jobDurationMs: { single: 60_000 } } });
		const result = await runEnrow(
			simulator,
			{ ...findBulk, operation: 'find', timeoutMinutes: 0.01, options },
			{ input: [crm[0]], continueOnFail: true },
		);
		const [item] = jsonOf(result);
		expect(item).toEqual({
			...crm[0],
			error: expect.stringContaining('Enrow has not finished the email search'),
			errorDescription: expect.any(String),
			enrow: { jobId: expect.any(String), status: 'ongoing', rowReference: 'crm-1' },
		});
		simulator.configure({ enrow: { jobDurationMs: { single: 300 } } });
	});

	it('two Enrow nodes in a row, each in its own field, keep both results', async () => {
		const found = await runEnrow(simulator, { ...findBulk, options }, { input: crm.slice(0, 1) });
		const verified = await runEnrow(
			simulator,
			{
				resource: 'emailVerifier',
				operation: 'verify',
				email: '={{ $json.enrow.email }}',
				options: { includeInputFields: true, resultField: 'verification' },
			},
			{ input: jsonOf(found) },
		);
		const [item] = jsonOf(verified);
		expect(item.status).toBe('customer');
		expect(item.enrow).toEqual(expect.objectContaining({ qualification: 'valid', found: true }));
		expect(item.verification).toEqual(
			expect.objectContaining({ email: 'dwight.schrute@dundermifflin.com', status: 'completed' }),
		);
		expect(item.verification).not.toEqual(item.enrow);
	});
});
