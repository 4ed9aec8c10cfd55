/**
 * `npm run simulator [-- --port N] [--quiet]`: runs the simulator until SIGINT/SIGTERM.
 * Port: --port, else SIMULATOR_PORT, else 8787 (0 = any free port).
 * Optional env: SIMULATOR_HOST, SIMULATOR_JOB_MS (single job duration), SIMULATOR_BULK_JOB_MS
 * (bulk base duration), SIMULATOR_FINDER_MISS_PERCENT, SIMULATOR_VEC_LATENCY_MS ("min" or "min,max"),
 * SIMULATOR_CONFIG (JSON, deep-merged last).
 */
import { startSimulator } from './index';
import type { SimulatorConfigPatch } from './types';
import { deepMerge } from './core/merge';

function argValue(name: string): string | undefined {
	const args = process.argv.slice(2);
	const inline = args.find((arg) => arg.startsWith(`${name}=`));
	if (inline) return inline.slice(name.length + 1);
	const at = args.indexOf(name);
	return at === -1 ? undefined : args[at + 1];
}

function numberFrom(text: string | undefined, what: string): number | undefined {
	if (text === undefined || text.trim() === '') return undefined;
	const value = Number(text);
	if (!Number.isFinite(value) || value < 0)
		throw new Error(`${what} must be a non-negative number, got "${text}"`);
	return value;
}

function configFromEnv(env: NodeJS.ProcessEnv): SimulatorConfigPatch {
	const patch: SimulatorConfigPatch = { enrow: { jobDurationMs: {} }, vec: {} };
	const jobDurationMs = patch.enrow!.jobDurationMs!;
	const single = numberFrom(env.SIMULATOR_JOB_MS, 'SIMULATOR_JOB_MS');
	if (single !== undefined) jobDurationMs.single = single;
	const bulkBase = numberFrom(env.SIMULATOR_BULK_JOB_MS, 'SIMULATOR_BULK_JOB_MS');
	if (bulkBase !== undefined) jobDurationMs.bulkBase = bulkBase;
	const miss = numberFrom(env.SIMULATOR_FINDER_MISS_PERCENT, 'SIMULATOR_FINDER_MISS_PERCENT');
	if (miss !== undefined) patch.enrow!.finderMissPercent = miss;
	if (env.SIMULATOR_VEC_LATENCY_MS) {
		const [min, max = min] = env.SIMULATOR_VEC_LATENCY_MS.split(',');
		patch.vec!.latencyMs = {
			min: numberFrom(min, 'SIMULATOR_VEC_LATENCY_MS'),
			max: numberFrom(max, 'SIMULATOR_VEC_LATENCY_MS'),
		};
	}
	if (env.SIMULATOR_CONFIG)
		deepMerge(patch as Record<string, unknown>, JSON.parse(env.SIMULATOR_CONFIG));
	return patch;
}

async function main(): Promise<void> {
	const port = numberFrom(argValue('--port') ?? process.env.SIMULATOR_PORT, 'port') ?? 8787;
	const quiet = process.argv.includes('--quiet');
	const simulator = await startSimulator({
		port,
		host: process.env.SIMULATOR_HOST,
		config: configFromEnv(process.env),
		log: quiet ? undefined : (line) => console.log(line),
	});
	console.log(`Enrow + ValidEmailChecker simulator listening on ${simulator.url}`);
	// Fake keys that only this simulator accepts: fine to print.
	console.log('Enrow API key: sim-enrow-key');
	console.log('ValidEmailChecker API key: sim-vec-key');

	const stop = (signal: string) => {
		console.log(`${signal}: stopping the simulator`);
		void simulator.close().then(() => process.exit(0));
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
	console.error(`Simulator failed to start: ${error.message}`);
	process.exit(1);
});
