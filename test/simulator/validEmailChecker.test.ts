import { buildConfig } from '../../simulator/config';
import { useFastSimulator, vec, VEC_KEY, vecInTurn } from './helpers';

const sim = useFastSimulator();

const FIELDS = [
	'credits_used',
	'deliverability',
	'domain',
	'email',
	'is_catch_all',
	'is_disposable',
	'is_free_email',
	'is_role_account',
	'is_valid',
	'mx_found',
	'reason',
	'risk_score',
	'status',
	'verified_at',
];

describe('ValidEmailChecker POST /api/verify-single', () => {
	it.each([
		['jim.halpert@dundermifflin.com', 'safe', true],
		['risky.lead@dundermifflin.com', 'risky', true],
		['someone.catchall@dundermifflin.com', 'catch_all', true],
		['anyone@catchall.example.com', 'catch_all', true],
		['support@validemailchecker.com', 'role_account', true],
		['full.box@dundermifflin.com', 'inbox_full', false],
		['unknown.person@dundermifflin.com', 'unknown', false],
		['invalid.person@dundermifflin.com', 'invalid', false],
		['bounce@dundermifflin.com', 'invalid', false],
		['anyone@mailinator.com', 'disposable', false],
		['disabled.account@dundermifflin.com', 'disabled', false],
		['spamtrap@dundermifflin.com', 'spamtrap', false],
		['trap.door@dundermifflin.com', 'spamtrap', false],
	])('%s -> %s', async (email, status, isValid) => {
		const reply = await vec(sim, { email });
		expect(reply.status).toBe(200);
		expect(Object.keys(reply.body).sort()).toEqual(FIELDS);
		expect(reply.body).toMatchObject({ email, status, is_valid: isValid });
		expect(Number.isInteger(reply.body.risk_score)).toBe(true);
		expect(reply.body.risk_score).toBeGreaterThanOrEqual(0);
		expect(reply.body.risk_score).toBeLessThanOrEqual(100);
		expect(['high', 'medium', 'low', 'unknown']).toContain(reply.body.deliverability);
		expect(new Date(reply.body.verified_at).toISOString()).toBe(reply.body.verified_at);
		expect(reply.body.credits_used).toBe(status === 'unknown' ? 0 : 1);
	});

	it('flags free, disposable and role addresses; bad syntax is invalid without MX', async () => {
		expect((await vec(sim, { email: 'pam@gmail.com' })).body).toMatchObject({
			status: 'safe',
			is_free_email: true,
			domain: 'gmail.com',
			mx_found: true,
		});
		expect((await vec(sim, { email: 'info@mailinator.com' })).body).toMatchObject({
			status: 'disposable',
			is_disposable: true,
			is_role_account: true,
		});
		expect((await vec(sim, { email: 'pam@localhost' })).body).toMatchObject({
			status: 'invalid',
			mx_found: false,
		});
	});

	it('charges 1 credit per verification and refunds unknown; 402 has the documented body', async () => {
		sim.configure({ vec: { apiKeys: { [VEC_KEY]: { credits: 3 } } } });
		const broke = await vecInTurn(
			sim,
			'a@dm.com',
			'unknown@dm.com',
			'b@dm.com',
			'c@dm.com',
			'd@dm.com',
		);
		expect(broke.status).toBe(402);
		expect(broke.body).toEqual({
			error: 'Insufficient credits',
			current_balance: 0,
			message: 'Please purchase more credits to continue',
		});
		expect(sim.stats().vec).toMatchObject({ calls: 5, creditsCharged: 3, refunded: 1 });
	});

	it('401: the documented texts for a missing or malformed header and for an unknown key', async () => {
		const missing = 'Missing or invalid Authorization header. Use: Authorization: Bearer VEC...';
		for (const auth of [
			null,
			`Basic ${VEC_KEY}`,
			`Bearer  ${VEC_KEY}`,
			`bearer ${VEC_KEY}`,
			'Bearer ',
		]) {
			const reply = await vec(sim, { email: 'a@dm.com' }, auth);
			expect(reply).toMatchObject({ status: 401, body: { error: missing } });
		}
		const unknown = await vec(sim, { email: 'a@dm.com' }, 'Bearer VECnotarealkey');
		expect(unknown).toMatchObject({ status: 401, body: { error: 'Invalid or inactive API key' } });
		expect(sim.stats().vec.creditsCharged).toBe(0);
	});

	it('403: a suspended key (with its reason) and a blocked IP ("Access denied")', async () => {
		sim.configure({
			vec: {
				apiKeys: {
					'disabled-key': { credits: 10, suspended: true },
					'abusive-key': { credits: 10, suspended: 'Excessive rate-limit violations' },
				},
			},
		});
		expect(await vec(sim, { email: 'a@dm.com' }, 'Bearer disabled-key')).toMatchObject({
			status: 403,
			body: { error: 'API key is suspended', reason: 'This API key has been suspended' },
		});
		expect(await vec(sim, { email: 'a@dm.com' }, 'Bearer abusive-key')).toMatchObject({
			status: 403,
			body: { error: 'API key is suspended', reason: 'Excessive rate-limit violations' },
		});
		sim.configure({ vec: { blockedIps: ['127.0.0.1'] } });
		const blocked = await vec(sim, { email: 'a@dm.com' });
		expect(blocked).toMatchObject({ status: 403, body: { error: 'Access denied' } });
	});

	it('400 "Email is required" for a missing, empty or unreadable body, spending nothing', async () => {
		for (const body of [{}, { email: '   ' }, '{"email":']) {
			expect(await vec(sim, body)).toMatchObject({
				status: 400,
				body: { error: 'Email is required' },
			});
		}
		expect(sim.stats().vec.creditsCharged).toBe(0);
	});

	it('documented limits by default: 60 in any rolling minute, 10,000 a day', () => {
		expect(buildConfig().vec).toMatchObject({ perMinuteLimit: 60, perDayLimit: 10_000 });
	});

	it('every answer to a known key carries the three limit headers, counting down', async () => {
		sim.configure({ vec: { perMinuteLimit: 60, perDayLimit: 10_000 } });
		const first = await vec(sim, { email: 'a@dm.com' });
		const second = await vec(sim, {});
		const third = await vec(sim, { email: 'b@dm.com' });
		const limits = (reply: typeof first) =>
			['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-dailylimit-remaining'].map((name) =>
				reply.headers.get(name),
			);
		expect(limits(first)).toEqual(['60', '59', '9999']);
		expect(second.status).toBe(400);
		expect(limits(second)).toEqual(['60', '58', '9998']);
		expect(limits(third)).toEqual(['60', '57', '9997']);
	});

	it('429 per minute: the documented body, Retry-After and X-RateLimit-Reset until the window frees', async () => {
		sim.configure({ vec: { perMinuteLimit: 2 } });
		const started = Date.now();
		const limited = await vecInTurn(sim, 'a@dm.com', 'b@dm.com', 'c@dm.com');
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({
			error: 'Rate limit exceeded',
			limit: 2,
			window: '1 minute',
			current: 3,
			retry_after_seconds: expect.any(Number),
		});
		const retryAfter = Number(limited.headers.get('retry-after'));
		expect(limited.body.retry_after_seconds).toBe(retryAfter);
		expect(retryAfter).toBeGreaterThanOrEqual(59);
		expect(retryAfter).toBeLessThanOrEqual(60);
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		const reset = Number(limited.headers.get('x-ratelimit-reset')) * 1000;
		expect(reset).toBeGreaterThanOrEqual(started + 59_000);
		expect(reset).toBeLessThanOrEqual(Date.now() + 61_000);
		expect(sim.stats().vec).toMatchObject({
			creditsCharged: 2,
			rateLimited: { perMinute: 1, perDay: 0 },
			maxCallsInAnyMinute: 2,
		});
	});

	it('429 per day: the documented body with resets_at, no Retry-After', async () => {
		sim.configure({ vec: { perDayLimit: 1 } });
		const limited = await vecInTurn(sim, 'a@dm.com', 'b@dm.com');
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({
			error: 'Daily limit exceeded',
			limit: 1,
			current: 2,
			resets_at: 'midnight UTC',
		});
		expect(limited.headers.get('retry-after')).toBeNull();
		expect(limited.headers.get('x-dailylimit-remaining')).toBe('0');
		expect(sim.stats().vec.rateLimited).toEqual({ perMinute: 0, perDay: 1 });
	});

	it('the 10,001st request of a UTC day is refused (callsToday presets the count)', async () => {
		sim.configure({ vec: { apiKeys: { 'busy-key': { credits: 100, callsToday: 9_999 } } } });
		const last = await vec(sim, { email: 'a@dm.com' }, 'Bearer busy-key');
		expect(last.status).toBe(200);
		expect(last.headers.get('x-dailylimit-remaining')).toBe('0');
		const refused = await vec(sim, { email: 'b@dm.com' }, 'Bearer busy-key');
		expect(refused).toMatchObject({
			status: 429,
			body: { error: 'Daily limit exceeded', limit: 10_000, current: 10_001 },
		});
	});

	it('keys of one account share its limits', async () => {
		sim.configure({
			vec: {
				perMinuteLimit: 3,
				apiKeys: {
					'prod-key': { credits: 10, account: 'acme' },
					'staging-key': { credits: 10, account: 'acme' },
				},
			},
		});
		await vec(sim, { email: 'a@dm.com' }, 'Bearer prod-key');
		await vec(sim, { email: 'b@dm.com' }, 'Bearer prod-key');
		const staging = await vec(sim, { email: 'c@dm.com' }, 'Bearer staging-key');
		expect(staging.headers.get('x-ratelimit-remaining')).toBe('0');
		expect((await vec(sim, { email: 'd@dm.com' }, 'Bearer prod-key')).status).toBe(429);
		// Another account is not affected.
		expect((await vec(sim, { email: 'e@dm.com' })).status).toBe(200);
	});

	it('a sustained wall of 429s gets the IP blocked: 403 "Access denied" until reset', async () => {
		sim.configure({ vec: { perMinuteLimit: 1, ipBlockAfterRefusals: 5 } });
		expect((await vec(sim, { email: 'a@dm.com' })).status).toBe(200);
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) statuses.push((await vec(sim, { email: 'a@dm.com' })).status);
		expect(statuses).toEqual([429, 429, 429, 429, 429, 403, 403]);
		expect((await vec(sim, { email: 'a@dm.com' })).body).toEqual({ error: 'Access denied' });
		expect(sim.stats().vec.blockedIps).toEqual(['127.0.0.1']);
		sim.reset();
		expect((await vec(sim, { email: 'a@dm.com' })).status).toBe(200);
	});

	it('waits a latency in [min, max] and tracks the in-flight high-water mark', async () => {
		sim.configure({ vec: { latencyMs: { min: 200, max: 300 } } });
		const started = Date.now();
		const replies = await Promise.all(
			Array.from({ length: 5 }, (_, i) => vec(sim, { email: `p${i}@dm.com` })),
		);
		const elapsed = Date.now() - started;
		expect(replies.every((reply) => reply.status === 200)).toBe(true);
		expect(elapsed).toBeGreaterThanOrEqual(195);
		expect(elapsed).toBeLessThan(1000);
		expect(sim.stats().vec.maxConcurrent).toBe(5);
	});
});
