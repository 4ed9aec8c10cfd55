import {
	enrow,
	getJob,
	sleep,
	useFastSimulator,
	waitForBulkDone,
	waitForSingleDone,
} from './helpers';
import { JOBS_STILL_ONGOING_AT_FIRST_READ } from './ongoingJobs';

const sim = useFastSimulator();

describe('POST/GET /email/find/single', () => {
	it('starts a job (200), answers 202 ongoing, then 200 with the result on the clock', async () => {
		sim.configure(JOBS_STILL_ONGOING_AT_FIRST_READ);
		const started = await enrow(sim, 'POST', '/email/find/single', {
			fullname: 'Dwight Schrute',
			company_domain: 'https://www.dundermifflin.com',
			custom: { external_id: 'do4eIF8jF40x!' },
			settings: { retrieve_gender: true, country_code: 'US' },
		});
		expect(started.status).toBe(200);
		expect(started.body).toEqual({
			message: 'Single search operating',
			id: expect.any(String),
			credits_used: 1,
		});
		expect(started.body.id).toMatch(/^[0-9a-f-]{36}$/);

		const ongoing = await getJob(sim, '/email/find/single', started.body.id);
		expect(ongoing).toMatchObject({ status: 202, body: { qualification: 'ongoing' } });

		const done = await waitForSingleDone(sim, '/email/find/single', started.body.id);
		expect(done.body).toEqual({
			email: 'dwight.schrute@dundermifflin.com',
			custom: { external_id: 'do4eIF8jF40x!' },
			info: {
				company_domain: 'dundermifflin.com',
				fullname: 'Dwight Schrute',
				firstname: 'Dwight',
				lastname: 'Schrute',
				gender: expect.stringMatching(/^(female|male)$/),
			},
			qualification: 'valid',
		});
	});

	it('answers "invalid" with a null email, no info, and refunds the credit', async () => {
		const { body } = await enrow(sim, 'POST', '/email/find/single', {
			fullname: 'Nobody Special',
			company_name: 'Acme',
		});
		sim.completeAllJobs();
		const done = await getJob(sim, '/email/find/single', body.id);
		expect(done).toMatchObject({ status: 200, body: { email: null, qualification: 'invalid' } });
		expect(done.body.info).toBeUndefined();
		expect(sim.stats().credits).toEqual({ reserved: 1, refunded: 1, charged: 0 });
	});

	it('validates fullname and company (empty strings count as absent)', async () => {
		expect(
			await enrow(sim, 'POST', '/email/find/single', { company_domain: 'acme.com' }),
		).toMatchObject({
			status: 400,
			body: { message: 'input payload is missing fullname' },
		});
		expect(
			await enrow(sim, 'POST', '/email/find/single', {
				fullname: 'Jim',
				company_domain: '',
				company_name: '',
			}),
		).toMatchObject({
			status: 400,
			body: {
				message:
					'both company_domain and company_name are absent, input payload needs at least one of them',
			},
		});
		expect(sim.stats().jobsCreated).toBe(0);
	});
});

