import { enrow, getJob, useFastSimulator } from './helpers';

const sim = useFastSimulator();

const finderSearch = { fullname: 'Jim Halpert', company_domain: 'dundermifflin.com' };

describe('Enrow auth, JSON and routing errors', () => {
	it('401 without an x-api-key header, and with an unknown key', async () => {
		const missing = await enrow(sim, 'POST', '/email/find/single', finderSearch, null);
		expect(missing).toMatchObject({
			status: 401,
			body: { message: 'No apikey found in the x-api-key headers' },
		});
		const wrong = await enrow(sim, 'GET', '/account/info', undefined, 'not-a-key');
		expect(wrong).toMatchObject({ status: 401, body: { message: 'This apikey is not valid' } });
		expect(sim.stats().jobsCreated).toBe(0);
	});

	it('400 "Invalid JSON input" on a body that is not JSON', async () => {
		const reply = await enrow(sim, 'POST', '/email/verify/bulk', '{"verifications": [');
		expect(reply).toMatchObject({ status: 400, body: { message: 'Invalid JSON input' } });
		expect(sim.stats().requests[0].body).toBe('{"verifications": [');
	});

	it('404 "Not found" on unknown routes', async () => {
		const reply = await enrow(sim, 'GET', '/email/find/everything');
		expect(reply).toMatchObject({ status: 404, body: { message: 'Not found' } });
	});

	it('never stores the key in stats', async () => {
		await enrow(sim, 'GET', '/account/info');
		const stats = sim.stats();
		expect(stats.requests[0].apiKeyPresent).toBe(true);
		expect(JSON.stringify(stats)).not.toContain('sim-enrow-key');
	});
});

describe('unknown ids (where the Enrow docs disagree)', () => {
	const id = '00000000-0000-4000-8000-000000000000';

	it('newest Enrow docs revision: 400 on bulk GETs, 500 on single GETs, never 404', async () => {
		for (const [path, status, message] of [
			['/email/find/bulk', 400, 'Could not retrieve bulk search results'],
			['/email/verify/bulk', 400, 'Could not retrieve bulk verification results'],
			['/phone/bulk', 400, 'Could not retrieve bulk search results'],
			['/email/verify/single', 500, 'Could not retrieve single verification results'],
			['/email/find/single', 500, 'Could not retrieve single search results'],
			['/phone/single', 500, 'Could not retrieve single search results'],
		] as const) {
			expect(await getJob(sim, path, id)).toMatchObject({ status, body: { message } });
		}
	});

	it('older Enrow docs: 404 "Bulk search not found" everywhere', async () => {
		sim.configure({ enrow: { unknownIdStyle: 'llms' } });
		for (const path of [
			'/email/find/single',
			'/email/find/bulk',
			'/email/verify/single',
			'/phone/bulk',
		]) {
			expect(await getJob(sim, path, id)).toMatchObject({
				status: 404,
				body: { message: 'Bulk search not found' },
			});
		}
	});

	it('a job id is unknown to another endpoint and to another key', async () => {
		sim.configure({ enrow: { apiKeys: { 'other-key': { credits: 10 } } } });
		const { body } = await enrow(sim, 'POST', '/email/find/single', finderSearch);
		expect((await getJob(sim, '/email/verify/single', body.id)).status).toBe(500);
		expect((await getJob(sim, '/email/find/single', body.id, 'other-key')).status).toBe(500);
		expect((await getJob(sim, '/email/find/single', body.id)).status).toBe(202);
	});

	it('missing id messages', async () => {
		expect(await enrow(sim, 'GET', '/email/find/single')).toMatchObject({
			status: 400,
			body: { message: 'Missing id in the query params' },
		});
		expect(await enrow(sim, 'GET', '/email/verify/single')).toMatchObject({
			status: 400,
			body: { message: 'The single verif id is missing in the URL query string' },
		});
		expect(await enrow(sim, 'GET', '/phone/bulk')).toMatchObject({
			status: 400,
			body: { message: 'Missing id in the query params' },
		});
	});
});
