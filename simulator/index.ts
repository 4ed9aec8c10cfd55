/**
 * Enrow + ValidEmailChecker API simulator: a test double of both remote APIs, following
 * shared/api-docs (quirks included). Import `startSimulator` in tests, or run `npm run simulator`.
 */
import { buildConfig } from './config';
import { completeAllJobs } from './enrow/jobs';
import { createHttpServer, trackSockets, type Logger } from './server';
import { SimulatorState } from './state';
import type { FaultRule, SimulatorConfigPatch, SimulatorStats } from './types';

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
	const state = new SimulatorState(buildConfig(opts.config));
	const server = createHttpServer(state, opts.log);
	const sockets = trackSockets(server);
	const host = opts.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : Number(opts.port);
	const urlHost = host.includes(':') ? `[${host}]` : host;

	return {
		url: `http://${urlHost}:${port}`,
		port,
		configure: (patch) => state.configure(patch),
		addFault: (rule) => state.faults.add(rule),
		stats: () => state.snapshotStats(),
		reset: () => state.reset(),
		completeAllJobs: () => {
			completeAllJobs(state);
		},
		close: async () => {
			state.jobTimers.clear();
			state.requestTimers.clear();
			state.webhooks.abortAll();
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
