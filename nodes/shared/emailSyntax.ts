/**
 * A deliberately loose syntax check: it only rejects strings that no mail server could
 * accept (no "@", spaces, no dot in the domain...), so a real address is never refused
 * here. Its job is to keep obvious junk from costing credits.
 */
const PLAUSIBLE_EMAIL =
	/^[^\s@"(),:;<>[\\\]]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+(?:\p{L}{2,}|xn--[a-z0-9-]+)$/iu;

export const MAX_EMAIL_LENGTH = 254;

export function isPlausibleEmail(value: string): boolean {
	if (value.length > MAX_EMAIL_LENGTH) return false;
	const local = value.slice(0, value.lastIndexOf('@'));
	if (local.length === 0 || local.length > 64 || local.startsWith('.') || local.endsWith('.')) {
		return false;
	}
	if (local.includes('..')) return false;
	return PLAUSIBLE_EMAIL.test(value);
}
