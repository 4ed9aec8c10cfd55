import { enrow, getJob, useFastSimulator, waitForBulkDone, waitForSingleDone } from './helpers';
import { JOBS_STILL_ONGOING_AT_FIRST_READ } from './ongoingJobs';

const sim = useFastSimulator();

const MICHAEL = 'https://www.linkedin.com/in/michael-scott/';

describe('POST/GET /phone/single', () => {
	it('201, 202 ongoing with params, then found', async () => {
		sim.configure(JOBS_STILL_ONGOING_AT_FIRST_READ);
		const started = await enrow(sim, 'POST', '/phone/single', {
			linkedin_url: MICHAEL,
			custom: '#u84',
		});
		expect(started.status).toBe(201);
		// 40 per phone found on current plans (newest docs revision), the simulator's default.
		expect(started.body).toEqual({
			credits_used: 40,
			id: expect.any(String),
			message: 'Single search operating',
			credits: { amount: 40, source: 'sub', split: { fromPaygo: 0, fromSub: 40 } },
		});
		expect(await getJob(sim, '/phone/single', started.body.id)).toMatchObject({
			status: 202,
			body: { params: { linkedin_url: MICHAEL }, custom: '#u84', qualification: 'ongoing' },
		});
		const done = await waitForSingleDone(sim, '/phone/single', started.body.id);
		expect(done.body).toEqual({
			params: { linkedin_url: MICHAEL },
			custom: '#u84',
			number: expect.stringMatching(/^\+1570555\d{4}$/),
			country: 'US',
			qualification: 'found',
		});
	});

	it('not_found has no number or country and is refunded; cost follows phoneCost (50: legacy plans)', async () => {
		sim.configure({ enrow: { phoneCost: 50 } });
		const started = await enrow(sim, 'POST', '/phone/single', {
			firstname: 'Nobody',
			lastname: 'Home',
			company_domain: 'dundermifflin.com',
		});
		expect(started.body.credits_used).toBe(50);
		sim.completeAllJobs();
		const done = await getJob(sim, '/phone/single', started.body.id);
		expect(done.body).toEqual({
			params: { firstname: 'Nobody', lastname: 'Home', company_domain: 'dundermifflin.com' },
			qualification: 'not_found',
		});
		expect(sim.stats().credits).toEqual({ reserved: 50, refunded: 50, charged: 0 });
	});

	it('400 for a bad linkedin_url, and for a search with neither option complete', async () => {
		expect(
			await enrow(sim, 'POST', '/phone/single', { linkedin_url: 'https://linkedin.com/company/x' }),
		).toMatchObject({ status: 400, body: { message: 'Invalid linkedin_url' } });
		const incomplete = await enrow(sim, 'POST', '/phone/single', {
			firstname: 'Jim',
			lastname: 'Halpert',
		});
		expect(incomplete.status).toBe(400);
		expect(incomplete.body.message).toContain('linkedin_url');
	});

	it('refuses the older first_name / last_name: the API reads firstname / lastname', async () => {
		const older = await enrow(sim, 'POST', '/phone/single', {
			first_name: 'Jim',
			last_name: 'Halpert',
			company_name: 'Dunder Mifflin',
		});
		expect(older.status).toBe(400);
		expect(older.body.message).toMatch(/firstname, lastname/);
		expect(sim.stats().jobs).toHaveLength(0);
		const current = await enrow(sim, 'POST', '/phone/single', {
			firstname: 'Jim',
			lastname: 'Halpert',
			company_name: 'Dunder Mifflin',
		});
		expect(current.status).toBe(201);
	});
});

describe('POST/GET /phone/bulk', () => {
	const searches = [
		{ linkedin_url: MICHAEL, custom: 'row-0' },
		{
			firstname: 'Jim',
			lastname: 'Halpert',
			company_domain: 'dundermifflin.com',
			custom: 'row-1',
		},
		{ firstname: 'Pam', lastname: 'Beesly', company_name: 'Dunder Mifflin' },
		{ linkedin_url: 'https://www.linkedin.com/in/nophone-toby/', custom: 'row-3' },
	];

	it('201, 200 ongoing, then results with INTEGER indexes and the stats of the newest Enrow docs revision', async () => {
		sim.configure(JOBS_STILL_ONGOING_AT_FIRST_READ);
		const started = await enrow(sim, 'POST', '/phone/bulk', { searches, custom: { batch: 1 } });
		expect(started.status).toBe(201);
		expect(started.body).toEqual({
			credits_used: 160,
			estimated_duration: 1,
			id: expect.any(String),
			message: 'Bulk search operating',
		});
		const ongoing = await getJob(sim, '/phone/bulk', started.body.id);
		expect(ongoing).toMatchObject({
			status: 200,
			body: { general: { status: 'ongoing' }, stats: { requested: 4 } },
		});
		const done = await waitForBulkDone(sim, '/phone/bulk', started.body.id, { batch: 1 });
		expect(done.body.stats).toEqual({
			credits_cost: 120,
			credits_to_refund: 40,
			found: 3,
			requested: 4,
		});
		const results: any[] = done.body.results;
		expect(results.map((row) => row.index)).not.toEqual([0, 1, 2, 3]);
		expect(results.map((row) => row.index).sort()).toEqual([0, 1, 2, 3]);
		const at = (index: number) => results.find((row) => row.index === index);
		expect(at(0)).toEqual({
			country: 'US',
			index: 0,
			number: expect.stringMatching(/^\+1570555\d{4}$/),
			params: { linkedin_url: MICHAEL },
			qualification: 'found',
			custom: 'row-0',
		});
		expect(at(2)).toMatchObject({
			params: { firstname: 'Pam', lastname: 'Beesly', company_name: 'Dunder Mifflin' },
			qualification: 'found',
		});
		expect(at(2).custom).toBeUndefined();
		expect(at(3)).toEqual({
			index: 3,
			params: { linkedin_url: 'https://www.linkedin.com/in/nophone-toby/' },
			qualification: 'not_found',
			custom: 'row-3',
		});
	});

	it('limit 3000 by default (newest Enrow docs revision), configurable to 5000 (older Enrow docs)', async () => {
		const many = (count: number) => ({
			searches: Array.from({ length: count }, () => searches[0]),
		});
		expect(await enrow(sim, 'POST', '/phone/bulk', many(3001))).toMatchObject({
			status: 400,
			body: { message: 'Too many searches. Limit is currently at 3000 per batch.' },
		});
		sim.configure({ enrow: { phoneBulkLimit: 5000 } });
		expect((await enrow(sim, 'POST', '/phone/bulk', many(3001))).status).toBe(201);
	});

	it.each([
		['no body', undefined, 'Missing payload'],
		['no searches', { custom: { a: 1 } }, 'At least 1 phone search must be present in the payload'],
		['an empty list', { searches: [] }, 'At least 1 phone search must be present in the payload'],
		['a bad linkedin_url', { searches: [{ linkedin_url: 'nope' }] }, 'Invalid linkedin_url'],
		[
			'an incomplete row',
			{ searches: [searches[0], { firstname: 'Jim' }] },
			'Missing mandatory property on search n°2 of 2',
		],
		[
			'a row with the older first_name / last_name',
			{
				searches: [
					searches[0],
					{ first_name: 'Jim', last_name: 'Halpert', company_domain: 'dundermifflin.com' },
				],
			},
			'Missing mandatory property on search n°2 of 2',
		],
	])('400 for %s', async (_label, body, message) => {
		expect(await enrow(sim, 'POST', '/phone/bulk', body)).toMatchObject({
			status: 400,
			body: { message },
		});
	});
});
