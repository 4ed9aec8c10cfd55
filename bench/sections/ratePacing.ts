/**
 * Section 5: 200 single finds submitted at once, against Enrow's 10 POST/s per key; then one key
 * shared by three processes (queue-mode workers), six executions of 200 finds at once.
 */
import { runChild } from '../support/child';
import { ratio, seconds, table } from '../support/format';
import type { SectionReport } from '../support/report';
import { startSimulatorProcess } from '../support/simulatorProcess';
import { ITEMS, type PacingRun } from './ratePacingCase';
import type { SharedKeyRun } from './sharedKeyCase';

const IDEAL_MS = (ITEMS / 10) * 1000;
const SHARED = { processes: 3, runsEach: 2, items: 200 };

export interface SharedKeyFigures {
	runs: SharedKeyRun[];
	accepted: number;
	rateLimited: number;
	/** Accepted POSTs naming a person an earlier accepted POST named. */
	duplicates: number;
	/** Accepted POSTs a second, first to last accepted one. */
	acceptedPerSecond: number;
	maxAcceptedInAnyOneSecond: number;
	wallMs: number;
}

export interface PacingFigures {
	oneRun: PacingRun[];
	sharedKey: SharedKeyFigures;
}

/** Three child processes, each with its own pacer, on one simulator and one key. */
export async function measureSharedKey(): Promise<SharedKeyFigures> {
	const simulator = await startSimulatorProcess({
		enrow: { rateLimitHeader: 'retry-after', jobDurationMs: { single: 1500 } },
	});
	try {
		const started = Date.now();
		const perProcess = await Promise.all(
			Array.from({ length: SHARED.processes }, (_, n) =>
				runChild<SharedKeyRun[]>(
					'bench/sections/sharedKeyCase.ts',
					[simulator.url, String(n), String(SHARED.runsEach), String(SHARED.items)],
					{ label: `worker ${n + 1}`, timeoutMs: 15 * 60_000 },
				),
			),
		);
		const wallMs = Date.now() - started;
		const posts = (await simulator.stats()).requests.filter(
			(request) => request.method === 'POST' && request.path === '/email/find/single',
		);
		const accepted = posts.filter((request) => request.status >= 200 && request.status < 300);
		const people = accepted.map((request) => JSON.stringify(request.body));
		const spanMs = accepted.length > 1 ? accepted[accepted.length - 1].at - accepted[0].at : 0;
		let maxAcceptedInAnyOneSecond = 0;
		for (let i = 0, start = 0; i < accepted.length; i++) {
			while (accepted[i].at - accepted[start].at >= 1000) start++;
			maxAcceptedInAnyOneSecond = Math.max(maxAcceptedInAnyOneSecond, i - start + 1);
		}
		return {
			runs: perProcess.flat(),
			accepted: accepted.length,
			rateLimited: posts.filter((request) => request.status === 429).length,
			duplicates: people.length - new Set(people).size,
			acceptedPerSecond: spanMs > 0 ? ((accepted.length - 1) * 1000) / spanMs : 0,
			maxAcceptedInAnyOneSecond,
			wallMs,
		};
	} finally {
		await simulator.close();
	}
}

export async function measurePacing(): Promise<PacingFigures> {
	const oneRun = await runChild<PacingRun[]>('bench/sections/ratePacingCase.ts', [], {
		label: 'pacing',
	});
	return { oneRun, sharedKey: await measureSharedKey() };
}

function sharedKeyReport(figures: SharedKeyFigures): string {
	const executions = SHARED.processes * SHARED.runsEach;
	const failed = figures.runs.filter((run) => run.status !== 'success');
	return `### One key, three processes

Queue mode without n8n: ${SHARED.processes} child processes, each playing a worker with its own pacer, run
${SHARED.runsEach} executions at once of "Find an email" (Poll Until Done) over ${SHARED.items} different people each
(${executions * SHARED.items} job-starting POSTs), all with one API key against one simulator enforcing 10 POST/s per
key, its 429s naming \`Retry-After\`. Each process sees the others only through their 429s. (The same case in a
real n8n, main + webhook processor + 3 workers: \`test/e2e/queueScale.e2e.ts\`.)

${table(
	[
		'Executions',
		'Succeeded',
		'Items with their result',
		'Accepted POSTs',
		'Duplicate jobs',
		'429 answers',
		'Accepted POST/s (÷ 10)',
		'Most accepted in any 1 s',
		'Wall time',
	],
	[
		[
			String(executions),
			String(executions - failed.length),
			String(figures.runs.reduce((sum, run) => sum + run.completed, 0)),
			String(figures.accepted),
			String(figures.duplicates),
			String(figures.rateLimited),
			`**${figures.acceptedPerSecond.toFixed(2)}** (${ratio(figures.acceptedPerSecond / 10)})`,
			String(figures.maxAcceptedInAnyOneSecond),
			seconds(figures.wallMs),
		],
	],
)}
${failed.length ? `\nFailed: ${failed.map((run) => run.error ?? run.status).join('; ')}\n` : ''}
- A 429 cuts that process's pace by 30 % (once a second at most) and holds its POSTs for the wait Enrow
  names; each accepted POST gives a little back, so the three settle on shares of about 10 a
  second between them. A refused POST is retried (Enrow does not process a 429) while the run's
  Timeout allows: no item fails for the rate limit.
`;
}

