import { backoffDelayMs, serverRetryDelayMs } from '../../nodes/shared/retryTiming';

describe('backoffDelayMs', () => {
	it('doubles up to the cap, with half the delay random', () => {
		const low = { baseMs: 1000, maxMs: 30_000, random: () => 0 };
		const high = { ...low, random: () => 1 };
		expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, high))).toEqual([
			1000, 2000, 4000, 8000,
		]);
		expect(backoffDelayMs(2, low)).toBe(1000);
		expect(backoffDelayMs(10, high)).toBe(30_000);
	});
});

describe('serverRetryDelayMs', () => {
	const now = Date.UTC(2026, 10, 23, 12, 0, 0);

	it('reads Retry-After in seconds or as a date, whatever the header case', () => {
		expect(serverRetryDelayMs({ 'Retry-After': '3' }, now)).toBe(3000);
		expect(serverRetryDelayMs({ 'retry-after': new Date(now + 5000).toUTCString() }, now)).toBe(
			5000,
		);
	});

	it('reads X-RateLimit-Reset as seconds to wait, or as a Unix time', () => {
		expect(serverRetryDelayMs({ 'x-ratelimit-reset': '2' }, now)).toBe(2000);
		expect(serverRetryDelayMs({ 'X-RateLimit-Reset': String(now / 1000 + 4) }, now)).toBe(4000);
		expect(serverRetryDelayMs({ 'x-ratelimit-reset': String(now + 1500) }, now)).toBe(1500);
	});

	it('gives nothing when there is no usable hint', () => {
		expect(serverRetryDelayMs({}, now)).toBeUndefined();
		expect(serverRetryDelayMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
	});
});
