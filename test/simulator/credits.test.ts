import { enrow, ENROW_KEY, getJob, useFastSimulator } from './helpers';

const sim = useFastSimulator();

const credits = async () => (await enrow(sim, 'GET', '/account/info')).body.credits;
const setBalance = (amount: number) =>
	sim.configure({ enrow: { apiKeys: { [ENROW_KEY]: { credits: amount } } } });

describe('Enrow credits', () => {
	it('reserves at POST and refunds what is not found at completion', async () => {
		setBalance(100);
		await enrow(sim, 'POST', '/email/find/bulk', {
			searches: [
				{ fullname: 'Jim Halpert', company_domain: 'dm.com' },
				{ fullname: 'Nobody', company_domain: 'dm.com' },
				{ fullname: 'Pam Beesly', company_domain: 'stealth.io' },
			],
		});
		await enrow(sim, 'POST', '/email/verify/single', { email: 'pam@dm.com' });
		await enrow(sim, 'POST', '/phone/single', { linkedin_url: 'https://linkedin.com/in/nobody' });
		expect(await credits()).toBe(100 - 3 - 0.25 - 40);
		sim.completeAllJobs();
		expect(await credits()).toBe(100 - 1 - 0.25);
		expect(sim.stats().credits).toEqual({ reserved: 43.25, refunded: 42, charged: 1.25 });
	});

	it('GET /account/info is free, fractional, lists the global webhook, and has no webhooks key without one', async () => {
		sim.configure({ enrow: { globalWebhook: 'https://hooks.example/enrow' } });
		await enrow(sim, 'POST', '/email/verify/single', { email: 'pam@dm.com' });
		const info = await enrow(sim, 'GET', '/account/info');
		expect(info).toMatchObject({
			status: 200,
			body: { credits: 999_999.75, webhooks: ['https://hooks.example/enrow'] },
		});
		sim.configure({ enrow: { globalWebhook: null } });
		// Newest docs revision: `webhooks` is absent when none is set in the dashboard.
		expect((await enrow(sim, 'GET', '/account/info')).body).toEqual({ credits: 999_999.75 });
	});

	it('402 style (newest Enrow docs revision): {reason, success:false} on single endpoints, {message} on bulk', async () => {
		setBalance(0.5);
		expect((await enrow(sim, 'POST', '/email/verify/single', { email: 'pam@dm.com' })).status).toBe(
			200,
		);
		const finder = await enrow(sim, 'POST', '/email/find/single', {
			fullname: 'Jim H',
			company_name: 'DM',
		});
		expect(finder).toMatchObject({
			status: 402,
			body: { reason: 'Insufficient credits', success: false },
		});
		const single = await enrow(sim, 'POST', '/phone/single', {
			linkedin_url: 'https://linkedin.com/in/x',
		});
		expect(single.status).toBe(402);
		expect(single.body).toEqual({ reason: 'Insufficient credits', success: false });
		const bulk = await enrow(sim, 'POST', '/email/verify/bulk', {
			verifications: ['a@b.com', 'c@d.com', 'e@f.com'],
		});
		expect(bulk.status).toBe(402);
		expect(bulk.body).toEqual({ message: 'Insufficient credits' });
		expect(sim.stats().jobsCreated).toBe(1);
	});

	it('a POST is accepted when the balance covers exactly what it reserves', async () => {
		setBalance(0.5);
		expect(
			(await enrow(sim, 'POST', '/email/verify/bulk', { verifications: ['a@b.com', 'c@d.com'] }))
				.status,
		).toBe(201);
		expect(await credits()).toBe(0);
	});

	it('422 style (older Enrow docs): {"message":"Insufficient balance"} everywhere', async () => {
		sim.configure({ enrow: { insufficientCredits: '422' } });
		setBalance(0);
		for (const [path, body] of [
			['/email/find/single', { fullname: 'Jim H', company_name: 'DM' }],
			['/email/find/bulk', { searches: [{ fullname: 'Jim H', company_name: 'DM' }] }],
			['/email/verify/single', { email: 'a@b.com' }],
		] as const) {
			expect(await enrow(sim, 'POST', path, body)).toMatchObject({
				status: 422,
				body: { message: 'Insufficient balance' },
			});
		}
	});

	it('reset() restores balances and forgets jobs', async () => {
		const { body } = await enrow(sim, 'POST', '/email/verify/single', { email: 'pam@dm.com' });
		sim.reset();
		expect(await credits()).toBe(1_000_000);
		expect((await getJob(sim, '/email/verify/single', body.id)).status).toBe(500);
		expect(sim.stats().jobsCreated).toBe(0);
	});
});