function sharedKeyTarget(figures: SharedKeyFigures): SectionReport['targets'][number] {
	const allDone = figures.runs.every((run) => run.status === 'success');
	return {
		what: 'One key shared by 3 processes, 6 × 200 single finds',
		target: 'every item done, 0 duplicate jobs, ≥ 0.8 × 10 POST/s',
		measured: `${figures.runs.filter((run) => run.status === 'success').length}/${figures.runs.length} executions succeeded, ${figures.duplicates} duplicates, ${figures.acceptedPerSecond.toFixed(2)} POST/s (${ratio(figures.acceptedPerSecond / 10)}), ${figures.rateLimited} × 429`,
		met: allDone && figures.duplicates === 0 && figures.acceptedPerSecond >= 8,
	};
}

export function pacingReport(figures: PacingFigures | Error, wallMs: number): SectionReport {
	const title = '5. Rate pacing: 200 single finds at once, and one key shared by three processes';
	if (figures instanceof Error) {
		return {
			title,
			body: `Not measured: the run failed.\n\n\`\`\`\n${figures.message}\n\`\`\``,
			targets: [
				{ what: 'POST pacing', target: '≤ 10 POST/s, ~20 s', measured: 'failed', met: null },
			],
			wallMs,
		};
	}
	const runs = figures.oneRun;
	const none = runs.find((run) => run.waitMode === 'none')!;
	const poll = runs.find((run) => run.waitMode === 'poll')!;
	const rows = runs.map((run) => [
		run.waitMode === 'none' ? 'Return Job ID Immediately' : 'Poll Until Done',
		String(run.items),
		`**${run.maxPostsAttemptedInAnyOneSecond}**`,
		String(run.rateLimited),
		seconds(run.postSpanMs),
		`**${seconds(run.wallMs)}**`,
		ratio(run.wallMs / IDEAL_MS),
		`${run.posts} / ${run.gets}`,
		`${run.completed} (${run.status})`,
	]);
	const body = `"Find an email" over 200 items in one run of the node (n8n-core harness), the simulator enforcing
Enrow's 10 POST/s per key over any sliding second and recording every POST it receives, 429s
included. Single jobs last 1.5 s. Ideal = 200 ÷ 10 per second = 20 s. The two wait modes run side
by side, each against its own simulator.

${table(
	[
		'Wait mode',
		'Items',
		'Most POSTs received in any 1 s',
		'429 answers',
		'First → last POST',
		'Wall time of the run',
		'Wall ÷ ideal (20 s)',
		'POSTs / GETs',
		'Items with their result',
	],
	rows,
)}

### How to read it

- The node keeps a slot per POST until one second after its answer arrives, so the API never
  sees more than 10 in a second, whatever the network does; the price is one round trip per
  10 POSTs over the ideal.
- With polling, the run ends after the last job: the last POST goes out at about 19 s, its job
  takes 1.5 s, and the first poll waits 2 s after the last POST.

${sharedKeyReport(figures.sharedKey)}`;
	return {
		title,
		body,
		targets: [
			sharedKeyTarget(figures.sharedKey),
			{
				what: 'Rate pacing, 200 single finds',
				target: '≤ 10 POST/s at the API, about 20 s',
				measured: `max ${Math.max(none.maxPostsAttemptedInAnyOneSecond, poll.maxPostsAttemptedInAnyOneSecond)} POST/s, ${none.rateLimited + poll.rateLimited} × 429; submitted in ${seconds(none.wallMs)} (${ratio(none.wallMs / IDEAL_MS)} × ideal), with polling ${seconds(poll.wallMs)}`,
				met:
					Math.max(none.maxPostsAttemptedInAnyOneSecond, poll.maxPostsAttemptedInAnyOneSecond) <=
						10 && none.wallMs <= IDEAL_MS * 1.15,
			},
		],
		wallMs,
	};
}
