/**
 * Section 1: API calls and credits per N rows, the bulk operations against one single-job call
 * per row; and (1b) how polling GETs grow with a job's duration.
 */
import { runChild } from '../support/child';
import { duration, num, seconds, table } from '../support/format';
import { getsAtFixedInterval, getsForDuration, timeToCap } from '../support/pollSchedule';
import type { SectionReport, TargetCheck } from '../support/report';
import type { BulkMeasure, CaseResults, NaiveMeasure, WebhookMeasure } from './apiCallsCase';
import type { RealCount, SimulatedCount } from './pollGrowthCase';

export const SIZES = [1, 100, 5000, 12_000, 100_000];
const BULK_LIMIT = 5000;
const CASE = 'bench/sections/apiCallsCase.ts';

export interface ApiCallsData {
	bulk: BulkMeasure[];
	webhook: WebhookMeasure;
	naive: NaiveMeasure[];
	pollGrowth: { simulated: SimulatedCount[]; real: RealCount[] };
}

/**
 * Every run of section 1, side by side, in four processes: runs share a process only with runs
 * of similar weight (a 100,000-row run keeps its event loop busy for a while, which would hold
 * up the timers of a small run in the same process). The poll-growth runs come back separately:
 * their 80 s job outlasts the rest, so the caller need not wait for it.
 */
export function measureApiCalls(): {
	counts: Promise<Omit<ApiCallsData, 'pollGrowth'>>;
	pollGrowth: Promise<ApiCallsData['pollGrowth']>;
} {
	const run = (label: string, specs: string[]) => runChild<CaseResults>(CASE, specs, { label });
	const kinds = ['verify', 'find'];
	const counts = Promise.all([
		run('bulk 1 to 12,000, webhook, naive at 9 POST/s', [
			...kinds.flatMap((kind) => SIZES.filter((n) => n < 100_000).map((n) => `bulk:${kind}:${n}`)),
			'webhook:verify:12000',
			...kinds.flatMap((kind) => [`naive:${kind}:1:paced`, `naive:${kind}:100:paced`]),
		]),
		run('bulk verify 100,000', ['bulk:verify:100000']),
		run('bulk find 100,000', ['bulk:find:100000']),
		run(
			'naive 5,000 unpaced',
			kinds.map((kind) => `naive:${kind}:5000:unpaced`),
		),
	]).then((parts) => ({
		bulk: parts.flatMap((part) => part.bulk),
		webhook: parts.flatMap((part) => part.webhook)[0],
		naive: parts.flatMap((part) => part.naive),
	}));
	const pollGrowth = runChild<ApiCallsData['pollGrowth']>('bench/sections/pollGrowthCase.ts', [], {
		label: 'poll growth',
	});
	return { counts, pollGrowth };
}

interface NaiveRow {
	posts: number;
	gets: number;
	jobs: number;
	credits: number;
	wall: string;
	source: string;
}

/**
 * The naive figures for N: measured at 1 and 100 rows (9 POST/s, real time) and 5,000 rows (rate
 * limit lifted, so only the counts are measured); above, the 5,000-row counts × N/5,000, which is
 * exact because the data sets repeat every 100 rows. A loop that respects Enrow's 10 POST/s cannot
 * finish N rows in less than N/10 s.
 */
function naiveFor(kind: string, n: number, naive: NaiveMeasure[]): NaiveRow | undefined {
	const atLeast = (rows: number) => `≥ ${duration((rows / 10) * 1000)}`;
	const measured = naive.find((m) => m.kind === kind && m.n === n);
	if (measured) {
		const { posts, gets, jobs, credits } = measured.counts;
		return measured.paced
			? { posts, gets, jobs, credits, wall: seconds(measured.wallMs), source: 'a' }
			: { posts, gets, jobs, credits, wall: atLeast(n), source: 'b' };
	}
	const base = naive.find((m) => m.kind === kind && m.n === 5000);
	if (!base) return undefined;
	const scale = n / 5000;
	const { posts, gets, jobs, credits } = base.counts;
	return {
		posts: posts * scale,
		gets: gets * scale,
		jobs: jobs * scale,
		credits: credits * scale,
		wall: atLeast(n),
		source: 'c',
	};
}

const expectedPosts = (m: BulkMeasure) => Math.ceil(m.data.unique / BULK_LIMIT);
const expectedCredits = (m: BulkMeasure) =>
	m.kind === 'verify' ? 0.25 * m.data.unique : m.data.uniqueFound;

