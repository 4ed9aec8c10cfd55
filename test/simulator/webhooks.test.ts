import type { Simulator } from '../../simulator';
import {
	enrow,
	resetSimulator,
	sleep,
	startFastSimulator,
	startReceiver,
	waitFor,
} from './helpers';

let sim: Simulator;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
	sim = await startFastSimulator();
	receiver = await startReceiver();
});
afterAll(async () => {
	await sim.close();
	await receiver.close();
});
beforeEach(() => {
	resetSimulator(sim);
	receiver.received.length = 0;
});

const settings = (path = '/hook') => ({ webhook: `${receiver.url}${path}` });

describe('Enrow webhooks', () => {
	it('fires on the clock at completion, to the URL exactly as given (query string kept)', async () => {
		const url = `${receiver.url}/resume/abc?signature=s1&token=t%202`;
		const { body } = await enrow(sim, 'POST', '/email/find/single', {
			fullname: 'Dwight Schrute',
			company_domain: 'dundermifflin.com',
			custom: { ref: 7 },
			settings: { webhook: url },
		});
		const [delivery] = await receiver.waitFor(1);
		expect(delivery.url).toBe('/resume/abc?signature=s1&token=t%202');
		expect(delivery.headers['content-type']).toBe('application/json');
		expect(delivery.body).toEqual({
			event: 'single_search_finished',
			id: body.id,
			credits: { cost: 1 },
			result: {
				email: 'dwight.schrute@dundermifflin.com',
				qualification: 'valid',
				custom: { ref: 7 },
				info: {
					company_domain: 'dundermifflin.com',
					fullname: 'Dwight Schrute',
					firstname: 'Dwight',
					lastname: 'Schrute',
				},
			},
		});
		const deliveries = await waitFor(
			() => sim.stats().webhookDeliveries.length === 1 && sim.stats().webhookDeliveries,
		);
		expect(deliveries[0]).toEqual({
			url,
			event: 'single_search_finished',
			jobId: body.id,
			status: 200,
			sentAt: expect.any(Number),
			at: expect.any(Number),
		});
		// Sent when the job is due (a timer may fire a millisecond before Date.now() says so), answered
		// after it was sent: the bench times resumes from sentAt.
		const [job] = sim.stats().jobs;
		expect(deliveries[0].sentAt).toBeGreaterThanOrEqual(job.completesAt - 2);
		expect(deliveries[0].at).toBeGreaterThanOrEqual(deliveries[0].sentAt);
	});

	it('sends the documented shape for each of the six events', async () => {
		const post = async (path: string, payload: Record<string, unknown>) =>
			(await enrow(sim, 'POST', path, { ...payload, settings: settings(path) })).body.id as string;
		const ids = {
			findBulk: await post('/email/find/bulk', {
				searches: [
					{ fullname: 'Jim Halpert', company_domain: 'dm.com' },
					{ fullname: 'Nobody', company_domain: 'dm.com' },
				],
			}),
			verifySingle: await post('/email/verify/single', { email: 'pam@dm.com', custom: 'c-1' }),
			verifyBulk: await post('/email/verify/bulk', {
				verifications: ['a@dm.com', 'b@dm.com', 'c@dm.com'],
			}),
			phoneSingle: await post('/phone/single', {
				linkedin_url: 'https://www.linkedin.com/in/michael-scott',
			}),
			phoneBulk: await post('/phone/bulk', {
				searches: [{ linkedin_url: 'https://linkedin.com/in/x' }],
			}),
		};
		sim.completeAllJobs();
		const received = await receiver.waitFor(5);
		const byPath = Object.fromEntries(received.map((delivery) => [delivery.url, delivery.body]));
		expect(byPath).toEqual({
			'/email/find/bulk': {
				event: 'bulk_search_finished',
				id: ids.findBulk,
				credits: { cost: 1 },
			},
			'/email/verify/single': {
				event: 'verification_finished',
				id: ids.verifySingle,
				email: 'pam@dm.com',
				qualification: 'valid',
				custom: 'c-1',
			},
			'/email/verify/bulk': {
				event: 'bulk_verification_finished',
				id: ids.verifyBulk,
				credits: { cost: 0.75 },
			},
			'/phone/single': {
				event: 'single_phone_search_finished',
				id: ids.phoneSingle,
				credits: { cost: 40 },
				result: {
					event: 'single_phone_search_finished',
					id: ids.phoneSingle,
					result: {
						number: expect.stringMatching(/^\+1570555\d{4}$/),
						country: 'US',
						params: { linkedin_url: 'https://www.linkedin.com/in/michael-scott' },
						qualification: 'found',
					},
				},
			},
			'/phone/bulk': {
				event: 'bulk_phone_search_finished',
				id: ids.phoneBulk,
			},
		});
	});

	it('uses the global webhook when the request has none; settings.webhook overrides it', async () => {
		sim.configure({ enrow: { globalWebhook: `${receiver.url}/global` } });
		await enrow(sim, 'POST', '/email/verify/single', { email: 'a@dm.com' });
		await enrow(sim, 'POST', '/email/verify/single', {
			email: 'b@dm.com',
			settings: settings('/own'),
		});
		sim.completeAllJobs();
		const received = await receiver.waitFor(2);
		expect(received.map((delivery) => delivery.url).sort()).toEqual(['/global', '/own']);
		expect(
			sim
				.stats()
				.jobs.map((job) => job.webhook)
				.sort(),
		).toEqual([`${receiver.url}/global`, `${receiver.url}/own`]);
	});

	it('sends nothing without a webhook, and delays deliveries by webhookDelayMs', async () => {
		await enrow(sim, 'POST', '/email/verify/single', { email: 'a@dm.com' });
		sim.configure({ enrow: { webhookDelayMs: 300 } });
		await enrow(sim, 'POST', '/email/verify/single', { email: 'b@dm.com', settings: settings() });
		const completedAt = Date.now();
		sim.completeAllJobs();
		await receiver.waitFor(1);
		expect(Date.now() - completedAt).toBeGreaterThanOrEqual(290);
		expect(receiver.received).toHaveLength(1);
	});

	it('records failed deliveries and does not retry them', async () => {
		const failing = await startReceiver(500);
		try {
			await enrow(sim, 'POST', '/email/verify/single', {
				email: 'a@dm.com',
				settings: { webhook: `${failing.url}/x` },
			});
			await enrow(sim, 'POST', '/email/verify/single', {
				email: 'b@dm.com',
				settings: { webhook: 'http://127.0.0.1:1/nowhere' },
			});
			sim.completeAllJobs();
			const deliveries = await waitFor(
				() => sim.stats().webhookDeliveries.length === 2 && sim.stats().webhookDeliveries,
			);
			expect(deliveries.map((delivery) => delivery.status).sort()).toEqual([500, 'error']);
			expect(failing.received).toHaveLength(1);
		} finally {
			await failing.close();
		}
	});

	it('a failed bulk job still notifies (with cost 0); a failed single job does not', async () => {
		sim.addFault({ type: 'jobFailed', match: { path: '/email/verify/bulk' } });
		sim.addFault({ type: 'jobFailed', match: { path: '/email/verify/single' } });
		await enrow(sim, 'POST', '/email/verify/bulk', {
			verifications: ['a@dm.com'],
			settings: settings('/bulk'),
		});
		await enrow(sim, 'POST', '/email/verify/single', {
			email: 'a@dm.com',
			settings: settings('/single'),
		});
		sim.completeAllJobs();
		const [delivery] = await receiver.waitFor(1);
		expect(delivery.url).toBe('/bulk');
		expect(delivery.body.credits).toEqual({ cost: 0 });
		await sleep(100);
		expect(receiver.received).toHaveLength(1);
	});
});
