/**
 * Section 3, one child process: the ValidEmailChecker node (real execute() in n8n-core) against
 * the simulator answering each verification after 1–3 s (uniform), every case side by side,
 * each with its own simulator (so its own account and its own pace in the node):
 * - at the limit: the documented 60 requests per rolling minute, 180 addresses at concurrency 10
 *   (about 2 minutes: the first 60 at once, then 60 a minute);
 * - below it: concurrency 1 at the documented limit (about 30 a minute), and concurrency 5, 10
 *   and 20 with the simulator's limit raised to 1,000 a minute (the node follows the
 *   X-RateLimit-Limit the answers report), each with about 100 s of work.
 */
import { runNode } from '../../test/harness';
import { startSimulator } from '../../simulator';
import { childMain, log } from '../support/child';
import { ValidEmailChecker, ValidEmailCheckerApi } from '../support/nodes';

export const LATENCY_MS = { min: 1000, max: 3000 };
export const WINDOW_MS = 60_000;
export const DOCUMENTED_LIMIT = 60;
export const RAISED_LIMIT = 1_000;
export const ITEMS_PER_LANE = 50;

export interface VecCase {
	/** 'at' the per-minute limit, or 'below' it. */
	kind: 'at' | 'below';
	concurrency: number;
	/** The simulator's per-minute limit (what X-RateLimit-Limit reports). */
	perMinuteLimit: number;
	items: number;
}

export const CASES: VecCase[] = [
	{ kind: 'at', concurrency: 10, perMinuteLimit: DOCUMENTED_LIMIT, items: 180 },
	{ kind: 'below', concurrency: 1, perMinuteLimit: DOCUMENTED_LIMIT, items: ITEMS_PER_LANE },
	...[5, 10, 20].map((concurrency) => ({
		kind: 'below' as const,
		concurrency,
		perMinuteLimit: RAISED_LIMIT,
		items: ITEMS_PER_LANE * concurrency,
	})),
];

export interface VecMeasurement extends VecCase {
	wallMs: number;
	/** The latencies the simulator served (request received → verdict stamped), in input order. */
	latenciesMs: number[];
	maxConcurrent: number;
	/** Most requests the simulator let through in any rolling 60 s. */
	busiestMinute: number;
	/** 429s the simulator's limits gave. */
	refused: number;
	status: string;
	outputs: number;
}

async function measure(testCase: VecCase): Promise<VecMeasurement> {
	const { concurrency, perMinuteLimit, items } = testCase;
	const simulator = await startSimulator({
		config: { vec: { latencyMs: LATENCY_MS, perMinuteLimit, perDayLimit: 1_000_000 } },
	});
	try {
		const input = Array.from({ length: items }, (_, i) => ({
			email: `person${i}.${testCase.kind}${concurrency}@acme.io`,
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
			if (email && request.status === 200) receivedAt.set(email, request.at);
		}
		const latenciesMs = result.output.map((item) => {
			const email = String(item.json.email);
			return Date.parse(String(item.json.verified_at)) - (receivedAt.get(email) ?? NaN);
		});
		if (latenciesMs.some((latency) => !Number.isFinite(latency)))
			throw new Error('latency not measurable');
		log(`VEC ${testCase.kind} limit, concurrency ${concurrency}: ${items} items in ${wallMs} ms`);
		return {
			...testCase,
			wallMs,
			latenciesMs,
			maxConcurrent: stats.vec.maxConcurrent,
			busiestMinute: stats.vec.maxCallsInAnyMinute,
			refused: stats.vec.rateLimited.perMinute + stats.vec.rateLimited.perDay,
			status: result.status,
			outputs: result.output.length,
		};
	} finally {
		await simulator.close();
	}
}

// Only as a child process; the section module imports this file for its types and constants.
if (require.main === module) childMain(async () => await Promise.all(CASES.map(measure)));
