import type { INode, INodeExecutionData } from 'n8n-workflow';

import { pairJobResults, pendingResult } from './pairResults';
import type { PreparedRun } from './prepareRun';
import type { StartedJob } from './startJobs';
import { summaryItem } from './summary';
import type { JobOutcome } from './waitForJobs';

/**
 * Ends a run, the same way whether it ran in `execute()` or resumed in `webhook()`: gives
 * every item its result (or, without `results`, its job's ID as still running), then
 * returns the output, or, when an item failed and Continue On Fail is off, throws that
 * item's error with the IDs of every job the run started, so results that were paid for
 * can still be read with Get Result.
 */
export function finishRun<Fields>(
	node: INode,
	run: PreparedRun<Fields>,
	started: Array<StartedJob<Fields>>,
	results?: Map<string, JobOutcome>,
): INodeExecutionData[] {
	for (const job of started) {
		if (results) {
			pairJobResults(node, run, job, results.get(job.jobId));
		} else {
			for (const [ref, itemIndexes] of job.plan.itemsByRef) {
				const pending = pendingResult(job, ref, run.options.simplify);
				for (const itemIndex of itemIndexes) run.outcomes.succeed(itemIndex, { ...pending });
			}
		}
	}
	if (!run.continueOnFail) throwFirstFailure(run, started);
	if (run.options.outputMode === 'summary') {
		return [summaryItem(run.items.length, run.outcomes, started, results ?? new Map())];
	}
	return run.outcomes.toOutput();
}

function throwFirstFailure<Fields>(run: PreparedRun<Fields>, started: Array<StartedJob<Fields>>) {
	const first = run.outcomes.firstFailure();
	if (!first) return;
	const { error, itemIndex } = first;
	if (error.context && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
	const ids = [...new Set(started.map((job) => job.jobId))];
	if (ids.length > 0) {
		const note = `This run started ${ids.length} Enrow job(s); their results stay readable with Get Result: ${ids.join(', ')}`;
		error.description = error.description ? `${error.description}\n\n${note}` : note;
	}
	throw error;
}
