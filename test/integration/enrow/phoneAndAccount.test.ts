import type { Simulator } from '../../../simulator';
import { PHONE_EITHER_MAPPED } from '../../support/mappedInputs';
import { jsonOf, pairedIndexes, runEnrow, useFastSimulator } from '../enrowKit';

describe('Enrow node · Phone Finder and Account', () => {
	let simulator: Simulator;
	useFastSimulator((started) => (simulator = started));

	/** A mixed list: some contacts have a LinkedIn URL, others only a name and company. */
	const phone = PHONE_EITHER_MAPPED;
	const people = [
		{ linkedin: 'https://www.linkedin.com/in/michael-scott/' },
		{ first: 'Pam', last: 'Beesly', domain: 'dundermifflin.com' },
		{ linkedin: 'https://www.linkedin.com/in/nophone-person/' },
	];

	it('finds a phone per item, by LinkedIn URL or by name and company', async () => {
		const result = await runEnrow(simulator, { ...phone, operation: 'find' }, { input: people });
		expect(jsonOf(result)).toEqual([
			{
				number: expect.stringMatching(/^\+1/),
				country: 'US',
				qualification: 'found',
				found: true,
				jobId: expect.any(String),
				status: 'completed',
			},
			expect.objectContaining({ qualification: 'found', found: true }),
			{
				number: null,
				country: null,
				qualification: 'not_found',
				found: false,
				jobId: expect.any(String),
				status: 'completed',
			},
		]);
		const bodies = simulator
			.stats()
			.requests.filter((r) => r.method === 'POST')
			.map((r) => r.body);
		expect(bodies).toEqual(
			expect.arrayContaining([
				{ linkedin_url: 'https://www.linkedin.com/in/michael-scott' },
				{ firstname: 'Pam', lastname: 'Beesly', company_domain: 'dundermifflin.com' },
			]),
		);
	});

	it('finds phones in bulk and matches rows back by position when Enrow echoes no reference', async () => {
		const input = Array.from({ length: 12 }, (_, i) =>
			i === 4 ? people[2] : { first: `First${i}`, last: `Last${i}`, domain: 'acme.com' },
		);
		const result = await runEnrow(simulator, { ...phone, operation: 'findBulk' }, { input });
		const out = jsonOf(result);
		expect(out).toHaveLength(12);
		expect(out[4]).toEqual(expect.objectContaining({ found: false }));
		expect(out.filter((json) => json.found)).toHaveLength(11);
		expect(pairedIndexes(result)).toEqual(input.map((_, i) => i));
		const body = simulator.stats().requests.find((r) => r.method === 'POST')?.body as {
			searches: unknown[];
		};
		// One spelling, the one Enrow's API reads: no copies under the older first_name / last_name.
		expect(body.searches[0]).toEqual({
			firstname: 'First0',
			lastname: 'Last0',
			company_domain: 'acme.com',
			custom: expect.any(String),
		});
	});

	it('splits a phone bulk run at 3,000 rows, which both versions of the docs accept', async () => {
		const input = Array.from({ length: 3001 }, (_, i) => ({
			linkedin: `https://www.linkedin.com/in/person-${i}/`,
		}));
		const result = await runEnrow(
			simulator,
			{ ...phone, operation: 'findBulk', waitMode: 'none' },
			{ input },
		);
		expect(result.status).toBe('success');
		expect(simulator.stats().jobs.map((job) => job.rows)).toEqual([3000, 1]);
	});

	describe('Find Person By', () => {
		const both = { linkedin: 'https://www.linkedin.com/in/michael-scott/', ...people[1] };
		const sentBodies = () =>
			simulator
				.stats()
				.requests.filter((r) => r.method === 'POST')
				.map((r) => r.body);

		it('LinkedIn URL (the default) sends only the URL, whatever the name fields hold', async () => {
			const { findPersonBy: _mixed, ...byDefault } = phone;
			const result = await runEnrow(
				simulator,
				{ ...byDefault, operation: 'find' },
				{ input: [both, people[1]], continueOnFail: true },
			);
			expect(sentBodies()).toEqual([{ linkedin_url: 'https://www.linkedin.com/in/michael-scott' }]);
			const [found, missing] = jsonOf(result);
			expect(found).toEqual(expect.objectContaining({ found: true }));
			expect(missing.error).toBe('Item 1 has no LinkedIn URL');
			expect(missing.errorDescription).toMatch(
				/set Find Person By to "LinkedIn URL, Else Name and Company"/,
			);
		});

		it('Name and Company sends the name and company even when a LinkedIn URL is mapped', async () => {
			const result = await runEnrow(
				simulator,
				{ ...phone, findPersonBy: 'nameAndCompany', operation: 'find' },
				{ input: [both, people[0]], continueOnFail: true },
			);
			expect(sentBodies()).toEqual([
				{ firstname: 'Pam', lastname: 'Beesly', company_domain: 'dundermifflin.com' },
			]);
			expect(jsonOf(result)[1].error).toBe('Item 1 has no complete name and company');
		});

		it('refuses a value the menu does not offer, before anything is sent', async () => {
			const result = await runEnrow(
				simulator,
				{ ...phone, findPersonBy: 'email', operation: 'find' },
				{ input: [people[0]] },
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('Find Person By "email" is not one this node knows');
			expect(sentBodies()).toEqual([]);
		});
	});

	it('reads the account credits, one item per input item', async () => {
		simulator.configure({ enrow: { globalWebhook: 'https://hooks.example.com/enrow' } });
		const result = await runEnrow(
			simulator,
			{ resource: 'account', operation: 'get' },
			{ input: [{}, {}] },
		);
		expect(jsonOf(result)).toEqual([
			{ credits: 1_000_000, webhooks: ['https://hooks.example.com/enrow'] },
			{ credits: 1_000_000, webhooks: ['https://hooks.example.com/enrow'] },
		]);
		expect(pairedIndexes(result)).toEqual([0, 1]);
		simulator.configure({ enrow: { globalWebhook: null } });
	});
});
