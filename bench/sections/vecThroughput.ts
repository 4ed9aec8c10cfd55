/**
 * Section 3: ValidEmailChecker throughput at its per-minute limit and below it, each against the
 * best any client could do with the latencies the simulator actually served. One child process
 * runs every case side by side, each with its own simulator (its own account, its own pace):
 * - at the limit: the documented 60 requests per rolling minute, 180 addresses at concurrency 10
 *   (about 2 minutes: the first 60 at once, then 60 a minute);
 * - below it: concurrency 1 at the documented limit (about 30 a minute), and concurrency 5, 10
 *   and 20 with the limit raised to 1,000 a minute (the node follows the X-RateLimit-Limit the
 *   answers report), 50 addresses per lane.
 */
import { runNode } from '../../test/harness';
import { inChild, log } from '../support/child';
import { ValidEmailChecker, ValidEmailCheckerApi, withSimulator } from '../support/nodes';
import { num, seconds, table, type Report, type Section } from '../support/report';

const LATENCY_MS = { min: 1000, max: 3000 };
const WINDOW_MS = 60_000;
const TARGET = 0.95;
const VERIFY = { resource: 'email', operation: 'verify', email: '={{ $json.email }}' };

interface VecCase {
	kind: 'at' | 'below';
	concurrency: number;
	/** The simulator's per-minute limit (what X-RateLimit-Limit reports). */
	perMinuteLimit: number;
	items: number;
}

const CASES: VecCase[] = [
	{ kind: 'at', concurrency: 10, perMinuteLimit: 60, items: 180 },
	{ kind: 'below', concurrency: 1, perMinuteLimit: 60, items: 50 },
	{ kind: 'below', concurrency: 5, perMinuteLimit: 1000, items: 250 },
	{ kind: 'below', concurrency: 10, perMinuteLimit: 1000, items: 500 },
	{ kind: 'below', concurrency: 20, perMinuteLimit: 1000, items: 1000 },
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
	const { kind, concurrency, perMinuteLimit, items } = testCase;
	const limits = { latencyMs: LATENCY_MS, perMinuteLimit, perDayLimit: 1_000_000 };
	return await withSimulator({ vec: limits }, async (simulator) => {
		const input = Array.from({ length: items }, (_, i) => ({
			email: `person${i}.${kind}${concurrency}@acme.io`,
		}));
		const started = Date.now();
		const result = await runNode({
			nodeType: new ValidEmailChecker(),
			parameters: { ...VERIFY, options: { concurrency } },
			credentials: { validEmailCheckerApi: { apiKey: 'sim-vec-key', baseUrl: simulator.url } },
			credentialTypes: [new ValidEmailCheckerApi()],
			input,
		});
		const wallMs = Date.now() - started;
		const stats = simulator.stats();
		const receivedAt = new Map<string, number>();
		for (const { body, status, at } of stats.requests) {
			const email = (body as { email?: string } | undefined)?.email;
			if (email && status === 200) receivedAt.set(email, at);
		}
		// Request received → verdict stamped, for each address.
		const latenciesMs = result.output.map(
			({ json }) => Date.parse(String(json.verified_at)) - receivedAt.get(String(json.email))!,
		);
		if (!latenciesMs.every(Number.isFinite)) throw new Error('latency not measurable');
		log(`VEC ${kind} limit, concurrency ${concurrency}: ${items} items in ${wallMs} ms`);
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
	});
}

/** The child's side: every case, side by side. */
export async function vecCases(): Promise<VecMeasurement[]> {
	return await Promise.all(CASES.map(measure));
}

