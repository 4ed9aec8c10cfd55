import { enrow, sleep, useFastSimulator } from './helpers';

const sim = useFastSimulator();

const verify = () => enrow(sim, 'POST', '/email/verify/single', { email: 'pam@dm.com' });

describe('Enrow rate limit: 10 POSTs per second per key', () => {
	it('11 POSTs at once: exactly one 429, not processed', async () => {
		const replies = await Promise.all(Array.from({ length: 11 }, verify));
		const limited = replies.filter((reply) => reply.status === 429);
		expect(limited).toHaveLength(1);
		expect(limited[0].body).toEqual({ message: 'Too Many Requests' });
		expect(limited[0].headers.get('retry-after')).toBeNull();
		expect(limited[0].headers.get('x-ratelimit-reset')).toBeNull();
		const stats = sim.stats();
		expect(stats.jobsCreated).toBe(10);
		expect(stats.maxPostsInAnyOneSecond).toBe(10);
		expect(stats.maxPostsAttemptedInAnyOneSecond).toBe(11);
	});

	it('GETs are never limited', async () => {
		await Promise.all(Array.from({ length: 10 }, verify));
		const gets = await Promise.all(
			Array.from({ length: 30 }, () => enrow(sim, 'GET', '/account/info')),
		);
		expect(gets.every((reply) => reply.status === 200)).toBe(true);
	});

	it('sends Retry-After or X-RateLimit-Reset (integer seconds >= 1) when configured', async () => {
		sim.configure({ enrow: { rateLimitHeader: 'retry-after' } });
		await Promise.all(Array.from({ length: 10 }, verify));
		const first = await verify();
		expect(first.status).toBe(429);
		expect(first.headers.get('retry-after')).toBe('1');

		sim.configure({ enrow: { rateLimitHeader: 'x-ratelimit-reset' } });
		const second = await verify();
		expect(second.headers.get('x-ratelimit-reset')).toBe('1');
		expect(second.headers.get('retry-after')).toBeNull();
	});

	it('the window slides: POSTs are accepted again after a second', async () => {
		await Promise.all(Array.from({ length: 10 }, verify));
		expect((await verify()).status).toBe(429);
		await sleep(1050);
		expect((await verify()).status).toBe(200);
	});

	it('is per key, and configurable', async () => {
		sim.configure({ enrow: { rateLimitPerSecond: 2, apiKeys: { 'second-key': { credits: 10 } } } });
		const replies = await Promise.all([verify(), verify(), verify()]);
		expect(replies.map((reply) => reply.status).sort()).toEqual([200, 200, 429]);
		const other = await enrow(
			sim,
			'POST',
			'/email/verify/single',
			{ email: 'pam@dm.com' },
			'second-key',
		);
		expect(other.status).toBe(200);
	});
});