describe('POST/GET /email/find/bulk', () => {
	const searches = [
		{ fullname: 'Dwight Schrute', company_domain: 'dundermifflin.com', custom: 'lead_001' },
		{ fullname: 'Jim Halpert', company_name: 'Dunder Mifflin', custom: { ref: 'lead_002' } },
		{ fullname: 'Ryan Nobody', company_domain: 'dundermifflin.com', custom: 'lead_003' },
		{ fullname: 'Jim Halpert', company_name: 'Dunder Mifflin', custom: 'lead_004' },
	];

	it('201 with the reservation; 200 ongoing with progress; completed with string indexes, shuffled', async () => {
		// 2 s, read at about 1.1 s: halfway, with most of a second to spare on a loaded machine.
		sim.configure({ enrow: { jobDurationMs: { bulkBase: 2000 } } });
		const started = await enrow(sim, 'POST', '/email/find/bulk', {
			searches,
			custom: { campaign: 'q2' },
			settings: { country_code: 'US' },
		});
		expect(started.status).toBe(201);
		expect(started.body).toEqual({
			message: 'Bulk search operating',
			id: expect.any(String),
			credits_used: 4, // duplicates are charged per row
			estimated_duration: 1,
		});

		const ongoing = await getJob(sim, '/email/find/bulk', started.body.id);
		expect(ongoing.status).toBe(200);
		expect(ongoing.body).toEqual({
			general: { id: started.body.id, status: 'ongoing' },
			stats: { finished: expect.any(Number), requested: 4 },
		});
		await sleep(1100);
		const halfway = await getJob(sim, '/email/find/bulk', started.body.id);
		expect(halfway.body.stats.finished).toBeGreaterThanOrEqual(2);
		expect(halfway.body.stats.finished).toBeLessThan(4);

		const done = await waitForBulkDone(sim, '/email/find/bulk', started.body.id, {
			campaign: 'q2',
		});
		expect(done.body.stats).toEqual({
			finished: 4,
			requested: 4,
			valid: 3,
			credits_cost: { initial: 4, refunded: 1, final: 3 },
		});
		const results: any[] = done.body.results;
		expect(results.map((row) => row.index)).not.toEqual(['0', '1', '2', '3']);
		expect(results.map((row) => row.index).sort()).toEqual(['0', '1', '2', '3']);
		const byIndex = Object.fromEntries(results.map((row) => [row.index, row]));
		expect(byIndex['0']).toEqual({
			index: '0',
			qualification: 'valid',
			email: 'dwight.schrute@dundermifflin.com',
			info: {
				domain: 'dundermifflin.com',
				firstname: 'Dwight',
				lastname: 'Schrute',
				companyInfo: { name: 'Dundermifflin' },
			},
			raw_params: { company_domain: 'dundermifflin.com', fullname: 'Dwight Schrute' },
			custom: 'lead_001',
		});
		expect(byIndex['1']).toMatchObject({
			email: 'jim.halpert@dundermifflin.com',
			info: { companyInfo: { name: 'Dunder Mifflin' } },
			raw_params: { company_name: 'Dunder Mifflin', fullname: 'Jim Halpert' },
			custom: { ref: 'lead_002' },
		});
		expect(byIndex['2']).toEqual({
			index: '2',
			qualification: 'invalid',
			email: null,
			raw_params: { company_domain: 'dundermifflin.com', fullname: 'Ryan Nobody' },
			custom: 'lead_003',
		});
		expect(sim.stats().credits).toEqual({ reserved: 4, refunded: 1, charged: 3 });
	});

	it('keeps the submitted order when shuffling is off', async () => {
		sim.configure({ enrow: { shuffleBulkResults: false } });
		const { body } = await enrow(sim, 'POST', '/email/find/bulk', { searches });
		sim.completeAllJobs();
		const done = await getJob(sim, '/email/find/bulk', body.id);
		expect(done.body.results.map((row: any) => row.index)).toEqual(['0', '1', '2', '3']);
		expect(done.body.general.custom).toBeUndefined();
	});

	it('answers 202 while ongoing when configured like the older Enrow docs', async () => {
		sim.configure({ enrow: { findBulkOngoingStatus: 202 } });
		const { body } = await enrow(sim, 'POST', '/email/find/bulk', { searches });
		expect((await getJob(sim, '/email/find/bulk', body.id)).status).toBe(202);
	});

	it.each([
		['no body', undefined, 'Missing payload'],
		['an empty object', {}, 'Missing payload'],
		['an empty searches array', { searches: [] }, 'Missing searches payload'],
		['no searches', { custom: { a: 1 } }, 'Missing searches payload'],
		[
			'5001 searches',
			{ searches: Array.from({ length: 5001 }, () => searches[0]) },
			'Too many searches. Limit is currently at 5000 per batch.',
		],
		[
			'a row without company',
			{ searches: [searches[0], searches[1], { fullname: 'Jim' }, searches[0]] },
			'Missing mandatory property on search n°3 of 4',
		],
		[
			'a row with an empty fullname',
			{ searches: [{ company_domain: 'acme.com', fullname: '' }] },
			'Missing mandatory property on search n°1 of 1',
		],
	])('400 for %s', async (_label, body, message) => {
		const reply = await enrow(sim, 'POST', '/email/find/bulk', body);
		expect(reply).toMatchObject({ status: 400, body: { message } });
	});

	it('accepts exactly 5000 searches', async () => {
		const reply = await enrow(sim, 'POST', '/email/find/bulk', {
			searches: Array.from({ length: 5000 }, (_, i) => ({
				fullname: `Person ${i}`,
				company_domain: 'acme.com',
			})),
		});
		expect(reply).toMatchObject({ status: 201, body: { credits_used: 5000 } });
	});
});
