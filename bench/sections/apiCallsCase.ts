/**
 * Section 1, one child process: counts what runs cost at the simulator. Arguments are runs, all
 * made side by side, each against its own in-process simulator (so no run shares a count):
 *
 *   bulk:<verify|find>:<N>       the node's bulk operation, poll mode
 *   webhook:<verify|find>:<N>    the same in webhook mode: paused, then the callbacks replayed
 *   naive:<verify|find>:<N>:<paced|unpaced>   one single job per row, each polled every 2 s
 */
import type { SimulatorConfigPatch, SimulatorStats } from '../../simulator';
import { startSimulator } from '../../simulator';
import { runWebhook } from '../../test/harness';
import { childMain, log } from '../support/child';
import { finderRows, verifierRows, type DataSet } from '../support/datasets';
import { completedCount, FIND_BULK, runEnrow, VERIFY_BULK } from '../support/enrowRun';
import { runNaive, type NaiveKind } from '../support/naiveClient';

/** Bulk jobs last 3 s + 4 ms per row (5,000 rows: 23 s); single jobs 1.5 s. */
export const JOB_DURATIONS: SimulatorConfigPatch = {
	enrow: { jobDurationMs: { single: 1500, bulkBase: 3000, bulkPerRow: 4 } },
};

export interface Counts {
	posts: number;
	gets: number;
	jobs: number;
	rowsSent: number;
	credits: number;
	maxPostsInAnyOneSecond: number;
	jobDurationsMs: number[];
}

export interface BulkMeasure {
	kind: NaiveKind;
	n: number;
	data: Omit<DataSet, 'rows'>;
	status: string;
	outputs: number;
	completed: number;
	syntaxOutputs: number;
	counts: Counts;
	wallMs: number;
}

export interface WebhookMeasure extends BulkMeasure {
	/** The node's reads of its jobs in the 2 s before it paused. */
	getsBeforePause: number;
	getsWhilePaused: number;
	postsWhilePaused: number;
	callbacks: number;
	getsPerCallback: number[];
	resumedOnCallback: number;
}

export interface NaiveMeasure {
	kind: NaiveKind;
	n: number;
	paced: boolean;
	data: Omit<DataSet, 'rows'>;
	counts: Counts;
	wallMs: number;
	rejected: number;
	retried429: number;
}

const dataFor = (kind: NaiveKind, n: number) =>
	kind === 'verify' ? verifierRows(n) : finderRows(n);
const withoutRows = ({ rows: _rows, ...rest }: DataSet) => rest;

function countsOf(stats: SimulatorStats): Counts {
	return {
		posts: stats.posts,
		gets: stats.gets,
		jobs: stats.jobsCreated,
		rowsSent: stats.jobs.reduce((sum, job) => sum + job.rows, 0),
		credits: stats.credits.charged,
		maxPostsInAnyOneSecond: stats.maxPostsAttemptedInAnyOneSecond,
		jobDurationsMs: stats.jobs.map((job) => job.completesAt - job.createdAt),
	};
}

