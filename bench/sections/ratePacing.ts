/**
 * Section 5: how fast the node starts jobs within Enrow's 10 POST/s per key (its counts, at most
 * 10 POSTs in any second and no 429, are asserted by test/costs/singleCosts.test.ts). Every case
 * runs executions of "Find an email" over 200 different people in child processes, against a
 * simulator in the bench's process that enforces 10 POST/s per key and records every POST:
 * - one execution in each wait mode, side by side, each with its own simulator (ideal: 20 s);
 * - one key shared by three processes (queue-mode workers, each with its own pacer), two
 *   executions at once in each, the simulator's 429s naming `Retry-After`.
 */
import type { SimulatorConfigPatch } from '../../simulator';
import { distinctPeople } from '../../test/costs/datasets';
import { inChild } from '../support/child';
import { FIND_SINGLE, itemsWith, runEnrow, withSimulator } from '../support/nodes';
import { seconds, table, type Report, type Section } from '../support/report';

const ITEMS = 200;
const IDEAL_MS = (ITEMS / 10) * 1000;
const SHARED = { processes: 3, runsEach: 2 };
const SINGLE_JOBS = { enrow: { jobDurationMs: { single: 1500 } } };

interface Execution {
	status: string;
	/** Items with their result: a job ID ('ongoing') without waiting, else 'completed'. */
	done: number;
	/** The execution's own wall time, in its process. */
	wallMs: number;
	error?: string;
}

interface PacingCase {
	executions: Execution[];
	/** The longest execution's. */
	wallMs: number;
	posts: number;
	gets: number;
	accepted: number;
	rateLimited: number;
	/** Accepted POSTs naming a person an earlier accepted POST named. */
	duplicates: number;
	/** Accepted POSTs a second, first to last accepted one. */
	acceptedPerSecond: number;
	maxPostsInAnyOneSecond: number;
	/** First → last POST received. */
	postSpanMs: number;
}

export interface PacingFigures {
	none: PacingCase;
	poll: PacingCase;
	shared: PacingCase;
}

/** The child's side: `runs` executions at once, over different people from person `first` on. */
export async function findRuns(url: string, waitMode: string, runs: number, first: number) {
	return await Promise.all(
		Array.from({ length: runs }, async (_, run): Promise<Execution> => {
			const input = distinctPeople(ITEMS, first + run * ITEMS);
			const started = Date.now();
			const result = await runEnrow(url, { ...FIND_SINGLE, waitMode }, input);
			const wallMs = Date.now() - started;
			const done = itemsWith(result, waitMode === 'none' ? 'ongoing' : 'completed');
			return { status: result.status, done, wallMs, error: result.error?.message };
		}),
	);
}

async function measureCase(
	waitMode: string,
	processes: number,
	runsEach: number,
	config: SimulatorConfigPatch = SINGLE_JOBS,
): Promise<PacingCase> {
	return await withSimulator(config, async (simulator) => {
		const executions = await Promise.all(
			Array.from({ length: processes }, (_, n) =>
				inChild<Execution[]>(
					'sections/ratePacing',
					'findRuns',
					[simulator.url, waitMode, runsEach, n * runsEach * ITEMS],
					{
						label: `${waitMode}${processes > 1 ? `, worker ${n + 1}` : ''}`,
						timeoutMs: 15 * 60_000,
					},
				),
			),
		);
		const stats = simulator.stats();
		const posts = stats.requests.filter((request) => request.method === 'POST');
		const accepted = posts.filter((request) => request.status >= 200 && request.status < 300);
		const people = new Set(accepted.map((request) => JSON.stringify(request.body)));
		const span = (list: typeof posts) =>
			list.length > 1 ? list[list.length - 1].at - list[0].at : 0;
		return {
			executions: executions.flat(),
			wallMs: Math.max(...executions.flat().map((execution) => execution.wallMs)),
			posts: stats.posts,
			gets: stats.gets,
			accepted: accepted.length,
			rateLimited: posts.filter((request) => request.status === 429).length,
			duplicates: accepted.length - people.size,
			acceptedPerSecond: span(accepted) > 0 ? ((accepted.length - 1) * 1000) / span(accepted) : 0,
			maxPostsInAnyOneSecond: stats.maxPostsAttemptedInAnyOneSecond,
			postSpanMs: span(posts),
		};
	});
}

async function measurePacing(): Promise<PacingFigures> {
	const [none, poll] = await Promise.all([measureCase('none', 1, 1), measureCase('poll', 1, 1)]);
	const retryAfter = { enrow: { ...SINGLE_JOBS.enrow, rateLimitHeader: 'retry-after' as const } };
	return {
		none,
		poll,
		shared: await measureCase('poll', SHARED.processes, SHARED.runsEach, retryAfter),
	};
}

