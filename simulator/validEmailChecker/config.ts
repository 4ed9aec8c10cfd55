import type { VecConfig } from './types';

/** The simulated ValidEmailChecker with its documented limits, one key and a large balance. */
export function defaultVecConfig(): VecConfig {
	return {
		apiKeys: { 'sim-vec-key': { credits: 100_000 } },
		latencyMs: { min: 1000, max: 3000 },
		perMinuteLimit: 60,
		perDayLimit: 10_000,
		blockedIps: [],
		ipBlockAfterRefusals: 30,
		statusMixPercent: {},
	};
}
