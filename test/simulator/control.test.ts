import type { SimulatorStats } from '../../simulator';
import { control, enrow, getJob, useFastSimulator } from './helpers';

const sim = useFastSimulator();

describe('control API (/__sim/...)', () => {
	// Jobs that cannot finish on their own while a test looks at them, however slow the machine.
	beforeEach(() => sim.configure({ enrow: { jobDurationMs: { bulkBase: 60_000 } } }));

	it('GET /__sim/stats returns the same snapshot as stats(), without recording itself', async () => {
		await enrow(sim, 'POST', '/email/verify/bulk', { verifications: ['a@dm.com', 'b@dm.com'] });
		await enrow(sim, 'GET', '/account/info');
		const { status, body } = await control<SimulatorStats>(sim, 'GET', 'stats');
		expect(status).toBe(200);
		expect(body).toEqual(sim.stats());
		expect(body.requestsByRoute).toEqual({ 'POST /email/verify/bulk': 1, 'GET /account/info': 1 });
		expect(body.posts).toBe(1);
		expect(body.gets).toBe(1);
		expect(body.requests[0]).toMatchObject({
			method: 'POST',
			path: '/email/verify/bulk',
			query: {},
			body: { verifications: ['a@dm.com', 'b@dm.com'] },
			status: 201,
			apiKeyPresent: true,
		});
		expect(body.jobs).toEqual([
			{
				id: expect.any(String),
				kind: 'verifyBulk',
				rows: 2,
				createdAt: expect.any(Number),
				completesAt: expect.any(Number),
				status: 'ongoing',
				webhook: null,
			},
		]);
		expect(body.jobsCreated).toBe(1);
	});

	it('POST /__sim/config merges, POST /__sim/faults queues, POST /__sim/reset clears', async () => {
		expect((await control(sim, 'POST', 'config', { enrow: { phoneCost: 40 } })).body).toEqual({
			ok: true,
		});
		const phone = await enrow(sim, 'POST', '/phone/single', {
			linkedin_url: 'https://linkedin.com/in/x',
		});
		expect(phone.body.credits_used).toBe(40);
		expect((await control(sim, 'POST', 'faults', { type: 'status', status: 418 })).status).toBe(
			200,
		);
		expect((await enrow(sim, 'GET', '/account/info')).status).toBe(418);
		expect((await control(sim, 'POST', 'faults', { type: 'nope' })).status).toBe(400);
		expect((await control(sim, 'POST', 'reset')).body).toEqual({ ok: true });
		expect(sim.stats().requests).toEqual([]);
		expect((await enrow(sim, 'GET', '/account/info')).body.credits).toBe(1_000_000);
	});

	it('POST /__sim/complete-jobs finishes ongoing jobs; GET /__sim/jobs/:id shows rows and results', async () => {
		const { body } = await enrow(sim, 'POST', '/email/find/bulk', {
			searches: [{ fullname: 'Jim Halpert', company_domain: 'dm.com', custom: 'r1' }],
		});
		expect((await control(sim, 'POST', 'complete-jobs')).body).toEqual({ ok: true, completed: 1 });
		expect((await getJob(sim, '/email/find/bulk', body.id)).body.general.status).toBe('completed');
		const job = await control(sim, 'GET', `jobs/${body.id}`);
		expect(job.status).toBe(200);
		expect(job.body).toMatchObject({
			id: body.id,
			kind: 'findBulk',
			status: 'completed',
			rows: 1,
			input: [{ fullname: 'Jim Halpert', company_domain: 'dm.com', custom: 'r1' }],
			results: [{ email: 'jim.halpert@dm.com', found: true, custom: 'r1' }],
		});
		expect(job.body.apiKey).toBeUndefined();
		expect((await control(sim, 'GET', 'jobs/unknown')).status).toBe(404);
		expect((await control(sim, 'GET', 'nothing-here')).status).toBe(404);
	});
});
