import { enrow, getJob, useFastSimulator, vec } from './helpers';

const sim = useFastSimulator();

const VERIFY = '/email/verify/single';
const verify = () => enrow(sim, 'POST', VERIFY, { email: 'pam@dm.com' });

describe('fault rules', () => {
	it('status: answers the given status and body without processing, `times` times, matching method and path', async () => {
		sim.addFault({
			match: { method: 'POST', path: VERIFY },
			times: 2,
			type: 'status',
			status: 503,
			body: { message: 'Service Unavailable' },
			headers: { 'X-Test': 'yes' },
		});
		expect((await enrow(sim, 'GET', '/account/info')).status).toBe(200); // not matched
		const first = await verify();
		expect(first).toMatchObject({ status: 503, body: { message: 'Service Unavailable' } });
		expect(first.headers.get('x-test')).toBe('yes');
		expect((await verify()).status).toBe(503);
		expect((await verify()).status).toBe(200);
		expect(sim.stats().jobsCreated).toBe(1);
		expect(sim.stats().requests.map((request) => request.status)).toEqual([200, 503, 503, 200]);
	});

	it('status with a string body sends it as text; a rule without match applies to anything', async () => {
		sim.addFault({ type: 'status', status: 500, body: 'boom' });
		const reply = await enrow(sim, 'GET', '/account/info');
		expect(reply.status).toBe(500);
		expect(reply.text).toBe('boom');
	});

	it('rateLimit: a 429 like the limiter, honouring rateLimitHeader or the rule headers', async () => {
		sim.configure({ enrow: { rateLimitHeader: 'x-ratelimit-reset' } });
		sim.addFault({ match: { path: VERIFY }, type: 'rateLimit' });
		const limited = await verify();
		expect(limited).toMatchObject({ status: 429, body: { message: 'Too Many Requests' } });
		expect(limited.headers.get('x-ratelimit-reset')).toBe('1');
		sim.addFault({ type: 'rateLimit', headers: { 'Retry-After': '7' } });
		expect((await verify()).headers.get('retry-after')).toBe('7');
		expect(sim.stats().jobsCreated).toBe(0);
	});

	it('latency: waits, then processes normally', async () => {
		sim.addFault({ type: 'latency', ms: 300 });
		const started = Date.now();
		const reply = await verify();
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(reply.status).toBe(200);
		expect(sim.stats().jobsCreated).toBe(1);
	});

	it('dropAfterProcessing: job created and charged, connection closed without an answer', async () => {
		sim.addFault({ match: { method: 'POST' }, type: 'dropAfterProcessing' });
		await expect(verify()).rejects.toThrow();
		const stats = sim.stats();
		expect(stats.jobsCreated).toBe(1);
		expect(stats.credits.reserved).toBe(0.25);
		expect(stats.requests[0].status).toBe(0);
	});

	it('dropBeforeProcessing: connection closed, nothing processed', async () => {
		sim.addFault({ type: 'dropBeforeProcessing' });
		await expect(verify()).rejects.toThrow();
		expect(sim.stats().jobsCreated).toBe(0);
		expect((await verify()).status).toBe(200);
	});

	it('malformedJson: 200 with a truncated JSON body, nothing processed', async () => {
		sim.addFault({ type: 'malformedJson' });
		const reply = await verify();
		expect(reply.status).toBe(200);
		expect(reply.headers.get('content-type')).toContain('application/json');
		expect(() => JSON.parse(reply.text)).toThrow();
		expect(sim.stats().jobsCreated).toBe(0);
	});

	it('html: an HTML error page (502 by default), nothing processed', async () => {
		sim.addFault({ type: 'html' });
		sim.addFault({ type: 'html', status: 504 });
		const first = await verify();
		expect(first.status).toBe(502);
		expect(first.headers.get('content-type')).toContain('text/html');
		expect(first.text).toContain('<html>');
		expect((await verify()).status).toBe(504);
		expect(sim.stats().jobsCreated).toBe(0);
	});

	it('jobFailed (bulk): the next job created ends "failed" with no results, credits refunded', async () => {
		sim.addFault({ match: { path: '/email/find/bulk' }, type: 'jobFailed' });
		// A refused POST creates no job, so it does not use the rule up.
		expect((await enrow(sim, 'POST', '/email/find/bulk', {})).status).toBe(400);
		const { body } = await enrow(sim, 'POST', '/email/find/bulk', {
			searches: [{ fullname: 'Jim Halpert', company_domain: 'dm.com' }],
		});
		sim.completeAllJobs();
		const failed = await getJob(sim, '/email/find/bulk', body.id);
		expect(failed.status).toBe(200);
		expect(failed.body.general).toEqual({ id: body.id, status: 'failed' });
		expect(failed.body.results).toBeUndefined();
		expect(failed.body.stats).toMatchObject({ requested: 1 });
		expect(sim.stats().credits).toEqual({ reserved: 1, refunded: 1, charged: 0 });
		expect(sim.stats().jobs[0].status).toBe('failed');

		for (const [path, post] of [
			['/email/verify/bulk', { verifications: ['a@b.com'] }],
			['/phone/bulk', { searches: [{ linkedin_url: 'https://linkedin.com/in/x' }] }],
		] as const) {
			sim.addFault({ type: 'jobFailed' });
			const started = await enrow(sim, 'POST', path, post);
			sim.completeAllJobs();
			expect((await getJob(sim, path, started.body.id)).body.general.status).toBe('failed');
		}
	});

	it('jobFailed (single): the GET answers 500 "Could not retrieve single search results"', async () => {
		sim.addFault({ match: { method: 'POST', path: '/email/find/single' }, type: 'jobFailed' });
		const { body } = await enrow(sim, 'POST', '/email/find/single', {
			fullname: 'Jim H',
			company_name: 'DM',
		});
		sim.completeAllJobs();
		expect(await getJob(sim, '/email/find/single', body.id)).toMatchObject({
			status: 500,
			body: { message: 'Could not retrieve single search results' },
		});
		const next = await enrow(sim, 'POST', '/email/find/single', {
			fullname: 'Jim H',
			company_name: 'DM',
		});
		sim.completeAllJobs();
		expect((await getJob(sim, '/email/find/single', next.body.id)).status).toBe(200);
	});

	it('faults apply to ValidEmailChecker too', async () => {
		sim.addFault({
			match: { path: '/api/verify-single' },
			type: 'status',
			status: 500,
			body: { error: 'internal' },
		});
		expect(await vec(sim, { email: 'a@b.com' })).toMatchObject({
			status: 500,
			body: { error: 'internal' },
		});
		sim.addFault({ match: { path: '/api/verify-single' }, type: 'rateLimit' });
		const limited = await vec(sim, { email: 'a@b.com' });
		expect(limited).toMatchObject({
			status: 429,
			body: { error: 'Rate limit exceeded', retry_after_seconds: 1 },
		});
		expect(limited.headers.get('retry-after')).toBe('1');
		// A fault's 429 is not the limiter's: it counts toward no IP block.
		expect(sim.stats().vec.rateLimited).toEqual({ perMinute: 0, perDay: 0 });
		expect(sim.stats().vec.creditsCharged).toBe(0);
	});

	it('reset() clears queued faults', async () => {
		sim.addFault({ type: 'status', status: 500 });
		sim.reset();
		expect((await verify()).status).toBe(200);
	});
});
