import { enrow, getJob, useFastSimulator, waitForBulkDone, waitForSingleDone } from './helpers';
import { JOBS_STILL_ONGOING_AT_FIRST_READ } from './ongoingJobs';

const sim = useFastSimulator();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('POST/GET /email/verify/single', () => {
	it('200 with the credit split, 202 while ongoing, then the verdict', async () => {
		sim.configure(JOBS_STILL_ONGOING_AT_FIRST_READ);
		const started = await enrow(sim, 'POST', '/email/verify/single', {
			email: 'pam.beesly@dundermifflin.com',
			custom: { external_id: 'x1' },
		});
		expect(started.status).toBe(200);
		expect(started.body).toEqual({
			message: 'Single verification operating',
			id: expect.stringMatching(UUID),
			credits_used: 0.25,
			credits: { amount: 0.25, source: 'sub', split: { fromPaygo: 0, fromSub: 0.25 } },
		});
		expect(await getJob(sim, '/email/verify/single', started.body.id)).toMatchObject({
			status: 202,
			body: { qualification: 'ongoing' },
		});
		const done = await waitForSingleDone(sim, '/email/verify/single', started.body.id);
		expect(done.body).toEqual({
			email: 'pam.beesly@dundermifflin.com',
			custom: { external_id: 'x1' },
			qualification: 'valid',
		});
	});

	it('invalid verdicts are charged too', async () => {
		const { body } = await enrow(sim, 'POST', '/email/verify/single', {
			email: 'noreply@dundermifflin.com',
		});
		sim.completeAllJobs();
		expect((await getJob(sim, '/email/verify/single', body.id)).body.qualification).toBe('invalid');
		expect(sim.stats().credits).toEqual({ reserved: 0.25, refunded: 0, charged: 0.25 });
	});

	it.each([['no-at-sign'], ['pam@localhost'], [''], [undefined]])(
		'400 "invalid email format" for %j',
		async (email) => {
			const reply = await enrow(sim, 'POST', '/email/verify/single', { email });
			expect(reply).toMatchObject({ status: 400, body: { message: 'invalid email format' } });
		},
	);
});

describe('POST/GET /email/verify/bulk', () => {
	const emails = ['pam@dm.com', 'bounce@dm.com', 'angela@dm.com', 'pam@dm.com', 'not-an-email'];

	it('201, 200 while ongoing, then results with UUID indexes in shuffled order', async () => {
		sim.configure(JOBS_STILL_ONGOING_AT_FIRST_READ);
		const started = await enrow(sim, 'POST', '/email/verify/bulk', {
			verifications: emails,
			custom: { list: 'a' },
		});
		expect(started.status).toBe(201);
		expect(started.body).toEqual({
			message: 'Bulk verification operating',
			id: expect.stringMatching(UUID),
			credits_used: 1.25, // 5 x 0.25, the duplicate included
			estimated_duration: 1,
			credits: { amount: 1.25, source: 'sub', split: { fromPaygo: 0, fromSub: 1.25 } },
		});
		const ongoing = await getJob(sim, '/email/verify/bulk', started.body.id);
		expect(ongoing.status).toBe(200);
		expect(ongoing.body).toEqual({
			general: { id: started.body.id, status: 'ongoing' },
			stats: { finished: expect.any(Number), requested: 5 },
		});
		const done = await waitForBulkDone(sim, '/email/verify/bulk', started.body.id, {
			list: 'a',
		});
		expect(done.body.stats).toEqual({ credits_cost: 1.25, requested: 5, valid: 3 });
		const results: any[] = done.body.results;
		expect(results).toHaveLength(5);
		for (const row of results) {
			expect(Object.keys(row).sort()).toEqual(['email', 'index', 'qualification']);
			expect(row.index).toMatch(UUID);
		}
		expect(new Set(results.map((row) => row.index)).size).toBe(5);
		// Rows come back in another order than sent (rules.test.ts proves the permutation is never the
		// identity); with a duplicate address, swapping the two copies can leave the list looking the same.
		expect(results.map((row) => row.email).sort()).toEqual([...emails].sort());
		const verdict = (email: string) => results.find((row) => row.email === email).qualification;
		expect(verdict('bounce@dm.com')).toBe('invalid');
		expect(verdict('not-an-email')).toBe('invalid');
		expect(verdict('angela@dm.com')).toBe('valid');
	});

	it.each([
		['no body', undefined, 'Missing payload'],
		['no addresses', { custom: {} }, 'At least 1 verification must be present in the payload'],
		[
			'an empty list',
			{ verifications: [] },
			'At least 1 verification must be present in the payload',
		],
		// The older docs' key: the API reads `verifications` only, so this is a job without addresses.
		[
			'the older `emails` key',
			{ emails: ['a@b.com', 'c@d.com'] },
			'At least 1 verification must be present in the payload',
		],
		[
			'5001 addresses',
			{ verifications: Array.from({ length: 5001 }, (_, i) => `p${i}@x.com`) },
			'Too many verifications. Limit is currently at 5000 per batch.',
		],
		[
			'a non-string entry',
			{ verifications: ['a@b.com', 42] },
			'Error while parsing verifications payload',
		],
	])('400 for %s, and no job nor credit', async (_label, body, message) => {
		expect(await enrow(sim, 'POST', '/email/verify/bulk', body)).toMatchObject({
			status: 400,
			body: { message },
		});
		expect(sim.stats().jobs).toHaveLength(0);
		expect(sim.stats().credits.reserved).toBe(0);
	});
});

describe('newest docs revision details', () => {
	it('verify single answers its invalid-JSON 400 in lower case', async () => {
		const reply = await enrow(sim, 'POST', '/email/verify/single', '{"email": ');
		expect(reply).toMatchObject({ status: 400, body: { message: 'invalid JSON input' } });
	});

	it.each([
		['paygo', { fromPaygo: 0.25, fromSub: 0 }],
		['mixed', { fromPaygo: 0.125, fromSub: 0.125 }],
	] as const)('credits.source %s splits the amount', async (creditsSource, split) => {
		sim.configure({ enrow: { creditsSource } });
		const reply = await enrow(sim, 'POST', '/email/verify/single', { email: 'pam@dm.com' });
		expect(reply.body.credits).toEqual({ amount: 0.25, source: creditsSource, split });
	});
});