function bulkTable(kind: 'verify' | 'find', data: ApiCallsData): string {
	const rows = data.bulk
		.filter((m) => m.kind === kind)
		.sort((a, b) => a.n - b.n)
		.map((m) => {
			const naive = naiveFor(kind, m.n, data.naive);
			const notSent =
				kind === 'verify'
					? `${num(m.data.duplicates)} / ${num(m.data.badSyntax)}`
					: `${num(m.data.duplicates)}`;
			const longestJob = Math.max(...m.counts.jobDurationsMs);
			const ok =
				m.status === 'success' && m.completed === m.n
					? ''
					: ` ⚠ ${m.status}, ${m.completed}/${m.n} completed`;
			return [
				num(m.n) + ok,
				`${num(m.counts.rowsSent)} (${notSent})`,
				`**${num(m.counts.posts)}** / ${naive ? num(naive.posts) : '–'}`,
				num(expectedPosts(m)),
				`**${num(m.counts.gets)}** / ${naive ? num(naive.gets) : '–'}`,
				`${num(m.counts.gets / Math.max(1, m.counts.jobs), 1)} (${getsForDuration(longestJob)} for ${seconds(longestJob, 0)})`,
				`${num(m.counts.jobs)} / ${naive ? num(naive.jobs) : '–'}`,
				`**${num(m.counts.credits, 2)}** / ${naive ? num(naive.credits, 2) : '–'}`,
				num(expectedCredits(m), 2),
				`${seconds(m.wallMs)} / ${naive ? `${naive.wall} (${naive.source})` : '–'}`,
			];
		});
	return table(
		[
			'Rows (N)',
			kind === 'verify'
				? 'Rows sent (duplicates / bad syntax not sent)'
				: 'Rows sent (duplicates not sent)',
			'POSTs: node / naive',
			'Target POSTs ⌈unique ÷ 5,000⌉',
			'GETs: node / naive',
			'Node GETs per job (schedule: GETs for the longest job)',
			'Jobs: node / naive',
			'Credits charged: node / naive',
			kind === 'verify' ? 'Target credits (0.25 × unique)' : 'Target credits (1 per unique found)',
			'Wall time: node / naive',
		],
		rows,
	);
}

function pollGrowthTable(data: ApiCallsData): string {
	const durations = [...new Set(data.pollGrowth.simulated.map((c) => c.durationS))];
	const rows = durations.map((durationS) => {
		const real = data.pollGrowth.real.find((c) => c.durationS === durationS);
		const simulated = data.pollGrowth.simulated.find((c) => c.durationS === durationS);
		const fixed = getsAtFixedInterval(durationS * 1000);
		return [
			durationS < 120 ? `${durationS} s` : `${durationS / 60} min`,
			real ? `${real.gets} (done after ${seconds(real.wallMs)})` : '–',
			simulated ? String(simulated.gets) : '–',
			String(getsForDuration(durationS * 1000)),
			num(fixed),
			simulated ? `${num(fixed / simulated.gets, 1)}×` : '–',
		];
	});
	return table(
		[
			'Job duration',
			'GETs, measured (node in n8n-core, real time)',
			'GETs, waitForJobs() on a simulated clock',
			'GETs, formula',
			'GETs polling every 2 s',
			'Fewer GETs than every 2 s',
		],
		rows,
	);
}

