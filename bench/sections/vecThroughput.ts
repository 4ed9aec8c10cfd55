/** Section 3: ValidEmailChecker throughput against concurrency, with 1–3 s per verification. */
import { runChild } from '../support/child';
import { num, ratio, seconds, table } from '../support/format';
import type { SectionReport } from '../support/report';
import { ITEMS_PER_LANE, LATENCY_MS, type VecLevel } from './vecThroughputCase';

const MEAN_LATENCY_MS = (LATENCY_MS.min + LATENCY_MS.max) / 2;
const ideal = (level: VecLevel) => (level.items * MEAN_LATENCY_MS) / level.concurrency;

export async function measureVec(): Promise<VecLevel[]> {
	return await runChild<VecLevel[]>('bench/sections/vecThroughputCase.ts', [], { label: 'VEC' });
}

export function vecReport(levels: VecLevel[] | Error, wallMs: number): SectionReport {
	const title = '3. ValidEmailChecker throughput against concurrency';
	if (levels instanceof Error) {
		return {
			title,
			body: `Not measured: the run failed.\n\n\`\`\`\n${levels.message}\n\`\`\``,
			targets: [
				{
					what: 'ValidEmailChecker throughput at concurrency 10',
					target: '≥ 0.9 of ideal',
					measured: 'failed',
					met: null,
				},
			],
			wallMs,
		};
	}
	const rows = levels.map((level) => [
		String(level.concurrency),
		num(level.items),
		seconds(level.wallMs),
		seconds(ideal(level)),
		`**${ratio(ideal(level) / level.wallMs)}**`,
		`${num(level.sumLatencyMs / level.items)} ms`,
		seconds(level.boundMs),
		ratio(level.boundMs / level.wallMs),
		`${num((level.wallMs - level.boundMs) / (level.items / level.concurrency))} ms`,
		String(level.maxConcurrent),
	]);
	const ten = levels.find((level) => level.concurrency === 10)!;
	const body = `The node's real execute() in n8n-core, verifying ${ITEMS_PER_LANE} × concurrency distinct addresses
(so each level has about 40 s of work), against the simulator answering each call after a uniformly
random ${LATENCY_MS.min / 1000}–${LATENCY_MS.max / 1000} s (ValidEmailChecker's documented "typical 1–3 seconds"). The four levels
run side by side, each with its own simulator; the simulator's per-minute limit is lifted (at
concurrency 20 and 2 s per call the node makes 600 calls a minute: set Concurrency to what your
plan's per-minute limit allows).

${table(
	[
		'Concurrency',
		'Items',
		'Wall time',
		'Ideal (items × 2 s ÷ concurrency)',
		'Fraction of ideal',
		'Mean latency measured',
		'Best schedule for those latencies',
		'Fraction of best',
		'Time lost per call',
		'Max in flight at the API',
	],
	rows,
)}

### How to read it

- **Fraction of ideal** is the target's measure: ideal = items × mean latency ÷ concurrency, a
  perfect pipe with no gaps and average latencies.
- Two things keep any client below 1.0, apart from its own overhead: the drawn latencies (their
  mean is not exactly 2 s) and the end of the run, when fewer calls than the concurrency are left
  and lanes sit idle. **Best schedule** removes both: it is the makespan of the same calls, with
  the latencies the simulator measured (request received → verdict), handed out in input order
  to the first free lane — what any limiter that keeps input order does at best. **Fraction of
  best** is then the node's own efficiency, and **time lost per call** what it spends between a
  verdict and its lane's next request (n8n's request helper, the HTTP round trip, the harness).
- At concurrency 10: ${ratio(ideal(ten) / ten.wallMs)} of ideal, ${ratio(ten.boundMs / ten.wallMs)} of the best schedule.
`;
	return {
		title,
		body,
		targets: [
			{
				what: 'ValidEmailChecker throughput at concurrency 10',
				target: '≥ 0.9 of ideal',
				measured: `${ratio(ideal(ten) / ten.wallMs)} of ideal (${ratio(ten.boundMs / ten.wallMs)} of the best schedule); ${levels
					.map((level) => `c=${level.concurrency}: ${ratio(ideal(level) / level.wallMs)}`)
					.join(', ')}`,
				met: ideal(ten) / ten.wallMs >= 0.9,
			},
		],
		wallMs,
	};
}
