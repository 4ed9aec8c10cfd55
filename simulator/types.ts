/**
 * Public types of the Enrow + ValidEmailChecker simulator (a test double of both remote APIs):
 * the core's (faults, requests) and each API's, put together the way `startSimulator` takes and
 * gives them. Everything here is plain JSON so it crosses the control API unchanged.
 */
import type { RequestStats } from './core/types';
import type { EnrowConfig, EnrowConfigPatch, EnrowStats } from './enrow/types';
import type { VecConfig, VecConfigPatch, VecStats } from './validEmailChecker/types';

export type { FaultRule, FaultType, RequestRecord } from './core/types';
export type {
	EnrowConfig,
	JobDetails,
	JobKind,
	JobStatus,
	JobSummary,
	WebhookDelivery,
} from './enrow/types';
export type { VecConfig, VecKeyConfig } from './validEmailChecker/types';

export interface SimulatorConfig {
	enrow: EnrowConfig;
	vec: VecConfig;
}

/**
 * What `configure()` and `POST /__sim/config` accept: any subset, merged into the current config.
 * Objects merge key by key (so an `apiKeys` patch adds or updates keys); arrays are replaced.
 */
export interface SimulatorConfigPatch {
	enrow?: EnrowConfigPatch;
	vec?: VecConfigPatch;
}

export type SimulatorStats = RequestStats & EnrowStats & { vec: VecStats };