function pacingReport(figures: PacingFigures): Report {
	const { none, poll, shared } = figures;
	const succeeded = (c: PacingCase) => c.executions.filter((e) => e.status === 'success').length;
	const done = (c: PacingCase) => c.executions.reduce((sum, e) => sum + e.done, 0);
	const failed = shared.executions.filter((e) => e.status !== 'success');
	const perSecond = (c: PacingCase) =>
		`**${c.acceptedPerSecond.toFixed(2)}** (${(c.acceptedPerSecond / 10).toFixed(2)})`;
	const maxPerSecond = Math.max(none.maxPostsInAnyOneSecond, poll.maxPostsInAnyOneSecond);
	const body = `"Find an email" over ${ITEMS} different people in one execution of the node (n8n-core harness), the
simulator enforcing Enrow's 10 POST/s per key over any sliding second and recording every POST,
429s included. Single jobs last 1.5 s. Ideal = ${ITEMS} ÷ 10 per second = ${seconds(IDEAL_MS, 0)}. The two wait modes run side
by side, each against its own simulator.

${table(
	'Wait mode | Most POSTs received in any 1 s | 429 answers | First → last POST | Wall time of the run | Wall ÷ ideal | POSTs / GETs | Items with their result',
	[none, poll].map((run) => [
		run === none ? 'Return Job ID Immediately' : 'Poll Until Done',
		`**${run.maxPostsInAnyOneSecond}**`,
		run.rateLimited,
		seconds(run.postSpanMs),
		`**${seconds(run.wallMs)}**`,
		(run.wallMs / IDEAL_MS).toFixed(2),
		`${run.posts} / ${run.gets}`,
		`${done(run)} (${run.executions[0].status})`,
	]),
)}

- The node keeps a slot per POST until one second after its answer arrives, so the API never sees
  more than 10 in a second, whatever the network does; the price is about one round trip per 10
  POSTs over the ideal. With polling, the run ends after the last job: its job takes 1.5 s, and the
  first poll waits 2 s after the last POST.

### One key, three processes

Queue mode without n8n: ${SHARED.processes} child processes, each playing a worker with its own pacer, run ${SHARED.runsEach}
executions at once of "Find an email" (Poll Until Done) over ${ITEMS} different people each
(${SHARED.processes * SHARED.runsEach * ITEMS} job-starting POSTs), all with one API key against one simulator enforcing 10 POST/s per key,
its 429s naming \`Retry-After\`. Each process sees the others only through their 429s. (The same
case in a real n8n, main + webhook processor + 3 workers: \`test/e2e/queueScale.e2e.ts\`.)

${table(
	'Executions | Succeeded | Items with their result | Accepted POSTs | Duplicate jobs | 429 answers | Accepted POST/s (÷ 10) | Most POSTs received in any 1 s (429s included) | Longest execution',
	[
		[
			shared.executions.length,
			succeeded(shared),
			done(shared),
			shared.accepted,
			shared.duplicates,
			shared.rateLimited,
			perSecond(shared),
			shared.maxPostsInAnyOneSecond,
			seconds(shared.wallMs),
		],
	],
)}
${failed.length ? `\nFailed: ${failed.map((e) => e.error ?? e.status).join('; ')}\n` : ''}
- A 429 cuts that process's pace by 30 % (once a second at most) and holds its POSTs for the wait
  Enrow names; each accepted POST gives a little back, so the three settle on shares of about 10 a
  second between them. A refused POST is retried (Enrow does not process a 429) while the run's
  Timeout allows: no item fails for the rate limit.`;
	return {
		body,
		targets: [
			{
				what: 'One key shared by 3 processes, 6 × 200 single finds',
				target: 'every item done, 0 duplicate jobs, ≥ 0.8 × 10 POST/s',
				measured: `${succeeded(shared)}/${shared.executions.length} executions succeeded, ${shared.duplicates} duplicates, ${shared.acceptedPerSecond.toFixed(2)} POST/s (${(shared.acceptedPerSecond / 10).toFixed(2)}), ${shared.rateLimited} × 429`,
				met: failed.length === 0 && shared.duplicates === 0 && shared.acceptedPerSecond >= 8,
			},
			{
				what: 'Rate pacing, 200 single finds',
				target: '≤ 10 POST/s at the API, about 20 s',
				measured: `max ${maxPerSecond} POST/s, ${none.rateLimited + poll.rateLimited} × 429; submitted in ${seconds(none.wallMs)} (${(none.wallMs / IDEAL_MS).toFixed(2)} × ideal), with polling ${seconds(poll.wallMs)}`,
				met: maxPerSecond <= 10 && none.wallMs <= IDEAL_MS * 1.15,
			},
		],
	};
}

export const ratePacing: Section<PacingFigures> = {
	title: '5. Rate pacing: 200 single finds at once, and one key shared by three processes',
	measure: measurePacing,
	report: pacingReport,
};
