import { describeItems, planJobs, type PlannedInput } from '../../nodes/Enrow/engine/planJobs';

type Fields = { email: string };

function inputs(emails: string[], settings = {}): Array<PlannedInput<Fields>> {
	return emails.map((email, itemIndex) => ({ itemIndex, input: { fields: { email }, settings } }));
}
const byAddress = (fields: Fields) => fields.email.trim().toLowerCase();
const bulk = (bulkLimit: number, deduplicate: boolean) =>
	({ jobType: 'bulk', dedupeKey: byAddress, bulkLimit, deduplicate }) as const;

describe('planJobs', () => {
	it('plans one single job per item, duplicates included', () => {
		const jobs = planJobs(inputs(['a@x.com', 'a@x.com']), {
			...bulk(5000, true),
			jobType: 'single',
		});
		expect(jobs.map((job) => [job.jobType, job.itemIndexes, job.rows.length])).toEqual([
			['single', [0], 1],
			['single', [1], 1],
		]);
	});

	it('splits 12,000 rows into jobs of at most 5,000 and keeps every item once', () => {
		const emails = Array.from({ length: 12_000 }, (_, i) => `person${i}@example.com`);
		const jobs = planJobs(inputs(emails), bulk(5000, true));
		expect(jobs.map((job) => job.rows.length)).toEqual([5000, 5000, 2000]);
		const items = jobs.flatMap((job) => job.itemIndexes);
		expect(items).toHaveLength(12_000);
		expect(new Set(items).size).toBe(12_000);
	});

	it('sends a duplicate once and points every duplicate at the same row', () => {
		const jobs = planJobs(inputs(['a@x.com', 'b@x.com', 'A@X.com ', 'a@x.com']), bulk(5000, true));
		expect(jobs).toHaveLength(1);
		expect(jobs[0].rows.map((row) => row.fields.email)).toEqual(['a@x.com', 'b@x.com']);
		const refOfA = jobs[0].rows[0].ref;
		expect(jobs[0].itemsByRef.get(refOfA)).toEqual([0, 2, 3]);
		expect(jobs[0].itemIndexes).toEqual([0, 1, 2, 3]);
	});

	it('does not count duplicates against the per-job limit', () => {
		const emails = [
			...Array.from({ length: 5000 }, (_, i) => `p${i}@x.com`),
			'p0@x.com',
			'p1@x.com',
		];
		const jobs = planJobs(inputs(emails), bulk(5000, true));
		expect(jobs).toHaveLength(1);
		expect(jobs[0].itemsByRef.get(jobs[0].rows[0].ref)).toEqual([0, 5000]);
	});

	it('sends every row when deduplication is off', () => {
		const jobs = planJobs(inputs(['a@x.com', 'a@x.com']), bulk(5000, false));
		expect(jobs[0].rows).toHaveLength(2);
	});

	it('gives generated references that are unique across jobs', () => {
		const emails = Array.from({ length: 7 }, (_, i) => `p${i}@x.com`);
		const jobs = planJobs(inputs(emails), bulk(3, true));
		const refs = jobs.flatMap((job) => job.rows.map((row) => row.ref));
		expect(new Set(refs).size).toBe(7);
		expect(refs[0]).toBe('r0');
	});

	it('puts rows with different settings in different jobs', () => {
		const planned: Array<PlannedInput<Fields>> = [
			{ itemIndex: 0, input: { fields: { email: 'a@x.com' }, settings: { country_code: 'FR' } } },
			{ itemIndex: 1, input: { fields: { email: 'b@x.com' }, settings: {} } },
			{ itemIndex: 2, input: { fields: { email: 'c@x.com' }, settings: { country_code: 'FR' } } },
		];
		const jobs = planJobs(planned, bulk(5000, true));
		expect(jobs.map((job) => job.itemIndexes)).toEqual([[0, 2], [1]]);
		expect(jobs[0].settings).toEqual({ country_code: 'FR' });
	});

	it('uses the row reference function when given (verifier rows are matched by address)', () => {
		const jobs = planJobs(inputs(['A@x.com']), { ...bulk(5000, true), rowRef: byAddress });
		expect(jobs[0].rows[0].ref).toBe('a@x.com');
	});
});

describe('describeItems', () => {
	it('names one item or a range with its size, 0-based like n8n', () => {
		expect(describeItems([4])).toBe('item 4');
		expect(describeItems([0, 1, 4999])).toBe('items 0–1 and 4,999 (3 items)');
		expect(describeItems([0, 1, 2])).toBe('items 0–2');
		expect(describeItems([0, 2, 4, 6])).toBe('4 items from 0 to 6');
	});
});
