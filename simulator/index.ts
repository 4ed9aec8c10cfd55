/**
 * Enrow + ValidEmailChecker API simulator: a test double of both remote APIs (quirks included,
 * see simulator/README.md). Import `startSimulator` in tests, or run `npm run simulator`.
 * The core (core/) serves HTTP, control requests and faults; each API (enrow/, validEmailChecker/)
 * registers its routes and state on it here.
 */
import { buildConfig } from './config';
import { listen } from './core/listen';
import type { Logger } from './core/server';
import { SimulatorCore } from './core/simulatorCore';
import { EnrowApi } from './enrow/api';
import type { FaultRule, SimulatorConfigPatch, SimulatorStats } from './types';
import { ValidEmailCheckerApi } from './validEmailChecker/api';

export * from './types';

export interface SimulatorOptions {
	/** 0 or absent: a free port. */
	port?: number;
	/** Default 127.0.0.1 (the control API is not authenticated). */
	host?: string;
	config?: SimulatorConfigPatch;
	/** Receives one line per request (method, path, status); never API keys. */
	log?: Logger;
}

export interface Simulator {
	/** e.g. http://127.0.0.1:43123 (no trailing slash). */
	url: string;
	port: number;
	/** Deep-merges into the config; keys named in an `apiKeys` patch get that balance now. */
	configure(patch: SimulatorConfigPatch): void;
	addFault(rule: FaultRule): void;
	stats(): SimulatorStats;
	/** Jobs, stats, faults and balances back to the config's values (the config is kept). */
	reset(): void;
	/** Finishes every ongoing job now (their webhooks fire). */
	completeAllJobs(): void;
	/** Stops timers, webhook deliveries and connections, then the server. */
	close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
	const config = buildConfig(opts.config);
	const core = new SimulatorCore<SimulatorStats>();
	const enrow = new EnrowApi(config.enrow, core);
	// Enrow first: it also answers for the paths neither API lists (SimulatorCore.register).
	core.register('enrow', enrow);
	core.register('vec', new ValidEmailCheckerApi(config.vec, core));
	const server = await listen(core, opts);
	return {
		url: server.url,
		port: server.port,
		configure: (patch) => core.configure(patch),
		addFault: (rule) => core.faults.add(rule),
		stats: () => core.snapshotStats(),
		reset: () => core.reset(),
		completeAllJobs: () => {
			enrow.completeAllJobs();
		},
		close: () => server.close(),
	};
}
