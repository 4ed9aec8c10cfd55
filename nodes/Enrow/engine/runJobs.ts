import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createEnrowSession } from '../../EnrowApi/transport';
import { costOf, creditGuardRefusal, estimateRun } from './creditGuard';
import { finishRun } from './finishRun';
import { executeItemParameters } from './itemParameters';
import { fitsInJobLedger, pauseUntilEnrowCallsBack } from './jobLedger';
import type { JobOperation } from './jobOperation';
import { prepareRun } from './prepareRun';
import { readRunOptions } from './runOptions';
import { startJobs } from './startJobs';
import { waitForJobs } from './waitForJobs';

/**
 * Runs a job-starting operation in `execute()`: plan → guard the credits → start → wait
 * (poll, or pause until Enrow calls back) → pair → finish. Bulk operations take every input item as a row of
 * as few Enrow jobs as the per-job limit allows; single operations start one job per
 * item. Each item gets its own result back, in input order and paired with it.
 */
export async function runJobs<Fields>(
	context: IExecuteFunctions,
	operation: JobOperation<Fields>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const options = readRunOptions(context, operation.jobType);
	const run = prepareRun({
		operation,
		params: executeItemParameters(context),
		items,
		options,
		continueOnFail: context.continueOnFail(),
	});
	const session = createEnrowSession();

	// The credit guard: nothing paid is sent before the run's maximum cost is known and allowed.
	const cost = costOf(run);
	if (options.dryRun) return await estimateRun(context, session, run, cost);
	const refusal = await creditGuardRefusal(context, session, run, cost);
	if (refusal) {
		if (!run.continueOnFail) throw refusal;
		run.items.forEach((_, itemIndex) => run.outcomes.fail(itemIndex, refusal));
		return run.outcomes.toOutput();
	}

	const pause =
		options.waitMode === 'webhook' && run.plan.length > 0 && fitsInJobLedger(run.plan.length);
	const resumeUrl = pause
		? String(context.evaluateExpression('{{ $execution.resumeUrl }}', 0))
		: undefined;
	const { started, stopped } = await startJobs(
		context,
		session,
		run,
		resumeUrl ? { webhook: resumeUrl } : {},
	);

	if (pause && !stopped && started.length > 0) {
		await pauseUntilEnrowCallsBack(context, run.plan, started, options.poll.timeoutMs);
		return items;
	}
	const results =
		options.waitMode === 'none' || stopped
			? undefined
			: await waitForJobs(context, session, {
					kind: operation.kind,
					jobs: started.map((job) => ({
						id: job.jobId,
						jobType: job.plan.jobType,
						itemIndex: job.plan.itemIndexes[0],
					})),
					settings: options.poll,
				});
	return finishRun(context.getNode(), run, started, results);
}
