/**
 * Answers as they may be saved and committed: API keys, personal data and job IDs replaced
 * by placeholders of the same kind (an email by an email, a UUID by a UUID, a phone number by
 * as many digits), so the saved answer keeps its shape. The made-up person the probes search
 * for is not personal data and stays, so a saved answer can be asked for again.
 */

export const PLACEHOLDER = {
	email: 'person@example.com',
	uuid: '00000000-0000-4000-8000-000000000000',
	linkedinUrl: 'https://www.linkedin.com/in/placeholder-profile',
	url: 'https://example.com/placeholder',
	firstname: 'Firstname',
	lastname: 'Lastname',
	fullname: 'Firstname Lastname',
	name: 'Name',
};

const EMAIL = /[^\s@"'<>()[\],;:]+@[^\s@"'<>()[\],;:]+\.[a-z]{2,}/gi;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const LINKEDIN_URL = /https?:\/\/(?:[a-z]{2,3}\.)?linkedin\.com\/[^\s"'<>]+/gi;
const URL = /https?:\/\/[^\s"'<>]+/gi;
const IS_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A whole text that is a phone number ("+15705551234", "+1 (570) 555-1234"). */
const IS_PHONE = /^\+?\d[\d\s().-]{5,}\d$/;

/** Keys whose text is a person's name. */
const NAME_KEYS: Record<string, string> = {
	firstname: PLACEHOLDER.firstname,
	first_name: PLACEHOLDER.firstname,
	lastname: PLACEHOLDER.lastname,
	last_name: PLACEHOLDER.lastname,
	fullname: PLACEHOLDER.fullname,
	full_name: PLACEHOLDER.fullname,
	name: PLACEHOLDER.name,
};

/** Keys that hold an ID given by the API (job IDs, task IDs, row IDs). */
const ID_KEYS = new Set(['id', 'task_id', 'index']);

const PHONE_KEYS = new Set(['number', 'phone', 'phone_number']);

/** Letters and digits replaced, length and punctuation kept: "VECGE7KL3DQ" → "XXXXX0XX0XX". */
export function maskLike(value: string): string {
	return value.replace(/[A-Z]/g, 'X').replace(/[a-z]/g, 'x').replace(/[0-9]/g, '0');
}

export interface Anonymizer {
	(value: unknown): unknown;
}

/**
 * @param secrets API keys: removed wherever they appear
 * @param keep texts that are not personal data (the probes' made-up person)
 */
export function anonymizer(secrets: readonly string[], keep: readonly string[]): Anonymizer {
	// Placeholders too: a LinkedIn placeholder is also a URL, and must not be replaced again.
	const kept = new Set([...keep, ...Object.values(PLACEHOLDER)].map((text) => text.toLowerCase()));
	const keepOr = (placeholder: string) => (match: string) =>
		kept.has(match.toLowerCase()) ? match : placeholder;

	const anonymizeText = (text: string): string => {
		let clean = text;
		for (const secret of secrets) if (secret.length >= 4) clean = clean.split(secret).join('***');
		return clean
			.replace(UUID, PLACEHOLDER.uuid)
			.replace(LINKEDIN_URL, keepOr(PLACEHOLDER.linkedinUrl))
			.replace(URL, keepOr(PLACEHOLDER.url))
			.replace(EMAIL, keepOr(PLACEHOLDER.email));
	};

	const anonymize = (value: unknown, key?: string): unknown => {
		if (Array.isArray(value)) return value.map((item) => anonymize(item));
		if (value && typeof value === 'object') {
			return Object.fromEntries(
				Object.entries(value).map(([name, item]) => [name, anonymize(item, name)]),
			);
		}
		if (typeof value !== 'string') return value;
		const lowerKey = key?.toLowerCase() ?? '';
		if (lowerKey in NAME_KEYS && !kept.has(value.toLowerCase())) return NAME_KEYS[lowerKey];
		if (ID_KEYS.has(lowerKey) && !IS_UUID.test(value)) return maskLike(value);
		if (PHONE_KEYS.has(lowerKey) || IS_PHONE.test(value)) return maskLike(value);
		return anonymizeText(value);
	};

	return (value) => anonymize(value);
}
