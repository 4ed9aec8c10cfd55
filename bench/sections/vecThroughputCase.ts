/**
 * Section 3, one child process: the ValidEmailChecker node (real execute() in n8n-core) against
 * the simulator answering each verification after 1–3 s (uniform), at concurrency 1, 5, 10 and 20,
 * the four side by side, each with its own simulator. Each level gets about 40 s of work (items
 * = 20 × concurrency) so the end of the run (the last answers, when fewer than `concurrency` are
 * left) weighs little.
 */
import { runNode } from '../../test/harness';
import { startSimulator } from '../../simulator';
import { childMain, log } from '../support/child';
import { ValidEmailChecker, ValidEmailCheckerApi } from '../support/nodes';

export const LEVELS = [1, 5, 10, 20];
export const ITEMS_PER_LANE = 20;
export const LATENCY_MS = { min: 1000, max: 3000 };

export interface VecLevel {
	concurrency: number;
	items: number;
	wallMs: number;
	/** Sum of the measured latencies (request received → verdict stamped). */
	sumLatencyMs: number;
	/** Makespan of the best online schedule for those latencies: items handed out in input order to the first free lane. */
	boundMs: number;
	maxConcurrent: number;
	status: string;
	outputs: number;
}

/** Greedy list scheduling (what any concurrency limiter that keeps input order can do at best). */
function listScheduleMs(latencies: number[], lanes: number): number {
	const free = new Array<number>(lanes).fill(0);
	for (const latency of latencies) {
		let lane = 0;
		for (let i = 1; i < lanes; i++) if (free[i] < free[lane]) lane = i;
		free[lane] += latency;
	}
	return Math.max(...free);
}

async function level(concurrency: number): Promise<VecLevel> {
	const simulator = await startSimulator({
		config: { vec: { latencyMs: LATENCY_MS, perMinuteLimit: 1_000_000, perDayLimit: 1_000_000 } },
	});
	try {
		const items = ITEMS_PER_LANE * concurrency;
		const input = Array.from({ length: items }, (_, i) => ({
			email: `person${i}.c${concurrency}@acme.io`,
		}));
		const started = Date.now();
		const result = await runNode({
			nodeType: new ValidEmailChecker(),
			parameters: {
				resource: 'email',
				operation: 'verify',
				email: '={{ $json.email }}',
				options: { concurrency },
			},
			credentials: { validEmailCheckerApi: { apiKey: 'sim-vec-key', baseUrl: simulator.url } },
			credentialTypes: [new ValidEmailCheckerApi()],
			input,
		});
		const wallMs = Date.now() - started;
		const stats = simulator.stats();
		const receivedAt = new Map<string, number>();
		for (const request of stats.requests) {
			const email = (request.body as { email?: string } | undefined)?.email;
			if (email) receivedAt.set(email, request.at);
		}
		const latencies = result.output.map((item) => {
			const email = String(item.json.email);
			return Date.parse(String(item.json.verified_at)) - (receivedAt.get(email) ?? NaN);
		});
		if (latencies.some((latency) => !Number.isFinite(latency)))
			throw new Error('latency not measurable');
		log(`VEC concurrency ${concurrency}: ${items} items in ${wallMs} ms`);
		return {
			concurrency,
			items,
			wallMs,
			sumLatencyMs: latencies.reduce((sum, latency) => sum + latency, 0),
			boundMs: listScheduleMs(latencies, concurrency),
			maxConcurrent: stats.vec.maxConcurrent,
			status: result.status,
			outputs: result.output.length,
		};
	} finally {
		await simulator.close();
	}
}

// Only as a child process; the section modules import this file for its types and constants.
if (require.main === module) childMain(async () => await Promise.all(LEVELS.map(level)));
