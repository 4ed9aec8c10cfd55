/**
 * Issue 16 §7 and §8, the pure parts: how a result is placed in the output item ("Put Result
 * in Field", Include Input Fields, failures), and how row references are encoded in Enrow's
 * `custom` and read back from it.
 */
import type { INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { planJobs } from '../../nodes/Enrow/engine/planJobs';
import { emailFinderJob, emailVerifierJob, phoneFinderJob } from '../../nodes/EnrowApi/jobKinds';
import {
	batchReferencesCustom,
	bulkRowCustom,
	oncePerReference,
	referencesInCustom,
	batchReferencesOf,
	rowKeyOfCustom,
	singleJobCustom,
} from '../../nodes/EnrowApi/jobKinds';
import { fastItemParameters } from '../../nodes/shared/itemParameters';
import {
	failureItem,
	outputShapeOf,
	readResultField,
	resultItem,
} from '../../nodes/shared/outputItems';

const node = { name: 'Enrow', parameters: {} } as unknown as INode;
const crmRow = { id: 'crm-1', email: 'dwight@crm.example', status: 'customer', jobId: 'crm-job-7' };
const items: INodeExecutionData[] = [{ json: crmRow }];
const result = {
	email: 'dwight.schrute@dundermifflin.com',
	qualification: 'valid',
	status: 'completed',
	jobId: 'enrow-job-1',
};

describe('Put Result in Field (outputItems)', () => {
	it('without it, the result fields sit at the top level and replace input fields of the same name', () => {
		const shape = outputShapeOf(node, { includeInputFields: true });
		expect(resultItem(items, 0, result, shape).json).toEqual({ ...crmRow, ...result });
	});

	it('puts the result under the chosen field; with Include Input Fields every input field stays as it was', () => {
		const nested = resultItem(items, 0, result, outputShapeOf(node, { resultField: 'enrow' }));
		expect(nested).toEqual({ json: { enrow: result }, pairedItem: { item: 0 } });

		const kept = resultItem(
			items,
			0,
			result,
			outputShapeOf(node, { includeInputFields: true, resultField: 'enrow' }),
		);
		expect(kept.json).toEqual({ ...crmRow, enrow: result });
	});

	it('a failed item keeps `error` at the top level and puts the job and status under the field', () => {
		const error = new NodeOperationError(node, 'The job is still running', {
			description: 'Use Get Result later.',
		});
		const shape = outputShapeOf(node, { includeInputFields: true, resultField: 'enrow' });
		expect(failureItem(items, 0, error, { jobId: 'j1', status: 'ongoing' }, shape).json).toEqual({
			...crmRow,
			error: 'The job is still running',
			errorDescription: 'Use Get Result later.',
			enrow: { jobId: 'j1', status: 'ongoing' },
		});
		expect(failureItem(items, 0, error, {}, shape).json.enrow).toEqual({ status: 'failed' });
		// Without the option, as before.
		expect(failureItem(items, 0, error, { jobId: 'j1' }, outputShapeOf(node)).json).toEqual({
			jobId: 'j1',
			error: 'The job is still running',
			errorDescription: 'Use Get Result later.',
		});
	});

	it('reads the field name trimmed, empty as none, and refuses what is not text', () => {
		expect(readResultField(node, '  enrow ')).toBe('enrow');
		expect(readResultField(node, '')).toBe('');
		expect(readResultField(node, undefined)).toBe('');
		expect(() => readResultField(node, 3)).toThrow('Put Result in Field is number');
	});
});

describe('Row references in `custom` (rowReferences)', () => {
	it('a bulk row keeps sending its bare key without references, and key plus references as text with them', () => {
		expect(bulkRowCustom('r3', [])).toBe('r3');
		const encoded = bulkRowCustom('r3', ['crm-1', 'crm-2']);
		expect(typeof encoded).toBe('string');
		expect(rowKeyOfCustom(encoded)).toBe('r3');
		expect(referencesInCustom(encoded)).toEqual(['crm-1', 'crm-2']);
		expect(rowKeyOfCustom('r3')).toBe('r3');
		expect(referencesInCustom('r3')).toEqual([]);
		// Enrow's own examples ("lead_001", "your_custom_data") are not ours: no references.
		expect(referencesInCustom('your_custom_data')).toEqual([]);
		expect(referencesInCustom('{not json')).toEqual([]);
		expect(referencesInCustom({ external_id: 'x' })).toEqual([]);
	});

	it('a single job sends an object; references come back from it or from its JSON text', () => {
		expect(singleJobCustom([])).toBeUndefined();
		expect(singleJobCustom(['crm-1'])).toEqual({ rowReferences: ['crm-1'] });
		expect(referencesInCustom({ rowReferences: ['crm-1'] })).toEqual(['crm-1']);
		expect(referencesInCustom(JSON.stringify({ rowReferences: ['crm-1'] }))).toEqual(['crm-1']);
	});

	it('a verifier bulk job maps addresses to references in the batch-level custom', () => {
		const custom = batchReferencesCustom([
			{ key: 'pam@x.com', references: ['crm-1'] },
			{ key: 'jim@x.com', references: [] },
			{ key: 'pam@x.com', references: ['crm-1', 'crm-9'] },
		]);
		expect(custom).toEqual({ rowReferences: { 'pam@x.com': ['crm-1', 'crm-9'] } });
		expect(batchReferencesOf(custom, 'pam@x.com')).toEqual(['crm-1', 'crm-9']);
		expect(batchReferencesOf(custom, 'jim@x.com')).toEqual([]);
		expect(batchReferencesOf('campaign_q2', 'pam@x.com')).toEqual([]);
		expect(batchReferencesCustom([{ key: 'a@x.com', references: [] }])).toBeUndefined();
	});

	it('a phone bulk row that comes back without its custom finds its references by position', () => {
		const rows = [
			{ ref: 'r0', fields: { linkedinUrl: 'https://linkedin.com/in/a' }, references: ['p-1'] },
			{ ref: 'r1', fields: { linkedinUrl: 'https://linkedin.com/in/b' }, references: [] },
		];
		const body = phoneFinderJob.bulkBody(rows, {});
		expect(body.custom).toEqual({ rowReferences: { '0': ['p-1'] } });
		const answer = { general: { id: 'j', status: 'completed', custom: body.custom } };
		const bare = { index: 0, qualification: 'found' };
		expect(phoneFinderJob.resultRowReferences(bare, answer)).toEqual(['p-1']);
		expect(phoneFinderJob.resultRowReferences({ ...bare, index: 1 }, answer)).toEqual([]);
		// Its own custom, when echoed, wins.
		const echoed = { ...bare, custom: bulkRowCustom('r0', ['p-9']) };
		expect(phoneFinderJob.resultRowReferences(echoed, answer)).toEqual(['p-9']);
	});

	it('a result read back gives one item per reference', () => {
		expect(oncePerReference({ email: 'a' }, [])).toEqual([{ email: 'a' }]);
		expect(oncePerReference({ email: 'a' }, ['x', 'y'])).toEqual([
			{ email: 'a', rowReference: 'x' },
			{ email: 'a', rowReference: 'y' },
		]);
	});

	it("the kinds' request bodies carry them where Enrow's docs put custom", () => {
		const rows = [
			{
				ref: 'r0',
				fields: { fullname: 'Dwight Schrute', companyDomain: 'd.com' },
				references: ['crm-1'],
			},
		];
		expect(emailFinderJob.bulkBody(rows, {})).toEqual({
			searches: [
				{
					fullname: 'Dwight Schrute',
					company_domain: 'd.com',
					custom: '{"row":"r0","rowReferences":["crm-1"]}',
				},
			],
		});
		expect(emailFinderJob.singleBody(rows[0].fields, {}, ['crm-1'])).toEqual({
			fullname: 'Dwight Schrute',
			company_domain: 'd.com',
			custom: { rowReferences: ['crm-1'] },
		});
		expect(emailFinderJob.singleBody(rows[0].fields, {}, [])).not.toHaveProperty('custom');
		// Phone: custom is a string (the older docs), on single jobs too.
		expect(
			phoneFinderJob.singleBody({ linkedinUrl: 'https://linkedin.com/in/x' }, {}, ['crm-2']),
		).toEqual({
			linkedin_url: 'https://linkedin.com/in/x',
			custom: '{"rowReferences":["crm-2"]}',
		});
		expect(
			emailVerifierJob.bulkBody(
				[
					{ ref: 'pam@x.com', fields: { email: 'Pam@x.com' }, references: ['crm-3'] },
					{ ref: 'jim@x.com', fields: { email: 'jim@x.com' }, references: [] },
				],
				{},
			),
		).toEqual({
			verifications: ['Pam@x.com', 'jim@x.com'],
			custom: { rowReferences: { 'pam@x.com': ['crm-3'] } },
		});
	});
});

describe('planJobs and row references', () => {
	const person = (fullname: string) => ({ fullname, companyDomain: 'd.com' });
	const input = (itemIndex: number, fullname: string, rowReference?: string) => ({
		itemIndex,
		input: { fields: person(fullname), settings: {} },
		rowReference,
	});
	const rules = {
		jobType: 'bulk' as const,
		bulkLimit: 5000,
		dedupeKey: (fields: { fullname: string }) => fields.fullname.toLowerCase(),
		deduplicate: true,
	};

	it('duplicates share one row that carries each of their references once, in input order', () => {
		const [job] = planJobs(
			[
				input(0, 'Dwight', 'crm-1'),
				input(1, 'Jim'),
				input(2, 'dwight', 'crm-2'),
				input(3, 'DWIGHT', 'crm-1'),
			],
			rules,
		);
		expect(job.rows.map((row) => [row.ref, row.references])).toEqual([
			['r0', ['crm-1', 'crm-2']],
			['r1', []],
		]);
		expect(job.itemsByRef.get('r0')).toEqual([0, 2, 3]);
	});

	it('with Deduplicate off, each item is its own row with its own reference', () => {
		const [job] = planJobs([input(0, 'Dwight', 'crm-1'), input(1, 'Dwight', 'crm-2')], {
			...rules,
			deduplicate: false,
		});
		expect(job.rows.map((row) => row.references)).toEqual([['crm-1'], ['crm-2']]);
	});

	it("a single job has its item's reference", () => {
		const jobs = planJobs([input(0, 'Dwight', 'crm-1'), input(1, 'Jim')], {
			...rules,
			jobType: 'single',
		});
		expect(jobs.map((job) => job.rows[0].references)).toEqual([['crm-1'], []]);
	});
});

describe('fastItemParameters reads one option of a collection by expression', () => {
	it('reads `options.rowReference` from each item, and the other options once', () => {
		const resolved: string[] = [];
		const params = fastItemParameters({
			getNode: () =>
				({
					parameters: {
						options: {
							rowReference: '={{ $json.crmId }}',
							countryCode: 'FR',
							other: '={{ 1 + 1 }}',
						},
					},
				}) as unknown as INode,
			items: [{ json: { crmId: 'a' } }, { json: { crmId: 7 } }],
			resolve: (name, itemIndex, fallback) => {
				resolved.push(`${name}@${itemIndex}`);
				return name === 'options.other' ? 2 : name === 'options.countryCode' ? 'FR' : fallback;
			},
		});
		expect(params.getNodeParameter('options.rowReference', 0, '')).toBe('a');
		expect(params.getNodeParameter('options.rowReference', 1, '')).toBe(7);
		expect(params.getNodeParameter('options', 1, {})).toEqual({
			rowReference: 7,
			countryCode: 'FR',
			other: 2,
		});
		expect(params.getNodeParameter('options', 0, {})).toEqual({
			rowReference: 'a',
			countryCode: 'FR',
			other: 2,
		});
		// The constant option was resolved once; only the real expression per item.
		expect(resolved.sort()).toEqual([
			'options.countryCode@0',
			'options.other@0',
			'options.other@1',
		]);
		expect(params.getNodeParameter('options.missing', 0, 'fallback')).toBe('fallback');
	});
});
