/** The simulator's whole config: each API's defaults, merged with a patch. */
import { deepMerge } from './core/merge';
import { defaultEnrowConfig } from './enrow/config';
import type { SimulatorConfig, SimulatorConfigPatch } from './types';
import { defaultVecConfig } from './validEmailChecker/config';

export function defaultConfig(): SimulatorConfig {
	return { enrow: defaultEnrowConfig(), vec: defaultVecConfig() };
}

export function buildConfig(patch?: SimulatorConfigPatch): SimulatorConfig {
	const config = defaultConfig();
	if (patch) deepMerge(config as unknown as Record<string, unknown>, patch);
	return config;
}
