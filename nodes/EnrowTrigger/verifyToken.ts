import { createHash, timingSafeEqual } from 'crypto';

/**
 * A token as n8n's query parser may have delivered it: that parser reads a `+` in the URL as a
 * space (form encoding), so a secret with `+` (as `openssl rand -base64` makes them) arrives
 * with spaces unless the caller wrote `%2B`. Reading every space as `+`, on both sides, lets the
 * secret as the user typed it match either way of writing it.
 */
function asTyped(token: string): string {
	return token.replace(/ /g, '+');
}

/**
 * Compares the `?token=` of a webhook call with the configured secret in constant time.
 * Hashing both first gives equal lengths, so the comparison leaks neither the secret
 * nor its length.
 */
export function tokenMatches(received: unknown, secret: string): boolean {
	if (typeof received !== 'string' || received.length === 0) return false;
	const digest = (value: string) => createHash('sha256').update(asTyped(value)).digest();
	return timingSafeEqual(digest(received), digest(secret));
}
