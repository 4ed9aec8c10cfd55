/**
 * Section 2: the node's own CPU time and memory on verify bulk runs of up to 100,000 rows, the
 * simulator in the bench's process, each case in a fresh child process (its own CPU clock and
 * peak RSS): a 1,000-row warm-up (module loading, JIT), then for each size, smallest first,
 * BENCH_REPEATS times (default 3) a full GC and the measured run; the least CPU time counts.
 */
import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';

import { runNode, type RunNodeResult } from '../../test/harness';
import { verifierRows } from '../../test/costs/datasets';
import { inChild, log } from '../support/child';
import { ENROW_KEY, runEnrow, VERIFY_BULK, withSimulator } from '../support/nodes';
import { megabytes, millis, num, table, type Report, type Section } from '../support/report';

const SIZES = [10_000, 50_000, 100_000];
const HEAP_LIMIT_MB = 192;

export interface OverheadMeasure {
	n: number;
	cpuMs: number;
	wallMs: number;
	rssBefore: number;
	maxRss: number;
	/** V8 heap still in use after the run and a full GC, the run's result alive: its output items. */
	heapRetained: number;
	posts?: number;
	gets?: number;
	/** CPU time of JSON.parse on the finished jobs' GET answers alone (fastest of 5). */
	parseMs?: number;
	responseBytes?: number;
}

export interface OverheadData {
	runs: OverheadMeasure[];
	baselines: OverheadMeasure[];
	/** Whether the 100,000-row run completes with V8's heap capped at HEAP_LIMIT_MB. */
	heapLimit: string;
}

async function measureOverhead(): Promise<OverheadData> {
	const instant = { enrow: { jobDurationMs: { single: 0, bulkBase: 0, bulkPerRow: 0 } } };
	return await withSimulator(instant, async ({ url }) => {
		const run = async (mode: string, sizes: number[], flags: string[] = []) =>
			await inChild<OverheadMeasure[]>('sections/overhead', 'overheadCase', [mode, sizes, url], {
				nodeFlags: ['--expose-gc', ...flags],
				env: flags.length ? { BENCH_REPEATS: '1' } : {},
				label: `${mode} ${sizes.join(',')} ${flags.join(' ')}`.trim(),
			});
		const runs: OverheadMeasure[] = [];
		for (const n of SIZES) runs.push(...(await run('enrow', [n])));
		// One process for every baseline size: the pass-through is cheap, process start-up is not.
		const baselines = await run('baseline', SIZES);
		const heapLimit = await run('enrow', [100_000], [`--max-old-space-size=${HEAP_LIMIT_MB}`]).then(
			() => 'yes',
			(error: Error) => `no (${error.message.split('\n')[0]})`,
		);
		return { runs, baselines, heapLimit };
	});
}

/** The cost of n8n-core (WorkflowExecute, the harness's Source node, run data) any node pays. */
const passThrough: INodeType = {
	description: {
		displayName: 'Bench Pass-Through',
		name: 'benchPassThrough',
		group: ['transform'],
		version: 1,
		description: 'Benchmark baseline: outputs its input items unchanged',
		defaults: { name: 'Pass Through' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		return [
			this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } })),
		];
	},
};

const control = async (url: string, route: string, method = 'GET') =>
	(await (await fetch(`${url}/__sim/${route}`, { method })).json()) as unknown;

async function runCase(mode: string, input: IDataObject[], url: string): Promise<RunNodeResult> {
	if (mode === 'baseline') return await runNode({ nodeType: passThrough, parameters: {}, input });
	return await runEnrow(url, { ...VERIFY_BULK, pollIntervalSeconds: 0.25 }, input);
}

/** CPU time of JSON.parse on the answers of the jobs the simulator holds (fastest of 5). */
async function parseTime(url: string): Promise<Partial<OverheadMeasure>> {
	const { jobs, posts, gets } = (await control(url, 'stats')) as {
		jobs: Array<{ id: string }>;
		posts: number;
		gets: number;
	};
	const headers = { 'x-api-key': ENROW_KEY };
	const bodies = await Promise.all(
		jobs.map(
			async ({ id }) =>
				await (await fetch(`${url}/email/verify/bulk?id=${id}`, { headers })).text(),
		),
	);
	const times = Array.from({ length: 5 }, () => {
		const start = process.cpuUsage();
		for (const body of bodies) JSON.parse(body);
		const used = process.cpuUsage(start);
		return (used.user + used.system) / 1000;
	});
	const responseBytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);
	return { posts, gets, parseMs: Math.min(...times), responseBytes };
}

/** The child's side: one mode over some sizes, smallest first (see the top of this file). */
export async function overheadCase(
	mode: string,
	sizes: number[],
	url: string,
): Promise<OverheadMeasure[]> {
	const gc = (globalThis as { gc?: () => void }).gc!;
	const repeats = Number(process.env.BENCH_REPEATS ?? 3);
	await runCase(mode, verifierRows(1000).rows, url);
	const measures: OverheadMeasure[] = [];
	for (const n of [...sizes].sort((a, b) => a - b)) {
		const input = verifierRows(n).rows;
		let best: OverheadMeasure | undefined;
		for (let round = 0; round < repeats; round++) {
			await control(url, 'reset', 'POST');
			gc();
			gc();
			const { rss, heapUsed } = process.memoryUsage();
			const cpu = process.cpuUsage();
			const started = Date.now();
			const result = await runCase(mode, input, url);
			const wallMs = Date.now() - started;
			const used = process.cpuUsage(cpu);
			gc();
			// `result` is still referenced: what the run leaves behind (the output items n8n keeps).
			const heapRetained = process.memoryUsage().heapUsed - heapUsed;
			if (result.status !== 'success' || result.output.length !== n)
				throw new Error(`${mode} ${n}: ${result.status}, ${result.output.length} items`);
			const cpuMs = (used.user + used.system) / 1000;
			// The peak over every round, against the RSS before the first one.
			const rssBefore = best?.rssBefore ?? rss;
			if (!best || cpuMs < best.cpuMs)
				best = { n, cpuMs, wallMs, rssBefore, heapRetained, maxRss: 0 };
		}
		const measure = { ...best!, maxRss: process.resourceUsage().maxRSS * 1024 };
		if (mode === 'enrow') Object.assign(measure, await parseTime(url));
		log(
			`${mode} ${n}: cpu ${Math.round(measure.cpuMs)} ms (best of ${repeats}), wall ${measure.wallMs} ms`,
		);
		measures.push(measure);
	}
	return measures;
}

