import type { EnrowConfig } from './types';

/** The simulated Enrow as its docs describe it, with one key and a large balance. */
export function defaultEnrowConfig(): EnrowConfig {
	return {
		apiKeys: { 'sim-enrow-key': { credits: 1_000_000 } },
		jobDurationMs: { single: 1500, bulkBase: 2000, bulkPerRow: 0.2 },
		insufficientCredits: '402',
		findBulkOngoingStatus: 200,
		phoneBulkLimit: 3000,
		phoneCost: 40,
		creditsSource: 'sub',
		rateLimitPerSecond: 10,
		rateLimitHeader: 'none',
		globalWebhook: null,
		unknownIdStyle: 'docs-new',
		shuffleBulkResults: true,
		finderMissPercent: 0,
		verifierInvalidPercent: 0,
		webhookDelayMs: 0,
	};
}