async function measureVec(): Promise<VecMeasurement[]> {
	return await inChild<VecMeasurement[]>('sections/vecThroughput', 'vecCases', [], {
		label: 'VEC',
	});
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * The best schedule for these latencies: requests start in input order, each on the first free
 * lane, and no earlier than 60 s after the request `limit` places before it, so no rolling minute
 * receives more than `limit`.
 */
function bestScheduleMs(latencies: number[], lanes: number, limit: number): number {
	const free = new Array<number>(lanes).fill(0);
	const starts: number[] = [];
	let makespan = 0;
	latencies.forEach((latency, k) => {
		let lane = 0;
		for (let i = 1; i < lanes; i++) if (free[i] < free[lane]) lane = i;
		const start = Math.max(free[lane], k >= limit ? starts[k - limit] + WINDOW_MS : 0);
		starts.push(start);
		free[lane] = start + latency;
		makespan = Math.max(makespan, free[lane]);
	});
	return makespan;
}

/** At the limit, the best schedule; below it, items ÷ (concurrency ÷ mean latency). */
const idealMs = (run: VecMeasurement) =>
	run.kind === 'at'
		? bestScheduleMs(run.latenciesMs, run.concurrency, run.perMinuteLimit)
		: sum(run.latenciesMs) / run.concurrency;
const perMinute = (items: number, ms: number) => (items / ms) * 60_000;

function vecReport(runs: VecMeasurement[]): Report {
	const rows = runs.map((run) => [
		run.kind === 'at' ? '**at** the limit' : 'below',
		`${num(run.perMinuteLimit)} / min`,
		String(run.concurrency),
		num(run.items),
		`${num(sum(run.latenciesMs) / run.items)} ms`,
		seconds(run.wallMs),
		seconds(idealMs(run)),
		`${num(perMinute(run.items, run.wallMs), 1)} / min`,
		`**${(idealMs(run) / run.wallMs).toFixed(2)}**`,
		String(run.busiestMinute),
		String(run.refused),
		String(run.maxConcurrent),
	]);
	const at = runs.find((run) => run.kind === 'at')!;
	const below = runs.filter((run) => run.kind === 'below');
	const atRatio = idealMs(at) / at.wallMs;
	const belowRatios = below.map(
		(run) => `c=${run.concurrency}: ${(idealMs(run) / run.wallMs).toFixed(2)}`,
	);
	const checks = runs.every(
		(run) =>
			run.status === 'success' &&
			run.outputs === run.items &&
			run.refused === 0 &&
			run.busiestMinute <= run.perMinuteLimit,
	);
	const body = `The node's real execute() in n8n-core verifying distinct addresses against the simulator, which
answers each call after a uniformly random ${LATENCY_MS.min / 1000}–${LATENCY_MS.max / 1000} s (ValidEmailChecker's documented "typical 1–3
seconds") and enforces a per-minute limit over a rolling 60 s window, per account. All cases run
side by side, each with its own simulator. **At the limit**: the documented 60 requests a minute,
${at.items} addresses at concurrency ${at.concurrency} (the first 60 go at once, then 60 a minute). **Below it**: concurrency 1 at the
documented limit, and concurrency 5, 10 and 20 with the limit raised to 1,000 a minute (the node
follows the X-RateLimit-Limit the answers report), 50 addresses per lane.

${table(
	'Case | Limit | Concurrency | Items | Mean latency served | Wall time | Ideal time | Throughput | Ratio to ideal | Busiest minute at the API | 429s | Max in flight',
	rows,
)}

### How to read it

- **The ideal is computed from the latencies the simulator served** (request received → verdict
  stamped), so no run can beat it. Below the limit: items ÷ (concurrency ÷ mean latency), lanes
  that never wait between calls. At the limit: the best schedule for those latencies that never
  lets a rolling minute receive more than the limit (requests in input order, each on the first
  free lane, none sooner than 60 s after the one 60 places before it).
- What keeps the node below 1.0: its own overhead between a verdict and the lane's next request;
  below the limit, the end of the run, when fewer calls than the concurrency are left; at the
  limit, that a request counts until 60 s after its *answer* (the node cannot know when
  ValidEmailChecker counted it), about one latency per minute.
- **Busiest minute**: the most requests the simulator received in any rolling 60 s; **429s**: the
  refusals its limits gave. The node keeps under the limit by itself.`;
	return {
		body,
		targets: [
			{
				what: `ValidEmailChecker throughput at its per-minute limit (60 / min, concurrency ${at.concurrency})`,
				target: `≥ ${TARGET} of ideal, 0 × 429`,
				measured: `${atRatio.toFixed(2)} of ideal (${num(perMinute(at.items, at.wallMs), 1)} / min for ${num(at.items)} items; busiest minute ${at.busiestMinute}); ${at.refused} × 429`,
				met: checks && atRatio >= TARGET,
			},
			{
				what: 'ValidEmailChecker throughput below its per-minute limit (concurrency ÷ latency)',
				target: `≥ ${TARGET} of ideal`,
				measured: belowRatios.join(', '),
				met: checks && below.every((run) => idealMs(run) / run.wallMs >= TARGET),
			},
		],
	};
}

export const vecThroughput: Section<VecMeasurement[]> = {
	title: '3. ValidEmailChecker throughput at its rate limit and below it',
	measure: measureVec,
	report: vecReport,
};
