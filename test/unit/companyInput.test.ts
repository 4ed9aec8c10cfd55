import { nonCompanyDomainKind } from '../../nodes/Enrow/actions/nonCompanyDomains';
import { isPlaceholder, normalizeDomain } from '../../nodes/Enrow/actions/normalizeInput';

describe('isPlaceholder', () => {
	it.each([
		'N/A',
		'n/a',
		'NA',
		'n.a.',
		'#N/A',
		'-',
		'—',
		'–',
		'--',
		'?',
		'.',
		'...',
		'none',
		'(none)',
		'NULL',
		'undefined',
		'NaN',
		'unknown',
		'TBD',
		'Not available',
		'[object Object]',
	])('%p stands for no value', (value) => expect(isPlaceholder(value)).toBe(true));

	it.each([
		'acme.com',
		'Dunder Mifflin',
		'NASA',
		'X',
		'None Such Records',
		'n/a-corp.com',
		'N/A Inc',
	])('%p is a value', (value) => expect(isPlaceholder(value)).toBe(false));
});

describe('nonCompanyDomainKind', () => {
	it.each([
		'gmail.com',
		'googlemail.com',
		'yahoo.com',
		'yahoo.fr',
		'yahoo.co.uk',
		'yahoo.com.br',
		'mail.yahoo.com',
		'hotmail.com',
		'hotmail.fr',
		'outlook.com',
		'outlook.de',
		'live.com',
		'msn.com',
		'icloud.com',
		'me.com',
		'aol.com',
		'proton.me',
		'protonmail.com',
		'gmx.de',
		'gmx.net',
		'mail.com',
		'yandex.ru',
		'orange.fr',
		'web.de',
	])('%s is a personal email provider', (domain) =>
		expect(nonCompanyDomainKind(domain)).toBe('a personal email provider'),
	);

	it.each([
		'linkedin.com',
		'fr.linkedin.com',
		'facebook.com',
		'm.facebook.com',
		'twitter.com',
		'x.com',
		'instagram.com',
	])('%s is a social network or profile site', (domain) =>
		expect(nonCompanyDomainKind(domain)).toBe('a social network or profile site'),
	);

	it.each([
		'dundermifflin.com',
		'google.com',
		'microsoft.com',
		'meta.com',
		'olive.com',
		'notgmail.com',
		'gmail.com.evil.io',
		'outlook.agency',
		'mymail.com',
		'linkedinsider.com',
		'box.com',
	])('%s is a company domain', (domain) => expect(nonCompanyDomainKind(domain)).toBeUndefined());

	it('reads what normalizeDomain makes of an address or a page URL', () => {
		expect(nonCompanyDomainKind(normalizeDomain('Dwight@Gmail.com'))).toBe(
			'a personal email provider',
		);
		expect(nonCompanyDomainKind(normalizeDomain('https://www.linkedin.com/company/acme/'))).toBe(
			'a social network or profile site',
		);
	});
});
