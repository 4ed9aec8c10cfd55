/**
 * Issue 27 §1: what a user puts in Company Domain when there is no domain ("N/A", "-", an
 * email address at Gmail, a LinkedIn company page) is no domain: the Company Name is searched
 * alone when there is one; otherwise the item gets a free error naming it, the value and the
 * fix. One reader for every place a company is read: find, find in bulk, phone by name, dry
 * run, duplicates.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../../simulator';
import { FINDER_MAPPED, PHONE_EITHER_MAPPED } from '../../support/mappedInputs';
import { jsonOf, postedBodies, runEnrow, useFastSimulator } from '../enrowKit';

const FINDER = FINDER_MAPPED;
const PHONE_BY_NAME = { ...PHONE_EITHER_MAPPED, operation: 'find' };
const FIX =
	/^Map the company's website domain into "Company Domain" .*, or a Company Name.*\. Nothing was sent for this item; it used no credit\./;

describe('Enrow node · Company Domain read as the user means it', () => {
	let simulator: Simulator;
	useFastSimulator((started) => (simulator = started));
	const posted = () => postedBodies(simulator);
	const run = (parameters: INodeParameters, input: IDataObject[], continueOnFail = true) =>
		runEnrow(simulator, parameters, { input, continueOnFail });

	it('Find emails in bulk: a placeholder, free-mail or social domain leaves the Company Name alone; without one the item fails, unsent', async () => {
		const result = await run({ ...FINDER, operation: 'findBulk' }, [
			{ name: 'Dwight Schrute', domain: 'N/A', company: 'Dunder Mifflin' },
			{ name: 'Jim Halpert', domain: 'jim.halpert@gmail.com', company: 'Dunder Mifflin' },
			{ name: 'Pam Beesly', domain: 'https://www.linkedin.com/company/dunder-mifflin/' },
			{ name: 'Kevin Malone', domain: ' - ' },
			{ name: 'Oscar Martinez', domain: 'gmail.com' },
			{ name: 'Angela Martin', domain: 'dundermifflin.com', company: 'n/a' },
			{ name: 'Dwight Schrute', domain: '—', company: 'Dunder Mifflin' },
			{ name: 'Toby Flenderson', domain: 'yahoo.co.uk', company: 'none' },
		]);

		expect(result.status).toBe('success');
		const out = jsonOf(result);
		expect(out.map((json) => json.error ?? json.email)).toEqual([
			'dwight.schrute@dundermifflin.com',
			'jim.halpert@dundermifflin.com',
			'Company Domain "https://www.linkedin.com/company/dunder-mifflin/" of item 2 is a social network or profile site (linkedin.com), not the company\'s domain',
			'Company Domain "-" of item 3 is a placeholder, not a domain',
			'Company Domain "gmail.com" of item 4 is a personal email provider, not the company\'s domain',
			'angela.martin@dundermifflin.com',
			'dwight.schrute@dundermifflin.com',
			'Company Domain "yahoo.co.uk" of item 7 is a personal email provider, not the company\'s domain',
		]);
		for (const index of [2, 3, 4]) expect(out[index].errorDescription).toMatch(FIX);
		expect(out[7].errorDescription).toMatch(/Company Name "none" is a placeholder\.$/);
		expect(posted()).toEqual([
			{
				searches: [
					{ fullname: 'Dwight Schrute', company_name: 'Dunder Mifflin', custom: 'r0' },
					{ fullname: 'Jim Halpert', company_name: 'Dunder Mifflin', custom: 'r1' },
					{ fullname: 'Angela Martin', company_domain: 'dundermifflin.com', custom: 'r2' },
				],
			},
		]);
		// Item 6 is item 0 with another placeholder: one row, one charge.
		expect(simulator.stats().credits.charged).toBe(3);
	});

	it('Find an email: the name alone is sent for a placeholder domain; without Continue, an item with only a free-mail domain stops the run before anything is sent', async () => {
		const ok = await run(
			{ ...FINDER, operation: 'find' },
			[{ name: 'Dwight Schrute', domain: 'none', company: 'Dunder Mifflin' }],
			false,
		);
		expect(jsonOf(ok)[0]).toMatchObject({ email: 'dwight.schrute@dundermifflin.com' });
		expect(posted()).toEqual([{ fullname: 'Dwight Schrute', company_name: 'Dunder Mifflin' }]);

		simulator.reset();
		const stopped = await run(
			{ ...FINDER, operation: 'find' },
			[
				{ name: 'Dwight Schrute', domain: 'dundermifflin.com' },
				{ name: 'Jim Halpert', domain: 'jim@hotmail.fr' },
			],
			false,
		);
		expect(stopped.status).toBe('error');
		expect(stopped.error?.message).toBe(
			'Company Domain "jim@hotmail.fr" of item 1 is a personal email provider (hotmail.fr), not the company\'s domain',
		);
		expect(simulator.stats().posts).toBe(0);
	});

	it('Find a phone number by name: a free-mail domain without a company name fails the item; "N/A" as LinkedIn URL means none, so the name is searched', async () => {
		const result = await run(PHONE_BY_NAME, [
			{ first: 'Michael', last: 'Scott', domain: 'michael@yahoo.com' },
			{
				linkedin: 'N/A',
				first: 'Michael',
				last: 'Scott',
				domain: 'instagram.com',
				company: 'Dunder Mifflin',
			},
			{ linkedin: 'https://www.linkedin.com/in/dwight-schrute/', domain: 'gmail.com' },
		]);

		const out = jsonOf(result);
		expect(out[0].error).toBe(
			'Company Domain "michael@yahoo.com" of item 0 is a personal email provider (yahoo.com), not the company\'s domain',
		);
		expect(out[0].errorDescription).toMatch(/or a Company Name, or a LinkedIn profile URL;/);
		expect(out[1]).toMatchObject({ found: true, status: 'completed' });
		// The LinkedIn URL prevails: the domain beside it is not looked at.
		expect(out[2]).toMatchObject({ found: true, status: 'completed' });
		expect(posted()).toEqual([
			{ firstname: 'Michael', lastname: 'Scott', company_name: 'Dunder Mifflin' },
			{ linkedin_url: 'https://www.linkedin.com/in/dwight-schrute' },
		]);
	});

	it('Dry Run reads the company the same way: the placeholder-domain row is the duplicate of the name-only row, and an unsendable item is named', async () => {
		const result = await run({ ...FINDER, operation: 'findBulk', options: { dryRun: true } }, [
			{ name: 'Dwight Schrute', company: 'Dunder Mifflin' },
			{ name: 'Dwight Schrute', domain: 'N/A', company: 'Dunder Mifflin' },
			{ name: 'Jim Halpert', domain: 'facebook.com' },
		]);

		const out = jsonOf(result);
		expect(out.slice(0, 2)).toEqual([
			{ status: 'estimated', wouldSend: true, maxCredits: 1 },
			{ status: 'estimated', wouldSend: false, maxCredits: 0, reason: 'duplicate' },
		]);
		expect(out[2].error).toBe(
			'Company Domain "facebook.com" of item 2 is a social network or profile site, not the company\'s domain',
		);
		expect(simulator.stats().posts).toBe(0);
	});

	it('both values placeholders: "neither a company domain nor a company name", naming them', async () => {
		const result = await run({ ...FINDER, operation: 'find' }, [
			{ name: 'Dwight Schrute', domain: '?', company: 'N/A' },
			{ name: 'Jim Halpert', domain: '', company: 'unknown' },
		]);

		const out = jsonOf(result);
		expect(out.map((json) => json.error)).toEqual([
			'Company Domain "?" of item 0 is a placeholder, not a domain',
			'Item 1 has neither a company domain nor a company name (Company Name "unknown" is a placeholder)',
		]);
		expect(out[0].errorDescription).toMatch(/Company Name "N\/A" is a placeholder\.$/);
		expect(simulator.stats().posts).toBe(0);
	});
});
