/**
 * Section 2, one child process per case (its own heap, so the peak RSS is this case's):
 *
 *   enrow <N> <simulatorUrl> [profile]   verify bulk of N rows, poll mode, simulator in another process
 *   baseline <N,N,...>                   a pass-through node over the same N items, same harness
 *                                        (sizes one after the other, smallest first)
 *
 * A warm-up run of 1,000 rows first (module loading, JIT), then a full GC, then the measured run:
 * CPU time (process.cpuUsage: this process only, so not the simulator's), wall time, RSS before
 * and the process's RSS high-water mark (getrusage maxRSS). The enrow case then fetches the
 * finished jobs' GET answers again and times JSON.parse on them alone.
 * With `profile`, the measured run is profiled (V8 sampling profiler) and the hottest
 * functions are returned with file:line.
 */
import * as fs from 'fs';
import { Session } from 'inspector';
import type { IDataObject } from 'n8n-workflow';

import { runNode, type RunNodeResult } from '../../test/harness';
import { childMain, log } from '../support/child';
import { verifierRows } from '../support/datasets';
import { ENROW_KEY, runEnrow, VERIFY_BULK } from '../support/enrowRun';
import { passThroughNodeType } from '../support/nodes';
import { topHotspots, type Hotspots } from '../support/profile';
import { control } from '../support/simulatorProcess';

export interface OverheadMeasure {
	mode: 'enrow' | 'baseline';
	n: number;
	cpuMs: number;
	userMs: number;
	systemMs: number;
	wallMs: number;
	rssBefore: number;
	maxRss: number;
	/** V8 heap still in use after the run and a full GC, the run's result alive: its output items. */
	heapRetained: number;
	outputs: number;
	status: string;
	posts?: number;
	gets?: number;
	jobs?: number;
	/** CPU time of JSON.parse on the finished jobs' GET answers (fastest of 5). */
	parseMs?: number;
	responseBytes?: number;
	hotspots?: Hotspots;
}

const PARAMETERS = { ...VERIFY_BULK, pollIntervalSeconds: 0.25 };

async function runCase(mode: string, input: IDataObject[], url?: string): Promise<RunNodeResult> {
	if (mode === 'enrow') return await runEnrow(url!, PARAMETERS, input);
	return await runNode({
		nodeType: passThroughNodeType(),
		typeName: 'bench.passThrough',
		parameters: {},
		input,
	});
}

async function profiled<T>(work: () => Promise<T>): Promise<{ result: T; profile: unknown }> {
	const session = new Session();
	session.connect();
	const post = async (method: string, params?: object) =>
		await new Promise<unknown>((resolve, reject) =>
			session.post(method, params, (error, answer) => (error ? reject(error) : resolve(answer))),
		);
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: 200 });
	await post('Profiler.start');
	const result = await work();
	const { profile } = (await post('Profiler.stop')) as { profile: unknown };
	session.disconnect();
	return { result, profile };
}

async function measure(
	mode: string,
	n: number,
	url: string | undefined,
	profileFlag: string | undefined,
): Promise<OverheadMeasure> {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run with --expose-gc');

	const input = verifierRows(n).rows;
	const repeats = Number(process.env.BENCH_REPEATS ?? 3);

	// The fastest of a few runs: CPU time on a shared machine only ever comes out too high.
	let best: Omit<OverheadMeasure, 'maxRss'> | undefined;
	let profile: unknown;
	let firstRssBefore = 0;
	for (let round = 0; round < repeats; round++) {
		if (url) await control(url, 'POST', 'reset');
		gc();
		gc();
		const { rss: rssBefore, heapUsed: heapBefore } = process.memoryUsage();
		if (round === 0) firstRssBefore = rssBefore;
		const cpu = process.cpuUsage();
		const started = Date.now();
		let result: RunNodeResult;
		if (profileFlag === 'profile') {
			({ result, profile } = await profiled(async () => await runCase(mode, input, url)));
		} else {
			result = await runCase(mode, input, url);
		}
		const wallMs = Date.now() - started;
		const used = process.cpuUsage(cpu);
		gc();
		// `result` is still referenced: what the run leaves behind (the output items n8n keeps).
		const heapRetained = process.memoryUsage().heapUsed - heapBefore;
		const measure = {
			mode: mode as OverheadMeasure['mode'],
			n,
			cpuMs: (used.user + used.system) / 1000,
			userMs: used.user / 1000,
			systemMs: used.system / 1000,
			wallMs,
			rssBefore,
			heapRetained,
			outputs: result.output.length,
			status: result.status,
		};
		if (result.status !== 'success' || result.output.length !== n) {
			throw new Error(`${mode} ${n}: ${result.status}, ${result.output.length} items`);
		}
		if (!best || measure.cpuMs < best.cpuMs) best = measure;
	}
	const measure: OverheadMeasure = {
		...best!,
		// The peak over every round, against the RSS before the first one.
		rssBefore: firstRssBefore,
		maxRss: process.resourceUsage().maxRSS * 1024,
	};
	log(
		`${mode} ${n}: cpu ${Math.round(measure.cpuMs)} ms (best of ${repeats}), wall ${measure.wallMs} ms`,
	);
	if (profile) {
		measure.hotspots = topHotspots(profile);
		if (process.env.BENCH_PROFILE_FILE)
			fs.writeFileSync(process.env.BENCH_PROFILE_FILE, JSON.stringify(profile));
	}

	if (mode === 'enrow') {
		const stats = (await control(url!, 'GET', 'stats')) as {
			posts: number;
			gets: number;
			jobs: Array<{ id: string }>;
		};
		Object.assign(measure, { posts: stats.posts, gets: stats.gets, jobs: stats.jobs.length });
		const bodies: string[] = [];
		for (const job of stats.jobs) {
			const response = await fetch(`${url}/email/verify/bulk?id=${job.id}`, {
				headers: { 'x-api-key': ENROW_KEY },
			});
			bodies.push(await response.text());
		}
		const times: number[] = [];
		for (let round = 0; round < 5; round++) {
			// CPU time, like the runs' figures: waiting for a busy CPU is not parsing.
			const start = process.cpuUsage();
			for (const body of bodies) JSON.parse(body);
			const used = process.cpuUsage(start);
			times.push((used.user + used.system) / 1000);
		}
		measure.parseMs = Math.min(...times);
		measure.responseBytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);
	}
	return measure;
}

// Only as a child process; the section modules import this file for its types and constants.
if (require.main === module)
	childMain(async ([mode, sizes, url, profileFlag]): Promise<OverheadMeasure[]> => {
		// A warm-up run first: module loading and JIT are not the node's per-run cost.
		await runCase(mode, verifierRows(1000).rows, url);
		const measures: OverheadMeasure[] = [];
		// Sizes in increasing order, so each size's peak is the high-water mark when it ends.
		for (const n of sizes
			.split(',')
			.map(Number)
			.sort((a, b) => a - b)) {
			measures.push(await measure(mode, n, url, profileFlag));
		}
		return measures;
	});