function overheadReport(data: OverheadData): Report {
	const pairs = data.runs.map((run) => ({ run, base: data.baselines.find((b) => b.n === run.n)! }));
	const overhead = ({ run, base }: (typeof pairs)[number]) => run.cpuMs - base.cpuMs;
	const increase = (m: OverheadMeasure) => m.maxRss - m.rssBefore;
	const [small, middle, large] = pairs;
	const growth = overhead(large) / overhead(small);
	// Peak RSS per 10,000 rows between sizes: equal slopes = linear. (The increase over the RSS
	// before a run says little at 10,000 rows: such a run fits in pages the warm-up already holds.)
	const slope = (a: OverheadMeasure, b: OverheadMeasure) =>
		(b.maxRss - a.maxRss) / ((b.n - a.n) / 10_000);
	const slopes = [slope(small.run, middle.run), slope(middle.run, large.run)];
	const memory = `process peak RSS +${megabytes(slopes[0])} per 10,000 rows from 10,000 to 50,000, +${megabytes(slopes[1])} from 50,000 to 100,000`;
	const rows = pairs.map((pair) => [
		num(pair.run.n),
		`${millis(pair.run.cpuMs)} / ${millis(pair.run.wallMs)}`,
		millis(pair.base.cpuMs),
		`**${millis(overhead(pair))}**`,
		`${num((overhead(pair) * 1000) / pair.run.n, 1)} µs`,
		`${millis(pair.run.parseMs!)} (${megabytes(pair.run.responseBytes!)})`,
		`${pair.run.posts} / ${pair.run.gets}`,
		`${megabytes(pair.run.maxRss)} / ${megabytes(pair.base.maxRss)}`,
		`**${megabytes(increase(pair.run))}**`,
		`${megabytes(pair.run.heapRetained)} / ${megabytes(pair.base.heapRetained)}`,
	]);
	const body = `Verify bulk in poll mode (first poll after 0.25 s) over the rows of the cost tests (10% duplicates,
2% bad syntax: 100,000 rows → 90,000 sent in 18 jobs), in n8n-core (test/harness), against the
simulator in **another process** with no latency and jobs done at the first GET. CPU =
\`process.cpuUsage()\` of the run's process, best of 3 runs. **Baseline**: a pass-through node over
the same items through the same harness, the cost every node pays. **Node overhead = node run −
baseline**: reading every item's parameters, the syntax check, dedupe, chunking, the HTTP calls
(n8n's request helper, axios, JSON parsing), pairing results with items, the output items.
Memory: the process's RSS high-water mark (getrusage), its increase over the RSS before the
first measured run, and the V8 heap still held after the run and a full GC (its output items).

${table(
	'Rows | Node run: CPU / wall | Baseline CPU | Node overhead (CPU) | Per row | JSON.parse of the answers alone (size) | POSTs / GETs | Peak RSS of the process: node run / baseline | Peak RSS increase during the run | Heap held after the run: node / baseline',
	rows,
)}

- Growth from 10,000 to 100,000 rows (10×): CPU overhead ×${growth.toFixed(1)} (a run's fixed costs weigh more at
  10,000 rows); memory: ${memory}.
- The 100,000-row run also completes with V8's heap capped at ${HEAP_LIMIT_MB} MB (\`--max-old-space-size\`, the
  whole process: ts-node, n8n-core, the input items, the run): **${data.heapLimit}**.
- **JSON.parse alone** is the floor for reading Enrow's answers: overhead no code can avoid.
- CPU figures on a shared 2-core machine vary by ±20% from run to run. Wall times include Enrow's
  10 POST/s and the first poll after 0.25 s. Where the CPU time went: History, below.`;
	return {
		body,
		targets: [
			{
				what: 'Node overhead, 100,000-row verify bulk (CPU)',
				target: '< 1 s',
				measured: `${millis(overhead(large))} (run ${millis(large.run.cpuMs)} − baseline ${millis(large.base.cpuMs)})`,
				met: overhead(large) < 1000,
			},
			{
				what: 'Peak memory, 100,000-row verify bulk',
				target: '< 300 MB',
				measured: `+${megabytes(increase(large.run))} RSS during the run (process peak ${megabytes(large.run.maxRss)}, of which ${megabytes(large.run.rssBefore)} before it: ts-node, n8n-core, the input items)`,
				met: increase(large.run) < 300 * 1024 * 1024,
			},
			{
				what: 'Growth 10,000 → 100,000 rows',
				target: 'linear (×10)',
				measured: `CPU overhead ×${growth.toFixed(1)}; ${memory}`,
				met: growth < 13 && Math.max(...slopes) < 2 * Math.min(...slopes),
			},
		],
	};
}

export const overhead: Section<OverheadData> = {
	title: '2. Node overhead on a 100,000-row bulk run',
	measure: measureOverhead,
	report: overheadReport,
};
