/**
 * Domains that are never the company's own, whatever a spreadsheet's "website" column says:
 * - personal email providers: an email address mapped into Company Domain
 *   ("dwight@gmail.com" reads as gmail.com);
 * - social networks and profile sites: a LinkedIn company page or a Facebook page mapped as
 *   the website (reads as linkedin.com, facebook.com).
 * Sent to Enrow, such a domain searches the person at Gmail or LinkedIn: nothing useful, and a
 * charge if an address comes back. So the node reads it as no domain (the Company Name alone,
 * or a free error for the item). People who work at these companies have other work domains
 * (google.com, microsoft.com, meta.com...); LinkedIn's and X's own staff are found by Company
 * Name ("LinkedIn").
 *
 * An entry is a domain, which matches with its subdomains (fr.linkedin.com, m.facebook.com), or
 * `name.*`: that name under any ending of one or two short labels (yahoo.com, yahoo.fr,
 * yahoo.co.uk, yahoo.com.br). Keep the lists to services nobody uses as a company's own domain.
 */

const PERSONAL_EMAIL_PROVIDERS = [
	// Google, Yahoo, Microsoft, Apple, AOL
	'gmail.com',
	'googlemail.com',
	'yahoo.*',
	'ymail.com',
	'rocketmail.com',
	'hotmail.*',
	'outlook.*',
	'live.com',
	'live.fr',
	'live.co.uk',
	'live.nl',
	'live.be',
	'live.de',
	'live.it',
	'live.ca',
	'live.com.au',
	'msn.com',
	'windowslive.com',
	'icloud.com',
	'me.com',
	'mac.com',
	'aol.*',
	'aim.com',
	// Privacy-minded and independent providers
	'proton.me',
	'protonmail.com',
	'protonmail.ch',
	'pm.me',
	'tutanota.com',
	'tuta.io',
	'fastmail.com',
	'hey.com',
	'zohomail.com',
	'mail.com',
	'gmx.*',
	// Europe
	'web.de',
	't-online.de',
	'freenet.de',
	'orange.fr',
	'wanadoo.fr',
	'free.fr',
	'sfr.fr',
	'laposte.net',
	'libero.it',
	'virgilio.it',
	'seznam.cz',
	'wp.pl',
	'o2.pl',
	'interia.pl',
	'btinternet.com',
	// Russia and Asia
	'yandex.*',
	'ya.ru',
	'mail.ru',
	'bk.ru',
	'inbox.ru',
	'list.ru',
	'qq.com',
	'163.com',
	'126.com',
	'sina.com',
	'naver.com',
	'daum.net',
	'hanmail.net',
	'rediffmail.com',
	// North American internet providers
	'comcast.net',
	'verizon.net',
	'att.net',
	'sbcglobal.net',
];

const SOCIAL_AND_PROFILE_SITES = [
	'linkedin.com',
	'lnkd.in',
	'facebook.com',
	'twitter.com',
	'x.com',
	'instagram.com',
	'tiktok.com',
	'youtube.com',
	'linktr.ee',
];

/** Why a domain is not a company's, as the error for the item says it. */
export type NonCompanyDomainKind = 'a personal email provider' | 'a social network or profile site';

function matcher(entries: string[]): RegExp {
	const names = entries.map((entry) => {
		const escaped = entry.replace(/\.\*$/, '').replace(/[.]/g, '\\.');
		return entry.endsWith('.*') ? `${escaped}\\.[a-z]{2,3}(?:\\.[a-z]{2,3})?` : escaped;
	});
	return new RegExp(`(?:^|\\.)(?:${names.join('|')})$`);
}

const KINDS: Array<[RegExp, NonCompanyDomainKind]> = [
	[matcher(PERSONAL_EMAIL_PROVIDERS), 'a personal email provider'],
	[matcher(SOCIAL_AND_PROFILE_SITES), 'a social network or profile site'],
];

/** Why `domain` (normalised: `gmail.com`, not `https://Gmail.com/`) is no company's own, if it is not. */
export function nonCompanyDomainKind(domain: string): NonCompanyDomainKind | undefined {
	return KINDS.find(([pattern]) => pattern.test(domain))?.[1];
}
