import {
	findEmail,
	findPhone,
	normaliseDomain,
	splitFullName,
	verifyEmail,
} from '../../simulator/enrow/rules';
import { shuffledOrder } from '../../simulator/enrow/resultOrder';
import { verdictFor } from '../../simulator/validEmailChecker/rules';

describe('Enrow finder rules', () => {
	it('builds first.last@domain without accents or punctuation', () => {
		const outcome = findEmail(
			{ fullname: 'Élodie Van der Berg', companyDomain: 'https://www.Acme.io/about?x=1' },
			0,
		);
		expect(outcome).toMatchObject({
			found: true,
			email: 'elodie.vanderberg@acme.io',
			domain: 'acme.io',
			firstname: 'Élodie',
			lastname: 'Van der Berg',
		});
		expect(findEmail({ fullname: "O'Neil", companyDomain: 'x.com' }, 0).email).toBe('oneil@x.com');
	});

	it('derives the domain from the company name when no domain is given', () => {
		expect(findEmail({ fullname: 'Jim Halpert', companyName: 'Air Fränce' }, 0).email).toBe(
			'jim.halpert@airfrance.com',
		);
	});

	it('finds nothing for nobody, unknown or stealth companies, and the miss percentage', () => {
		expect(findEmail({ fullname: 'Mr NoBody', companyDomain: 'acme.com' }, 0).found).toBe(false);
		expect(findEmail({ fullname: 'Jim Halpert', companyDomain: 'unknown-corp.com' }, 0).found).toBe(
			false,
		);
		expect(findEmail({ fullname: 'Jim Halpert', companyName: 'Stealth Startup' }, 0)).toMatchObject(
			{ found: false, email: null },
		);
		expect(findEmail({ fullname: 'Jim Halpert', companyDomain: 'acme.com' }, 100).found).toBe(
			false,
		);
		const names = Array.from({ length: 200 }, (_, i) => `Person ${i}`);
		const missed = names.filter(
			(fullname) => !findEmail({ fullname, companyDomain: 'acme.com' }, 30).found,
		).length;
		expect(missed).toBeGreaterThan(30);
		expect(missed).toBeLessThan(90);
	});

	it('gives a stable gender only when asked', () => {
		const first = findEmail(
			{ fullname: 'Pam Beesly', companyDomain: 'dm.com', retrieveGender: true },
			0,
		);
		expect(['female', 'male']).toContain(first.gender);
		expect(
			findEmail({ fullname: 'Pam Beesly', companyDomain: 'dm.com', retrieveGender: true }, 0)
				.gender,
		).toBe(first.gender);
		expect(
			findEmail({ fullname: 'Pam Beesly', companyDomain: 'dm.com' }, 0).gender,
		).toBeUndefined();
	});

	it('normalises domains and splits names', () => {
		expect(normaliseDomain('HTTP://WWW.Dunder-Mifflin.com:8080/path')).toBe('dunder-mifflin.com');
		expect(splitFullName('  Dwight   K Schrute ')).toEqual({
			firstname: 'Dwight',
			lastname: 'K Schrute',
		});
	});
});

describe('Enrow verifier and phone rules', () => {
	it.each([
		['pam@dundermifflin.com', 'valid'],
		['invalid.pam@dm.com', 'invalid'],
		['BOUNCE@dm.com', 'invalid'],
		['noreply@dm.com', 'invalid'],
		['pam@unknown.com', 'invalid'],
		['pam@dm.invalid', 'invalid'],
		['not-an-email', 'invalid'],
	])('%s is %s', (email, qualification) => {
		expect(verifyEmail(email)).toBe(qualification);
	});

	it('finds phones except for nophone / nobody', () => {
		const found = findPhone({ linkedinUrl: 'https://www.linkedin.com/in/michael-scott/' });
		expect(found).toMatchObject({ found: true, country: 'US' });
		expect(found.number).toMatch(/^\+1570555\d{4}$/);
		expect(findPhone({ linkedinUrl: 'https://www.linkedin.com/in/michael-scott/' })).toEqual(found);
		expect(findPhone({ linkedinUrl: 'https://linkedin.com/in/nophone-guy' }).found).toBe(false);
		expect(findPhone({ firstName: 'Nobody', lastName: 'X', company: 'acme.com' }).found).toBe(
			false,
		);
	});
});

describe('bulk result order', () => {
	it('is a permutation that differs from the submitted order', () => {
		for (const size of [2, 3, 10, 100]) {
			const order = shuffledOrder(size, `seed-${size}`);
			expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, i) => i));
			expect(order).not.toEqual(Array.from({ length: size }, (_, i) => i));
		}
		expect(shuffledOrder(1, 'x')).toEqual([0]);
	});
});

describe('ValidEmailChecker rules', () => {
	it('fills every documented field', () => {
		const verdict = verdictFor(
			'support@validemailchecker.com',
			new Date('2026-05-19T20:35:27.124Z'),
		);
		expect(verdict).toEqual({
			email: 'support@validemailchecker.com',
			status: 'role_account',
			is_valid: true,
			is_disposable: false,
			is_role_account: true,
			is_catch_all: false,
			is_free_email: false,
			mx_found: true,
			domain: 'validemailchecker.com',
			risk_score: 7,
			deliverability: 'high',
			credits_used: 1,
			verified_at: '2026-05-19T20:35:27.124Z',
			reason: 'Role account detected',
		});
	});

	it('marks syntax errors invalid without MX', () => {
		for (const email of ['no-at-sign', 'a@nodot', '@x.com', 'a b@x.com']) {
			expect(verdictFor(email)).toMatchObject({
				status: 'invalid',
				mx_found: false,
				is_valid: false,
			});
		}
	});
});
