import { createHash, timingSafeEqual } from 'crypto';

/**
 * Compares the `?token=` of a webhook call with the configured secret in constant time.
 * Hashing both first gives equal lengths, so the comparison leaks neither the secret
 * nor its length.
 */
export function tokenMatches(received: unknown, secret: string): boolean {
	if (typeof received !== 'string' || received.length === 0) return false;
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(received), digest(secret));
}
