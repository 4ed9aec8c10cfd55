/** Section 4: webhook resume in a real n8n. */
import { runChild } from '../support/child';
import { millis, num, seconds, table } from '../support/format';
import type { SectionReport } from '../support/report';
import type { ResumeResult } from './webhookResumeCase';

export async function measureResume(): Promise<ResumeResult> {
	return await runChild<ResumeResult>('bench/sections/webhookResumeCase.ts', [], {
		label: 'n8n',
		timeoutMs: 6 * 60_000,
	});
}

export function resumeReport(result: ResumeResult | Error, wallMs: number): SectionReport {
	const title = '4. Webhook resume latency in a real n8n';
	const notMeasured = (reason: string): SectionReport => ({
		title,
		body: `**Not measured in this run: ${reason}.** Measured by the e2e suite (\`npm run test:e2e\`) otherwise.

| What | Target | Measured |
|---|---|---|
| Callback → resumed execution ends | < 1 s | measured by the e2e suite |
| Requests while paused | 0 | measured by the e2e suite |
`,
		targets: [
			{
				what: 'Webhook resume: callback → execution end',
				target: '< 1 s',
				measured: `not measured (${reason})`,
				met: null,
			},
			{ what: 'Requests while paused', target: '0', measured: 'not measured', met: null },
		],
		wallMs,
	});
	if (result instanceof Error)
		return notMeasured(`the run failed: ${result.message.split('\n')[0]}`);
	if (!result.measured) return notMeasured(result.reason);

	const median = (values: number[]) =>
		[...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
	const sizes = [...new Set(result.cases.map((c) => c.rows))];
	const groups = sizes.map((rows) => {
		const cases = result.cases.filter((c) => c.rows === rows);
		const resume = cases.map((c) => c.resumeMs);
		return {
			rows,
			cases,
			medianResumeMs: median(resume),
			maxResumeMs: Math.max(...resume),
			minResumeMs: Math.min(...resume),
		};
	});
	const rows = groups.map(({ rows: size, cases, medianResumeMs, minResumeMs, maxResumeMs }) => [
		cases[0].label,
		cases
			.map((c) => `${c.status}, ${num(c.outputs)} item${c.outputs === 1 ? '' : 's'}`)
			.filter((text, i, all) => all.indexOf(text) === i)
			.join('; '),
		String(cases.length),
		seconds(median(cases.map((c) => c.pausedMs))),
		`**${cases.reduce((sum, c) => sum + c.requestsWhilePaused, 0)}** (${cases.reduce((sum, c) => sum + c.getsWhilePaused, 0)} GETs)`,
		`${millis(median(cases.map((c) => c.callbackAnsweredMs)))} (HTTP ${[...new Set(cases.map((c) => c.callbackStatus))].join(', ')})`,
		`**${millis(medianResumeMs)}** (${millis(minResumeMs)} – ${millis(maxResumeMs)})`,
		String(median(cases.map((c) => c.getsAfterCallback))),
	]);
	const worstMedian = Math.max(...groups.map((g) => g.medianResumeMs));
	const sideBySide = groups.map((group) => {
		const waitCases = result.waitNodeCases.filter((c) => c.rows === group.rows);
		const waitMedian = median(waitCases.map((c) => c.resumeMs));
		return { ...group, waitCases, waitMedian, ratio: group.medianResumeMs / waitMedian };
	});
	const worstRatio = Math.max(...sideBySide.map((g) => g.ratio));
	const requests = result.cases.reduce((sum, c) => sum + c.requestsWhilePaused, 0);
	const body = `This package built, packed and installed as a community package into n8n 2.41.1 (scripts/e2e;
\`n8n start\` took ${seconds(result.n8nStartMs)}, build + pack ${seconds(result.buildMs)}). A published workflow: Webhook node → Split
Out (one item per row of the request) → Enrow "Verify an email" in webhook wait mode, which sends
the run's items to Enrow as one bulk job with the execution's resume URL as \`settings.webhook\`,
and pauses. The simulator's job ends after 5 s and it POSTs Enrow's completion payload to that
URL. Times come from the simulator's clock (job end, when it sends the callback) and n8n's
execution record (\`stoppedAt\`, public API); same machine, same clock.

${table(
	[
		'Case',
		'Executions',
		'Runs',
		'Paused for (median)',
		'Requests to the API while paused (all runs)',
		'Callback answered by n8n after (median)',
		'Callback → execution end: median (min – max)',
		'GETs after the callback (median)',
	],
	rows,
)}

### Side by side with n8n's own Wait node

The same n8n, the same run: each round resumes this node, then n8n's **Wait** node ("Resume: On
Webhook Call", fed the same items; an HTTP Request node hands \`$execution.resumeUrl\` to a small
caller in the bench, which POSTs to it after the same 5 s). Time from the resume call to the
execution's end.

${table(
	[
		'Items',
		'This node: median (min – max)',
		'Wait node: median (min – max)',
		'Ratio (median / median)',
	],
	sideBySide.map((g) => [
		num(g.rows),
		`${millis(g.medianResumeMs)} (${millis(g.minResumeMs)} – ${millis(g.maxResumeMs)})`,
		`${millis(g.waitMedian)} (${millis(Math.min(...g.waitCases.map((c) => c.resumeMs)))} – ${millis(Math.max(...g.waitCases.map((c) => c.resumeMs)))})`,
		`**${g.ratio.toFixed(2)}×**`,
	]),
)}

The Wait node outputs one item (the call's data) where this node outputs one item per input item
with its result, read from Enrow after checking that the job is done (the GETs after the callback).

### How to read it

- **Requests while paused** counts every request from n8n to the (simulated) Enrow API between
  the job's start and its callback: a paused execution costs nothing.
- **Callback → execution end** is what the user waits for once Enrow is done: n8n receives the
  call, the node checks with Enrow that the job is really done and reads the results (the GETs
  after the callback), pairs them with the items, and n8n finishes and saves the execution.
  n8n answers the callback itself only then, so the two time columns are close.
`;
	return {
		title,
		body,
		targets: [
			{
				what: 'Webhook resume: callback → execution end (real n8n)',
				target: '< 1 s',
				measured: groups
					.map(
						(g) =>
							`${g.rows === 1 ? '1 item' : `${num(g.rows)} items`}: median ${millis(g.medianResumeMs)} (max ${millis(g.maxResumeMs)})`,
					)
					.join('; '),
				met: worstMedian < 1000 && result.cases.every((c) => c.status === 'success'),
			},
			{
				what: "Webhook resume vs n8n's Wait node, same n8n and run (median / median)",
				target: '≤ 1.2×',
				measured: sideBySide
					.map((g) => `${num(g.rows)} item${g.rows === 1 ? '' : 's'}: ${g.ratio.toFixed(2)}×`)
					.join('; '),
				met: worstRatio <= 1.2,
			},
			{
				what: 'Requests while paused (real n8n)',
				target: '0',
				measured: String(requests),
				met: requests === 0,
			},
		],
		wallMs,
	};
}