async function bulk(kind: NaiveKind, n: number): Promise<BulkMeasure> {
	const simulator = await startSimulator({ config: JOB_DURATIONS });
	try {
		const data = dataFor(kind, n);
		const started = Date.now();
		const result = await runEnrow(
			simulator.url,
			kind === 'verify' ? VERIFY_BULK : FIND_BULK,
			data.rows,
		);
		const wallMs = Date.now() - started;
		log(`bulk ${kind} ${n}: ${result.status} in ${wallMs} ms`);
		return {
			kind,
			n,
			data: withoutRows(data),
			status: result.status,
			outputs: result.output.length,
			completed: completedCount(result),
			syntaxOutputs: result.output.filter((item) => item.json.reason === 'syntax').length,
			counts: countsOf(simulator.stats()),
			wallMs,
		};
	} finally {
		await simulator.close();
	}
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Webhook mode in the harness: the node pauses; the simulator's deliveries go to the harness's
 * resume URL (nothing listens there), so each recorded delivery is replayed, in the order Enrow
 * sent them, as the same POST to the resume URL (runWebhook).
 */
async function webhook(kind: NaiveKind, n: number): Promise<WebhookMeasure> {
	const simulator = await startSimulator({ config: JOB_DURATIONS });
	try {
		const data = dataFor(kind, n);
		const started = Date.now();
		const parameters = { ...(kind === 'verify' ? VERIFY_BULK : FIND_BULK), waitMode: 'webhook' };
		let run = await runEnrow(simulator.url, parameters, data.rows);
		if (run.status !== 'waiting')
			throw new Error(`webhook ${kind} ${n}: ${run.status}, not waiting`);
		const jobs = simulator.stats().jobsCreated;
		// The node reads its jobs for 2 s before it pauses (a job done by then needs no pause).
		const getsBeforePause = simulator.stats().gets;
		let getsWhilePaused = -1;
		const getsPerCallback: number[] = [];
		let resumedOnCallback = 0;
		let callbacks = 0;
		// Each delivery is replayed as soon as the simulator has made it, as Enrow's call would arrive.
		while (resumedOnCallback === 0) {
			const stats = simulator.stats();
			if (getsWhilePaused < 0 && stats.webhookDeliveries.length > 0)
				getsWhilePaused = stats.gets - getsBeforePause;
			const delivery = [...stats.webhookDeliveries].sort((a, b) => a.at - b.at)[callbacks];
			if (!delivery) {
				if (callbacks >= jobs)
					throw new Error(`webhook ${kind} ${n}: not resumed after every callback`);
				await sleep(250);
				continue;
			}
			callbacks++;
			const call = await runWebhook({
				waiting: run,
				url: delivery.url,
				body: { event: delivery.event, id: delivery.jobId, credits: { cost: 0 } },
			});
			getsPerCallback.push(simulator.stats().gets - stats.gets);
			run = call.result;
			if (call.resumed) resumedOnCallback = callbacks;
		}
		const postsWhilePaused = simulator.stats().posts - jobs;
		const wallMs = Date.now() - started;
		log(
			`webhook ${kind} ${n}: ${run.status} after ${getsPerCallback.length} callbacks, ${wallMs} ms`,
		);
		return {
			kind,
			n,
			data: withoutRows(data),
			status: run.status,
			outputs: run.output.length,
			completed: completedCount(run),
			getsBeforePause,
			syntaxOutputs: run.output.filter((item) => item.json.reason === 'syntax').length,
			counts: countsOf(simulator.stats()),
			wallMs,
			getsWhilePaused,
			postsWhilePaused,
			callbacks: jobs,
			getsPerCallback,
			resumedOnCallback,
		};
	} finally {
		await simulator.close();
	}
}

async function naive(kind: NaiveKind, n: number, paced: boolean): Promise<NaiveMeasure> {
	// Unpaced runs lift the simulator's 10 POST/s limit: the counts do not depend on it, only the time.
	const simulator = await startSimulator({
		config: paced
			? JOB_DURATIONS
			: { ...JOB_DURATIONS, enrow: { ...JOB_DURATIONS.enrow, rateLimitPerSecond: 1_000_000 } },
	});
	try {
		const data = dataFor(kind, n);
		const outcome = await runNaive(simulator.url, kind, data.rows, {
			postsPerSecond: paced ? 9 : null,
			concurrency: paced ? 20 : 50,
			pollMs: 2000,
		});
		log(`naive ${kind} ${n} (${paced ? 'paced' : 'unpaced'}): ${outcome.wallMs} ms`);
		return {
			kind,
			n,
			paced,
			data: withoutRows(data),
			counts: countsOf(simulator.stats()),
			...outcome,
		};
	} finally {
		await simulator.close();
	}
}

export interface CaseResults {
	bulk: BulkMeasure[];
	webhook: WebhookMeasure[];
	naive: NaiveMeasure[];
}

// Only as a child process; the section modules import this file for its types and constants.
if (require.main === module)
	childMain(async (specs): Promise<CaseResults> => {
		// n8n-core loads much of itself on its first run: do that before anything is timed.
		if (specs.some((spec) => !spec.startsWith('naive:'))) await bulk('verify', 1);
		const results: CaseResults = { bulk: [], webhook: [], naive: [] };
		await Promise.all(
			specs.map(async (spec) => {
				const [mode, kind, size, pacing] = spec.split(':');
				const k = kind as NaiveKind;
				const n = Number(size);
				if (mode === 'bulk') results.bulk.push(await bulk(k, n));
				else if (mode === 'webhook') results.webhook.push(await webhook(k, n));
				else if (mode === 'naive') results.naive.push(await naive(k, n, pacing === 'paced'));
				else throw new Error(`unknown run ${spec}`);
			}),
		);
		return results;
	});