export function apiCallsReport(data: ApiCallsData | Error, wallMs: number): SectionReport {
	const title = '1. API calls and credits per N rows';
	if (data instanceof Error) {
		return {
			title,
			body: `Not measured: the run failed.\n\n\`\`\`\n${data.message}\n\`\`\``,
			targets: [
				{ what: 'Bulk API calls and credits', target: 'see below', measured: 'failed', met: null },
			],
			wallMs,
		};
	}
	const postsExact = data.bulk.every(
		(m) => m.counts.posts === expectedPosts(m) && m.completed === m.n,
	);
	const creditsExact = data.bulk.every(
		(m) => Math.abs(m.counts.credits - expectedCredits(m)) < 1e-9,
	);
	const realMatches = data.pollGrowth.real.every(
		(c) => c.gets === getsForDuration(c.durationS * 1000),
	);
	const simulatedMatches = data.pollGrowth.simulated.every(
		(c) => c.gets === getsForDuration(c.durationS * 1000),
	);
	const g = (s: number) => data.pollGrowth.simulated.find((c) => c.durationS === s)?.gets ?? NaN;
	const cap = timeToCap();
	const w = data.webhook;
	const largest = data.bulk.filter((m) => m.n === 100_000);
	const targets: TargetCheck[] = [
		{
			what: 'Bulk POSTs per N rows (verify and find, N = 1 … 100,000)',
			target: 'exactly ⌈unique rows ÷ 5,000⌉',
			measured: largest
				.map(
					(m) => `${m.kind} 100,000 rows: ${m.counts.posts} POSTs for ${num(m.data.unique)} unique`,
				)
				.join('; '),
			met: postsExact,
		},
		{
			what: 'Duplicates and bad syntax charged nothing',
			target: 'credits = 0.25 × unique sent (verify), 1 × unique found (find)',
			measured: creditsExact ? 'equal at every N' : 'differs (see table)',
			met: creditsExact,
		},
		{
			what: 'Polling GETs grow with the log of the job duration',
			target: 'not linearly',
			measured: `5 s → ${g(5)}, 20 s → ${g(20)}, 80 s → ${g(80)}, 5 min → ${g(300)}, 55 min → ${g(3300)} GETs per job: logarithmic up to ${seconds(cap.elapsedMs, 0)}, then 1 per 30 s (the SPEC's 30 s cap)`,
			met: realMatches && simulatedMatches ? 'partly' : false,
		},
		{
			what: 'GETs in webhook mode',
			target: '0 while paused',
			measured: `${w.getsWhilePaused} while paused (${num(w.n)} rows, ${w.counts.jobs} jobs)`,
			met: w.getsWhilePaused === 0 && w.postsWhilePaused === 0 && w.status === 'success',
		},
	];

	const webhookTable = table(
		[
			'Rows',
			'Jobs (POSTs)',
			'GETs before the pause',
			'GETs while paused',
			'Callbacks until resumed',
			'GETs per callback',
			'GETs in all',
			'Output items',
			'Credits',
		],
		[
			[
				num(w.n),
				num(w.counts.jobs),
				String(w.getsBeforePause),
				`**${w.getsWhilePaused}**`,
				`${w.resumedOnCallback} of ${w.callbacks}`,
				w.getsPerCallback.join(', '),
				String(w.getsBeforePause + w.getsPerCallback.reduce((sum, gets) => sum + gets, 0)),
				`${num(w.outputs)} (${w.status})`,
				num(w.counts.credits, 2),
			],
		],
	);

	const body = `Each N runs the node's real bulk operation (poll mode, first poll after 2 s) inside n8n-core
(test/harness) against its own simulator; the simulator counts every request, job and credit. The
rows look like a real list: 10% duplicates (the same contact again, in capitals) and, for the
verifier, 2% addresses that fail the syntax check. Bulk jobs last 3 s + 4 ms per row in the
simulator (5,000 rows: 23 s; Enrow's real jobs take minutes, which only changes the GET column,
see 1b). "Naive" is what a user does without this package: one single-job POST per row, at
9 POST/s to stay under Enrow's 10, then a GET on each job every 2 s until done (Enrow's SDKs
poll every 2 s), straight HTTP to the simulator; single jobs last 1.5 s there, so one GET per
job. Every size runs side by side with the others on 2 cores, so wall times include waiting for
a CPU; the simulated job durations set their floor.

### Verify emails in bulk

${bulkTable('verify', data)}

### Find emails in bulk

${bulkTable('find', data)}

Naive columns: (a) measured at 9 POST/s in real time; (b) counts measured with the simulator's
rate limit lifted (the counts do not depend on it), time = the least a loop under Enrow's
10 POST/s can take; (c) the 5,000-row counts × N/5,000 (exact: the data set repeats every 100
rows), time as (b). Node GETs are measured at every N; the schedule's count (1b) is for a job polled
from the moment it starts, so the measured count can be lower: the node starts its poll clock
after the run's last POST.

### 1b. Polling GETs against the job's duration

${pollGrowthTable(data)}

The poller waits 2 s, then 1.5× longer each round (2, 3, 4.5, 6.75 … s), capped at 30 s: a job of
duration D costs the first k with 2 + 3 + … ≥ D, i.e. ⌈log₁.₅(D/4 s + 1)⌉ GETs while the waits grow
(the cap is reached after ${cap.rounds} rounds, ${seconds(cap.elapsedMs)}), then one more GET per 30 s.
Measured: one bulk job (10 rows) of each duration, the node in n8n-core against the simulator, real
time. Simulated clock: the node's own \`waitForJobs()\` with its \`now\` parameter and n8n-workflow's
\`sleep\` replaced by a fake that advances that clock (only inside that benchmark's process).

### Webhook mode ("Pause and resume when Enrow calls back")

${webhookTable}

Verify bulk in webhook mode, run in n8n-core; each of the simulator's completion calls is replayed
to the execution's resume URL (test/harness \`runWebhook\`) as soon as the simulator makes it. On
each callback the node reads every job of the run once (to check the callback and that all jobs
are done), so a run of J jobs costs J GETs per callback, at most J² if the jobs end far apart.

### How to read it

- **POSTs**: the node sends one request per 5,000 unique rows; the naive way sends one per row
  (100,000 rows: ${largest.map((m) => `${m.kind} ${m.counts.posts}`).join(', ')}, against 100,000). Enrow allows 10 POST/s,
  so the naive way also needs at least N/10 seconds of execution time just to submit (100,000
  rows: 2 h 47 min); the node's run lasts about as long as Enrow's jobs.
- **GETs** are free at Enrow but cost execution time and connections. The node polls every job of
  the run together, with growing waits; the naive loop polls every single job.
- **Credits**: the node never sends a duplicate row or an impossible address, so it pays 0.25 per
  unique verifiable address (verify) and 1 per unique email found (find); the naive way pays for
  every row it sends, duplicates included.
- A ⚠ next to N means the run did not give every item a completed result.
`;
	return { title, body, targets, wallMs };
}
