/** The check's report: one line per probe as expected, the differences under any that is not. */
import { apiErrorText } from '../../nodes/shared/apiErrorText';
import type { RecordedAnswer } from './checkAnswer';
import type { ProbeRun } from './runProbes';

export interface CheckedAnswer {
	recorded: RecordedAnswer;
	differences: string[];
}

export interface CheckedRun {
	run: ProbeRun;
	answers: CheckedAnswer[];
}

export const differenceCount = (checked: CheckedRun) =>
	checked.answers.reduce((sum, answer) => sum + answer.differences.length, 0) +
	checked.run.problems.length;

function statusText({ answer }: RecordedAnswer): string {
	if ('networkError' in answer) return `no answer (${answer.networkError})`;
	const text = answer.status >= 400 ? apiErrorText(answer.body) : undefined;
	return text ? `${answer.status} "${text}"` : String(answer.status);
}

function answerHeading({ recorded }: CheckedAnswer): string {
	const { request, stage } = recorded;
	return `${stage} (${request.method} ${request.path}): ${statusText(recorded)}`;
}

export function runLines(checked: CheckedRun): string[] {
	const { probe } = checked.run;
	if (differenceCount(checked) === 0) {
		const statuses = checked.answers
			.map(({ recorded }) =>
				recorded.stage === 'answer'
					? statusText(recorded)
					: `${recorded.stage} ${statusText(recorded)}`,
			)
			.join(', ');
		return [`  ✓ ${probe.label}: ${statuses}`];
	}
	const lines = [`  ✗ ${probe.label} [${probe.id}]`];
	for (const answer of checked.answers) {
		if (answer.differences.length === 0) continue;
		lines.push(`      ${answerHeading(answer)}`);
		for (const difference of answer.differences) lines.push(`        - ${difference}`);
	}
	for (const problem of checked.run.problems) lines.push(`      - ${problem}`);
	return lines;
}

export function summaryLine(checked: readonly CheckedRun[]): string {
	const total = checked.reduce((sum, run) => sum + differenceCount(run), 0);
	if (total === 0) return 'No differences: every answer is what the nodes expect.';
	const probes = checked.filter((run) => differenceCount(run) > 0).length;
	return `${total} difference${total === 1 ? '' : 's'} in ${probes} of ${checked.length} probes. See the README, "Checking against the live APIs before a release", for what to do.`;
}
