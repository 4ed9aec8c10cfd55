/**
 * What "the same person" means when rows are deduplicated, and the form each value is
 * sent to Enrow in (README, "Duplicates"). A value is normalised once, when it is read,
 * so the row sent and the row compared are the same text.
 */

/** A name or company name: spaces trimmed and collapsed, accents in one Unicode form. */
export function normalizeText(value: string): string {
	return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * A company domain as Enrow wants it: `https://www.Acme.com:443/about?x=1` → `acme.com`.
 * Scheme, user, `www.`, port, path, query, fragment and a trailing dot are dropped, and
 * capitals lowered (domain names are not case-sensitive).
 */
export function normalizeDomain(value: string): string {
	return value
		.trim()
		.toLowerCase()
		.replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
		.replace(/^[^/?#@]*@/, '')
		.split(/[/?#]/)[0]
		.replace(/:\d*$/, '')
		.replace(/\.+$/, '')
		.replace(/^www\d*\./, '');
}

const LINKEDIN_PROFILE =
	/^(?:https?:\/\/)?(?:[a-z]{2,3}\.|www\.|m\.)?linkedin\.com\/(in|pub)\/([^/?#\s]+)/i;

/**
 * A LinkedIn profile URL in one form: `linkedin.com/in/Michael-Scott/?trk=x`,
 * `https://fr.linkedin.com/in/michael-scott` → `https://www.linkedin.com/in/michael-scott`.
 * Profile slugs are not case-sensitive. A URL that is not a profile URL is kept as given.
 */
export function normalizeLinkedinUrl(value: string): string {
	const match = LINKEDIN_PROFILE.exec(value.trim());
	if (!match) return value.trim();
	return `https://www.linkedin.com/${match[1].toLowerCase()}/${match[2].toLowerCase()}`;
}

/** A dedupe key part: normalised text compared without regard to capitals. */
export function sameText(value: string | undefined): string {
	return (value ?? '').toLowerCase();
}

/** Normalises a value that was given; one that normalises to nothing counts as not given. */
export function normalizeGiven(
	value: string | undefined,
	normalize: (text: string) => string,
): string | undefined {
	return (value && normalize(value)) || undefined;
}

/**
 * What people type, or spreadsheets and scripts write, where a value is unknown: "N/A",
 * "n.a.", "-", "—", "?", ".", "none", "null", "undefined", "NaN", "unknown", "TBD", "#N/A",
 * "[object Object]"... Compared without capitals and without punctuation around the word.
 */
const PLACEHOLDER_WORDS = new Set([
	'na',
	'n/a',
	'n.a',
	'n a',
	'nil',
	'none',
	'null',
	'undefined',
	'nan',
	'unknown',
	'tbd',
	'tba',
	'tbc',
	'not available',
	'not applicable',
	'not provided',
	'not set',
	'object object',
]);

const PUNCTUATION_AROUND = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu;

/** True for a value that stands for "no value": punctuation alone, or a placeholder word. */
export function isPlaceholder(value: string): boolean {
	const word = value.toLowerCase().replace(PUNCTUATION_AROUND, '').replace(/\s+/g, ' ');
	return word === '' || PLACEHOLDER_WORDS.has(word);
}
