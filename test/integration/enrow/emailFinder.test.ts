import type { Simulator } from '../../../simulator';
import { FINDER_BULK_RESULT, FINDER_MAPPED } from '../../support/mappedInputs';
import {
	ENROW_KEY,
	FAST_JOBS,
	getResult,
	jobIdOf,
	jsonOf,
	pairedIndexes,
	runEnrow,
	useFastSimulator,
} from '../enrowKit';
import { DWIGHT_FOUND } from '../../support/expectedItems';

describe('Enrow node · Email Finder', () => {
	let simulator: Simulator;
	// FAST_JOBS again before each test: one test below slows jobs down for itself.
	useFastSimulator((started) => (simulator = started), FAST_JOBS);

	const leads = [
		{ name: 'Dwight Schrute', domain: 'dundermifflin.com' },
		{ name: 'Nobody Atall', domain: 'dundermifflin.com' },
		{ name: 'Jim Halpert', company: 'Dunder Mifflin' },
	];
	const mapped = FINDER_MAPPED;

	it('finds one email per item, polling each job until Enrow has the answer', async () => {
		simulator.configure({ enrow: { jobDurationMs: { single: 900 } } });
		const result = await runEnrow(simulator, { ...mapped, operation: 'find' }, { input: leads });

		expect(result.status).toBe('success');
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				...DWIGHT_FOUND,
				status: 'completed',
				jobId: expect.any(String),
			}),
			expect.objectContaining({
				email: null,
				qualification: 'invalid',
				found: false,
				status: 'completed',
			}),
			expect.objectContaining({ found: true, companyName: 'Dunder Mifflin' }),
		]);
		expect(pairedIndexes(result)).toEqual([0, 1, 2]);

		const stats = simulator.stats();
		expect(stats.requestsByRoute['POST /email/find/single']).toBe(3);
		// Three jobs to start: the credit guard read the balance first (free).
		expect(stats.requestsByRoute['GET /account/info']).toBe(1);
		const bodies = stats.requests.filter((r) => r.method === 'POST').map((r) => r.body);
		expect(bodies).toEqual(
			expect.arrayContaining([
				{ fullname: 'Dwight Schrute', company_domain: 'dundermifflin.com' },
				{ fullname: 'Jim Halpert', company_name: 'Dunder Mifflin' },
			]),
		);
		// Jobs were ongoing at first: the node had to read them more than once (202 "ongoing", then 200).
		const gets = stats.requests.filter(
			(r) => r.method === 'GET' && r.path === '/email/find/single',
		);
		expect(gets.some((r) => r.status === 202)).toBe(true);
		expect(gets.filter((r) => r.status === 200)).toHaveLength(3);
		// Only found emails are charged.
		expect(stats.credits.charged).toBe(2);
		simulator.configure({ enrow: { jobDurationMs: { single: 300 } } });
	});

	it('sends the country code and gender options as Enrow settings', async () => {
		const result = await runEnrow(
			simulator,
			{
				resource: 'emailFinder',
				operation: 'find',
				fullName: 'Angela Martin',
				companyName: 'Dunder Mifflin',
				options: { countryCode: 'fr', retrieveGender: true },
			},
			{ input: [{}] },
		);
		expect(jsonOf(result)[0]).toEqual(
			expect.objectContaining({ gender: expect.stringMatching(/^(male|female)$/) }),
		);
		const post = simulator.stats().requests.find((r) => r.method === 'POST');
		expect(post?.body).toEqual({
			fullname: 'Angela Martin',
			company_name: 'Dunder Mifflin',
			settings: { country_code: 'FR', retrieve_gender: true },
		});
	});

	it('finds in bulk: one job, rows matched back through custom even though Enrow shuffles them', async () => {
		const input = Array.from({ length: 40 }, (_, i) => ({
			name: `Person Number${i}`,
			domain: `company${i % 7}.com`,
		}));
		input[5] = { name: 'Nobody Here', domain: 'company5.com' };
		const result = await runEnrow(simulator, { ...mapped, operation: 'findBulk' }, { input });

		expect(result.status).toBe('success');
		const out = jsonOf(result);
		expect(out).toHaveLength(40);
		out.forEach((json, i) => {
			if (i === 5) expect(json).toEqual(expect.objectContaining({ found: false, email: null }));
			else expect(json.email).toBe(`person.number${i}@company${i % 7}.com`);
		});
		expect(pairedIndexes(result)).toEqual(input.map((_, i) => i));
		expect(simulator.stats().requestsByRoute['POST /email/find/bulk']).toBe(1);
		expect(simulator.stats().credits.charged).toBe(39);
	});

	it('returns job IDs at once in "Return Job ID Immediately" mode, then Get Result reads them', async () => {
		// Still running at the first Get Result however slow the machine; the test completes it.
		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 60_000 } } });
		const started = await runEnrow(
			simulator,
			{
				...mapped,
				operation: 'findBulk',
				waitMode: 'none',
				options: { webhookUrl: 'https://hooks.example.com/enrow' },
			},
			{ input: leads },
		);
		const pending = jsonOf(started);
		// Each item carries its row of the job (the reference Enrow echoes), for Get Result.
		expect(pending).toEqual(
			leads.map((_, i) => ({ jobId: pending[0].jobId, status: 'ongoing', jobRow: `r${i}` })),
		);
		const post = simulator.stats().requests.find((r) => r.method === 'POST');
		expect((post?.body as { settings: unknown }).settings).toEqual({
			webhook: 'https://hooks.example.com/enrow',
		});
		expect(simulator.stats().gets).toBe(0);

		const early = await getResult(simulator, 'emailFinder', String(pending[0].jobId), 'bulk');
		expect(jsonOf(early)).toEqual([
			{ jobId: pending[0].jobId, status: 'ongoing', finished: expect.any(Number), requested: 3 },
		]);

		simulator.completeAllJobs();
		const done = await runEnrow(simulator, FINDER_BULK_RESULT, { input: [pending[0]] });
		expect(jsonOf(done)).toHaveLength(3);
		expect(
			jsonOf(done)
				.map((row) => row.found)
				.sort(),
		).toEqual([false, true, true]);
		expect(pairedIndexes(done)).toEqual([0, 0, 0]);

		// All three items name the same job: it is read once, and each item gets its own row.
		const getsBefore = simulator.stats().gets;
		const each = await runEnrow(simulator, FINDER_BULK_RESULT, { input: pending });
		expect(simulator.stats().gets - getsBefore).toBe(1);
		expect(pairedIndexes(each)).toEqual([0, 1, 2]);
		expect(jsonOf(each).map((row) => row.fullName)).toEqual(leads.map((lead) => lead.name));
	});

	it('gives a bulk job read by several items without their rows to the first item only', async () => {
		const started = await runEnrow(
			simulator,
			{ ...mapped, operation: 'findBulk', waitMode: 'none' },
			{ input: leads },
		);
		simulator.completeAllJobs();
		const jobId = String(jsonOf(started)[0].jobId);
		const read = await runEnrow(
			simulator,
			{ resource: 'emailFinder', operation: 'getResult', jobId, jobType: 'bulk' },
			{ input: [{ crmId: 1 }, { crmId: 2 }] },
		);
		expect(pairedIndexes(read)).toEqual([0, 0, 0, 1]);
		expect(jsonOf(read)[3]).toEqual({ jobId, status: 'completed', rowsOutputWithItem: 0 });
	});

	it('reads a single job with Get Result, and explains an unknown ID', async () => {
		const started = await runEnrow(
			simulator,
			{ ...mapped, operation: 'find', waitMode: 'none' },
			{ input: [leads[0]] },
		);
		simulator.completeAllJobs();
		const read = await getResult(simulator, 'emailFinder', jobIdOf(started), 'single');
		expect(jsonOf(read)[0]).toEqual(
			expect.objectContaining({ email: 'dwight.schrute@dundermifflin.com', status: 'completed' }),
		);

		const unknown = await getResult(simulator, 'emailFinder', 'no-such-job', 'bulk');
		expect(unknown.status).toBe('error');
		expect(unknown.error?.message).toMatch(/could not read this job/i);
		expect((unknown.error as { description?: string }).description).toMatch(/Job Type/);
	});

	it('keeps input fields when asked, and gives the raw Enrow answer with Simplify off', async () => {
		const result = await runEnrow(
			simulator,
			{
				...mapped,
				operation: 'find',
				simplify: false,
				options: { includeInputFields: true },
			},
			{ input: [{ ...leads[0], crmId: 'lead-42' }] },
		);
		expect(jsonOf(result)[0]).toEqual(
			expect.objectContaining({
				crmId: 'lead-42',
				email: 'dwight.schrute@dundermifflin.com',
				qualification: 'valid',
				info: expect.objectContaining({ company_domain: 'dundermifflin.com' }),
			}),
		);
		expect(jsonOf(result)[0]).not.toHaveProperty('found');
		expect(ENROW_KEY).toBeTruthy();
	});
});
