/**
 * Issue 27 §2: an invisible character (a zero-width space copied from a web page, a soft
 * hyphen, a byte order mark) is not part of what the user means. It is removed from every
 * text input before duplicates are found and before anything is sent.
 */
import type { Simulator } from '../../../simulator';
import { FINDER_MAPPED, PHONE_EITHER_MAPPED } from '../../support/mappedInputs';
import { jsonOf, postedBodies, runEnrow, useFastSimulator } from '../enrowKit';

const ZWSP = '\u200B';
const SOFT_HYPHEN = '\u00AD';
const BOM = '\uFEFF';
const WORD_JOINER = '\u2060';

describe('Enrow node · invisible characters in the input', () => {
	let simulator: Simulator;
	useFastSimulator((started) => (simulator = started));
	const posted = () => postedBodies(simulator);

	it('Find emails in bulk: a name and domain with zero-width characters are the same person, sent once without them', async () => {
		const result = await runEnrow(
			simulator,
			{ ...FINDER_MAPPED, operation: 'findBulk' },
			{
				input: [
					{ name: 'Dwight Schrute', domain: 'dundermifflin.com' },
					{ name: `Dwight${ZWSP} Schrute`, domain: `dunder${ZWSP}mifflin.com${BOM}` },
					{ name: `Jim Hal${SOFT_HYPHEN}pert`, company: `Dunder${WORD_JOINER} Mifflin` },
				],
			},
		);

		expect(result.status).toBe('success');
		const out = jsonOf(result);
		expect(out.map((json) => json.email)).toEqual([
			'dwight.schrute@dundermifflin.com',
			'dwight.schrute@dundermifflin.com',
			expect.any(String),
		]);
		expect(out[1]).toMatchObject({
			fullName: 'Dwight Schrute',
			companyDomain: 'dundermifflin.com',
		});
		expect(posted()).toEqual([
			{
				searches: [
					{ fullname: 'Dwight Schrute', company_domain: 'dundermifflin.com', custom: 'r0' },
					{ fullname: 'Jim Halpert', company_name: 'Dunder Mifflin', custom: 'r1' },
				],
			},
		]);
		expect(JSON.stringify(posted())).not.toMatch(/[\u200B\u00AD\uFEFF\u2060]/);
	});

	it('Verify emails in bulk: an address with a zero-width space is one row with the same address without it, charged once', async () => {
		const result = await runEnrow(
			simulator,
			{ resource: 'emailVerifier', operation: 'verifyBulk', email: '={{ $json.email }}' },
			{
				input: [
					{ email: 'pam.beesly@dundermifflin.com' },
					{ email: `pam.beesly@dunder${ZWSP}mifflin.com` },
					{ email: `${ZWSP}jim.halpert@dundermifflin.com${ZWSP}` },
				],
			},
		);

		expect(result.status).toBe('success');
		expect(jsonOf(result).map((json) => [json.email, json.valid])).toEqual([
			['pam.beesly@dundermifflin.com', true],
			['pam.beesly@dundermifflin.com', true],
			['jim.halpert@dundermifflin.com', true],
		]);
		expect(posted()).toEqual([
			{ verifications: ['pam.beesly@dundermifflin.com', 'jim.halpert@dundermifflin.com'] },
		]);
		expect(simulator.stats().credits.charged).toBe(0.5);
	});

	it('Find a phone number: a LinkedIn URL with a zero-width space is sent without it; a Job ID pasted with one is read', async () => {
		const result = await runEnrow(
			simulator,
			{ ...PHONE_EITHER_MAPPED, operation: 'find' },
			{ input: [{ linkedin: `https://www.linkedin.com/in/michael${ZWSP}-scott/` }] },
		);

		expect(result.status).toBe('success');
		expect(posted()).toEqual([{ linkedin_url: 'https://www.linkedin.com/in/michael-scott' }]);

		const jobId = String(jsonOf(result)[0].jobId);
		const read = await runEnrow(
			simulator,
			{ resource: 'phoneFinder', operation: 'getResult', jobId: `${ZWSP}${jobId}${BOM}` },
			{ input: [{}] },
		);
		expect(read.status).toBe('success');
		expect(jsonOf(read)[0]).toMatchObject({ jobId, status: 'completed' });
	});

	it("Row Reference is handed back as given, invisible characters kept (it finds the user's own record)", async () => {
		const reference = `crm${ZWSP}-1`;
		const result = await runEnrow(
			simulator,
			{
				resource: 'emailVerifier',
				operation: 'verify',
				email: '={{ $json.email }}',
				options: { rowReference: '={{ $json.id }}' },
			},
			{ input: [{ email: 'pam.beesly@dundermifflin.com', id: reference }] },
		);

		expect(jsonOf(result)[0]).toMatchObject({ rowReference: reference, valid: true });
	});
});
