/**
 * Deterministic outcomes of the simulated Enrow searches. Same input, same answer, every time.
 *
 * Email Finder
 * - Domain: `company_domain` normalised (scheme, `www.`, port, path and query stripped, lowercased);
 *   with only `company_name`: its slug (accents removed, lowercase, only a-z0-9 kept) + `.com`.
 * - NOT found (`qualification: "invalid"`, `email: null`, credit refunded) when:
 *   the fullname contains `nobody` (any case); or the domain or company name contains `unknown` or
 *   `stealth`; or hash(lowercased fullname + '|' + domain) % 100 < `enrow.finderMissPercent`
 *   (default 0); or the name or domain leaves nothing usable once normalised.
 * - Else found (`valid`): `first.last@domain`, each part lowercased, accents removed (NFD), chars
 *   outside a-z0-9 dropped; `firstname` = first word of fullname, `lastname` = the remaining words
 *   (so "Mary Ann Smith" gives mary.annsmith@...); a single-word name gives `first@domain`.
 * - `settings.retrieve_gender: true` adds `info.gender`: 'female' when hash(lowercased first name)
 *   is even, else 'male'.
 *
 * Email Verifier
 * - `invalid` when the local part contains `invalid`, `bounce` or `noreply`, or the domain contains
 *   `unknown` or ends with `.invalid` (all case-insensitive); or
 *   hash('verify|' + lowercased address) % 100 < `enrow.verifierInvalidPercent` (default 0);
 *   else `valid`.
 * - The single POST refuses strings without `@` or without a dot after it (400 "invalid email
 *   format"); the bulk POST accepts any string, and such a string's result is `invalid`.
 *
 * Phone Finder
 * - `not_found` when the linkedin_url, first name or last name contains `nophone` or `nobody`
 *   (any case); else `found`, number `+1570555` + 4 digits from a hash of the search, country `US`.
 */
import { hashOf } from '../core/hash';

/** Lowercase, accents removed (NFD), only a-z and 0-9 kept. */
export function asciiSlug(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

/** "https://www.Dunder-Mifflin.com/about?x=1" -> "dunder-mifflin.com". */
export function normaliseDomain(input: string): string {
	return input
		.trim()
		.toLowerCase()
		.replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
		.replace(/^www\./, '')
		.replace(/[/?#].*$/, '')
		.replace(/:\d+$/, '');
}

export function domainFromCompanyName(name: string): string {
	const slug = asciiSlug(name);
	return slug ? `${slug}.com` : '';
}

/** First word, and the remaining words, of a full name (original spelling). */
export function splitFullName(fullname: string): { firstname: string; lastname: string } {
	const [firstname = '', ...rest] = fullname.trim().split(/\s+/);
	return { firstname, lastname: rest.join(' ') };
}

/** "Acme-Corp.io" -> "Acme-corp": what the finder reports as the company name when only a domain was given. */
export function companyNameFromDomain(domain: string): string {
	const label = domain.split('.')[0] ?? '';
	return label.charAt(0).toUpperCase() + label.slice(1);
}

export interface FinderSearch {
	fullname: string;
	companyDomain?: string;
	companyName?: string;
	retrieveGender?: boolean;
}

export interface FinderOutcome {
	found: boolean;
	email: string | null;
	domain: string;
	firstname: string;
	lastname: string;
	gender?: 'female' | 'male';
}

const containsAny = (text: string, words: string[]) =>
	words.some((word) => text.toLowerCase().includes(word));

export function findEmail(search: FinderSearch, missPercent: number): FinderOutcome {
	const domain = search.companyDomain
		? normaliseDomain(search.companyDomain)
		: domainFromCompanyName(search.companyName ?? '');
	const { firstname, lastname } = splitFullName(search.fullname);
	const localPart = [asciiSlug(firstname), asciiSlug(lastname)].filter(Boolean).join('.');
	const missed =
		containsAny(search.fullname, ['nobody']) ||
		containsAny(`${domain} ${search.companyName ?? ''}`, ['unknown', 'stealth']) ||
		hashOf(`${search.fullname.toLowerCase()}|${domain}`) % 100 < missPercent ||
		!localPart ||
		!domain;
	const gender = search.retrieveGender ? genderOf(firstname) : undefined;
	return {
		found: !missed,
		email: missed ? null : `${localPart}@${domain}`,
		domain,
		firstname,
		lastname,
		...(gender ? { gender } : {}),
	};
}

export function genderOf(firstname: string): 'female' | 'male' {
	return hashOf(firstname.toLowerCase()) % 2 === 0 ? 'female' : 'male';
}

/** What the single verify POST accepts: an `@` with a dot somewhere after it. */
export function looksLikeEmail(email: string): boolean {
	const at = email.indexOf('@');
	return at > -1 && email.indexOf('.', at) > -1;
}

export function verifyEmail(email: string, invalidPercent = 0): 'valid' | 'invalid' {
	const lower = email.trim().toLowerCase();
	if (!looksLikeEmail(lower)) return 'invalid';
	const at = lower.lastIndexOf('@');
	const local = lower.slice(0, at);
	const domain = lower.slice(at + 1);
	const bad =
		containsAny(local, ['invalid', 'bounce', 'noreply']) ||
		domain.includes('unknown') ||
		domain.endsWith('.invalid') ||
		hashOf(`verify|${lower}`) % 100 < invalidPercent;
	return bad ? 'invalid' : 'valid';
}

export function isLinkedinProfileUrl(url: string): boolean {
	return url.toLowerCase().includes('linkedin.com/in/');
}

export interface PhoneSearch {
	linkedinUrl?: string;
	firstName?: string;
	lastName?: string;
	company?: string;
}

export interface PhoneOutcome {
	found: boolean;
	number?: string;
	country?: string;
}

export function findPhone(search: PhoneSearch): PhoneOutcome {
	const identity = search.linkedinUrl
		? search.linkedinUrl.toLowerCase()
		: [search.firstName, search.lastName, search.company].join('|').toLowerCase();
	const names = search.linkedinUrl
		? [search.linkedinUrl]
		: [search.firstName ?? '', search.lastName ?? ''];
	if (names.some((text) => containsAny(text, ['nophone', 'nobody']))) return { found: false };
	const digits = String(hashOf(identity) % 10_000).padStart(4, '0');
	return { found: true, number: `+1570555${digits}`, country: 'US' };
}
