import type { Simulator } from '../../simulator';
import { VEC_KEY, resetSimulator, startFastSimulator, vec } from './helpers';

let sim: Simulator;
beforeAll(async () => {
	sim = await startFastSimulator();
});
afterAll(() => sim.close());
beforeEach(() => resetSimulator(sim));

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

	it('charges 1 credit per verification and refunds unknown', async () => {
		sim.configure({ vec: { apiKeys: { [VEC_KEY]: { credits: 3 } } } });
		await vec(sim, { email: 'a@dm.com' });
		await vec(sim, { email: 'unknown@dm.com' });
		await vec(sim, { email: 'b@dm.com' });
		await vec(sim, { email: 'c@dm.com' });
		const broke = await vec(sim, { email: 'd@dm.com' });
		expect(broke.status).toBe(402);
		expect(broke.body).toEqual({ error: 'insufficient_credits', message: 'Insufficient credits' });
		expect(sim.stats().vec).toMatchObject({ calls: 5, creditsCharged: 3, refunded: 1 });
	});

	it('401 without Authorization, with a non-Bearer header, or with an unknown key', async () => {
		for (const auth of [null, `Basic ${VEC_KEY}`, 'Bearer not-a-key', 'Bearer ']) {
			const reply = await vec(sim, { email: 'a@dm.com' }, auth);
			expect(reply.status).toBe(401);
			expect(reply.body).toEqual({ error: expect.any(String), message: expect.any(String) });
		}
		expect(sim.stats().vec.creditsCharged).toBe(0);
	});

	it('403 for a suspended key, and for a blocked IP (the message says which)', async () => {
		sim.configure({ vec: { apiKeys: { 'suspended-key': { credits: 10, suspended: true } } } });
		const suspended = await vec(sim, { email: 'a@dm.com' }, 'Bearer suspended-key');
		expect(suspended).toMatchObject({ status: 403, body: { error: 'key_suspended' } });
		expect(suspended.body.message).toMatch(/suspended/i);
		sim.configure({ vec: { blockedIps: ['127.0.0.1'] } });
		const blocked = await vec(sim, { email: 'a@dm.com' });
		expect(blocked).toMatchObject({ status: 403, body: { error: 'ip_blocked' } });
		expect(blocked.body.message).toMatch(/IP blocked/);
	});

	it('400 for a missing or empty email, spending nothing', async () => {
		expect((await vec(sim, {})).status).toBe(400);
		expect((await vec(sim, { email: '   ' })).status).toBe(400);
		expect((await vec(sim, '{"email":')).status).toBe(400);
		expect(sim.stats().vec.creditsCharged).toBe(0);
	});

	it('429 per minute with Retry-After until the window frees', async () => {
		sim.configure({ vec: { perMinuteLimit: 2 } });
		await vec(sim, { email: 'a@dm.com' });
		await vec(sim, { email: 'b@dm.com' });
		const limited = await vec(sim, { email: 'c@dm.com' });
		expect(limited.status).toBe(429);
		expect(limited.body.message).toBe('Rate limit exceeded (per-minute)');
		const retryAfter = Number(limited.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThanOrEqual(59);
		expect(retryAfter).toBeLessThanOrEqual(60);
		expect(sim.stats().vec.creditsCharged).toBe(2);
	});

	it('429 per day with Retry-After until UTC midnight', async () => {
		sim.configure({ vec: { perDayLimit: 1 } });
		await vec(sim, { email: 'a@dm.com' });
		const limited = await vec(sim, { email: 'b@dm.com' });
		expect(limited.status).toBe(429);
		expect(limited.body.message).toBe('Daily limit exceeded (per-day)');
		const midnight = new Date();
		midnight.setUTCHours(24, 0, 0, 0);
		const expected = (midnight.getTime() - Date.now()) / 1000;
		expect(Math.abs(Number(limited.headers.get('retry-after')) - expected)).toBeLessThan(5);
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
