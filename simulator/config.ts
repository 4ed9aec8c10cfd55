import type { SimulatorConfig, SimulatorConfigPatch } from './types';

export function defaultConfig(): SimulatorConfig {
	return {
		enrow: {
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
		},
		vec: {
			apiKeys: { 'sim-vec-key': { credits: 100_000 } },
			latencyMs: { min: 1000, max: 3000 },
			perMinuteLimit: 60,
			perDayLimit: 10_000,
			blockedIps: [],
			ipBlockAfterRefusals: 30,
			statusMixPercent: {},
		},
	};
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges `patch` into `target` in place: objects key by key, everything else (arrays too) replaced. */
export function deepMerge(target: Record<string, unknown>, patch: unknown): void {
	if (!isPlainObject(patch)) return;
	for (const [key, value] of Object.entries(patch)) {
		if (value === undefined) continue;
		const current = target[key];
		if (isPlainObject(value) && isPlainObject(current)) {
			deepMerge(current, value);
		} else {
			target[key] = isPlainObject(value) || Array.isArray(value) ? clone(value) : value;
		}
	}
}

export function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

export function buildConfig(patch?: SimulatorConfigPatch): SimulatorConfig {
	const config = defaultConfig();
	if (patch) deepMerge(config as unknown as Record<string, unknown>, patch);
	return config;
}
