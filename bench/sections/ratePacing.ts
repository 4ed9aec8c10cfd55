/** Section 5: 200 single finds submitted at once, against Enrow's 10 POST/s per key. */
import { runChild } from '../support/child';
import { ratio, seconds, table } from '../support/format';
import type { SectionReport } from '../support/report';
import { ITEMS, type PacingRun } from './ratePacingCase';

const IDEAL_MS = (ITEMS / 10) * 1000;

export async function measurePacing(): Promise<PacingRun[]> {
	return await runChild<PacingRun[]>('bench/sections/ratePacingCase.ts', [], { label: 'pacing' });
}

export function pacingReport(runs: PacingRun[] | Error, wallMs: number): SectionReport {
	const title = '5. Rate pacing: 200 single finds at once';
	if (runs instanceof Error) {
		return {
			title,
			body: `Not measured: the run failed.\n\n\`\`\`\n${runs.message}\n\`\`\``,
			targets: [
				{ what: 'POST pacing', target: '≤ 10 POST/s, ~20 s', measured: 'failed', met: null },
			],
			wallMs,
		};
	}
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
`;
	return {
		title,
		body,
		targets: [
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
