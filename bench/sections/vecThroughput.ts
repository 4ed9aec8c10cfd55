/**
 * Section 3: ValidEmailChecker throughput at its per-minute limit and below it, each against
 * the best any client could do with the latencies the simulator actually served.
 */
import { runChild } from '../support/child';
import { num, ratio, seconds, table } from '../support/format';
import type { SectionReport } from '../support/report';
import { LATENCY_MS, WINDOW_MS, type VecMeasurement } from './vecThroughputCase';

export const TARGET = 0.95;

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * The best schedule for these latencies: requests start in input order, each on the first free
 * lane, and (at the limit) no earlier than 60 s after the request `limit` places before it, so
 * no rolling minute receives more than `limit`. With no limit in reach it is plain list scheduling.
 */
export function bestScheduleMs(latencies: number[], lanes: number, limit: number): number {
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

/** The ideal duration: at the limit, the best schedule; below it, items ÷ (concurrency ÷ mean latency). */
export function idealMs(run: VecMeasurement): number {
	return run.kind === 'at'
		? bestScheduleMs(run.latenciesMs, run.concurrency, run.perMinuteLimit)
		: sum(run.latenciesMs) / run.concurrency;
}

const perMinute = (items: number, ms: number) => (items / ms) * 60_000;

export async function measureVec(): Promise<VecMeasurement[]> {
	return await runChild<VecMeasurement[]>('bench/sections/vecThroughputCase.ts', [], {
		label: 'VEC',
	});
}

function failed(title: string, error: Error, wallMs: number): SectionReport {
	return {
		title,
		body: `Not measured: the run failed.\n\n\`\`\`\n${error.message}\n\`\`\``,
		targets: ['at its per-minute limit', 'below its per-minute limit'].map((where) => ({
			what: `ValidEmailChecker throughput ${where}`,
			target: `≥ ${TARGET} of ideal`,
			measured: 'failed',
			met: null,
		})),
		wallMs,
	};
}

export function vecReport(runs: VecMeasurement[] | Error, wallMs: number): SectionReport {
	const title = '3. ValidEmailChecker throughput at its rate limit and below it';
	if (runs instanceof Error) return failed(title, runs, wallMs);

	const rows = runs.map((run) => {
		const ideal = idealMs(run);
		const meanLatency = sum(run.latenciesMs) / run.items;
		return [
			run.kind === 'at' ? '**at** the limit' : 'below',
			`${num(run.perMinuteLimit)} / min`,
			String(run.concurrency),
			num(run.items),
			`${num(meanLatency)} ms`,
			seconds(run.wallMs),
			seconds(ideal),
			`${num(perMinute(run.items, run.wallMs), 1)} / min`,
			`${num(perMinute(run.items, ideal), 1)} / min`,
			`**${ratio(ideal / run.wallMs)}**`,
			String(run.busiestMinute),
			String(run.refused),
			String(run.maxConcurrent),
		];
	});
	const at = runs.find((run) => run.kind === 'at')!;
	const below = runs.filter((run) => run.kind === 'below');
	const atRatio = idealMs(at) / at.wallMs;
	const belowRatios = below.map((run) => idealMs(run) / run.wallMs);
	const allRan = runs.every((run) => run.status === 'success' && run.outputs === run.items);
	const noRefusal = runs.every((run) => run.refused === 0);
	const withinLimit = runs.every((run) => run.busiestMinute <= run.perMinuteLimit);

	const body = `The node's real execute() in n8n-core verifying distinct addresses against the simulator, which
answers each call after a uniformly random ${LATENCY_MS.min / 1000}–${LATENCY_MS.max / 1000} s (ValidEmailChecker's documented "typical 1–3
seconds") and enforces a per-minute limit over a rolling 60 s window, per account. All cases run
side by side, each with its own simulator (its own account).

- **At the limit**: ValidEmailChecker's documented 60 requests a minute, ${num(at.items)} addresses at
  concurrency ${at.concurrency}: the first 60 go at once, then 60 a minute (so over the whole run, more
  than 60 a minute: the ideal counts the same first burst).
- **Below it**: concurrency 1 at the documented limit (about 30 a minute at 2 s a call), and
  concurrency 5, 10 and 20 with the simulator's limit raised to ${num(below[below.length - 1].perMinuteLimit)} a minute (the node follows the
  X-RateLimit-Limit the answers report), ${num(below[0].items)} addresses per lane.

${table(
	[
		'Case',
		'Limit',
		'Concurrency',
		'Items',
		'Mean latency served',
		'Wall time',
		'Ideal time',
		'Throughput',
		'Ideal throughput',
		'Ratio to ideal',
		'Busiest minute at the API',
		'429s',
		'Max in flight',
	],
	rows,
)}

### How to read it

- **The ideal is computed from the latencies the simulator served** (request received →
  verdict stamped, for each address), so no measured run can beat it (a ratio above 1 would
  mean the ideal is wrong).
  - Below the limit: items ÷ (concurrency ÷ mean latency), the throughput of lanes that never
    wait between calls.
  - At the limit: the best schedule for those latencies that never lets a rolling minute
    receive more than the limit: requests in input order, each on the first free lane, and
    none sooner than 60 s after the one 60 places before it (60 a minute after the first 60).
- What keeps the node below 1.0: its own overhead between a verdict and the lane's next request
  (n8n's request helper, the HTTP round trip); below the limit, the end of the run, when fewer
  calls than the concurrency are left; at the limit, that a request counts until 60 s after its
  *answer* (the node cannot know when ValidEmailChecker counted it, between sending and
  answering), which costs about one latency per minute.
- **Busiest minute** is the most requests the simulator received in any rolling 60 s; **429s**
  the refusals its limits gave: the node keeps under the limit by itself.
- At the limit: ${ratio(atRatio)} of ideal; below it: ${below.map((run, i) => `c=${run.concurrency}: ${ratio(belowRatios[i])}`).join(', ')}.
`;
	const checks = allRan && noRefusal && withinLimit;
	return {
		title,
		body,
		targets: [
			{
				what: `ValidEmailChecker throughput at its per-minute limit (60 / min, concurrency ${at.concurrency})`,
				target: `≥ ${TARGET} of ideal, 0 × 429`,
				measured: `${ratio(atRatio)} of ideal (${num(perMinute(at.items, at.wallMs), 1)} / min for ${num(at.items)} items; busiest minute ${at.busiestMinute}); ${at.refused} × 429`,
				met: checks && atRatio >= TARGET,
			},
			{
				what: 'ValidEmailChecker throughput below its per-minute limit (concurrency ÷ latency)',
				target: `≥ ${TARGET} of ideal`,
				measured: below
					.map((run, i) => `c=${run.concurrency}: ${ratio(belowRatios[i])}`)
					.join(', '),
				met: checks && belowRatios.every((value) => value >= TARGET),
			},
		],
		wallMs,
	};
}
