import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createEnrowClient, enrowBaseUrl } from '../../EnrowApi/transport';
import { asNodeError } from '../../shared/asNodeError';
import { enrowCallbackUrl } from './callbackUrl';
import { costOf, creditGuardRefusal, estimateRun } from './creditGuard';
import { executionCustomData } from './executionCustomData';
import { finishRun } from './finishRun';
import { executeItemParameters } from './itemParameters';
import { fitsInJobLedger, pauseUntilEnrowCallsBack, recordJobLedger } from './jobLedger';
import { JobStarts } from './jobStarts';
import type { JobOperation } from './jobOperation';
import { prepareRun } from './prepareRun';
import { resumeUrlRefusal } from './resumeUrlCheck';
import { PRE_PAUSE_READS_MS } from './prePauseReads';
import { readRunOptions } from './runOptions';
import { startJobs } from './startJobs';
import { waitForJobs } from './waitForJobs';

/**
 * Runs a job-starting operation in `execute()`: plan → refuse what cannot be paid or called
 * back → start → wait (poll, or pause until Enrow calls back) → pair → finish. Bulk
 * operations take every input item as a row of as few Enrow jobs as the per-job limit
 * allows; single operations start one job per item. Each item gets its own result back, in
 * input order and paired with it.
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
	const client = createEnrowClient(context);
	// Items wait out Enrow's 429s (another process on the same key) for as long as the run's
	// Timeout allows, rather than failing after a fixed number of tries.
	client.timeout = {
		endsAtMs: Date.now() + options.poll.timeoutMs,
		minutes: options.poll.timeoutMs / 60_000,
	};

	// The job IDs must have a place to wait in, or the run polls instead of pausing.
	const canPause =
		options.waitMode === 'webhook' &&
		run.plan.length > 0 &&
		fitsInJobLedger(run.plan.length) &&
		executionCustomData(context) !== undefined;
	const resumeUrl = canPause
		? enrowCallbackUrl(String(context.evaluateExpression('{{ $execution.resumeUrl }}', 0)))
		: undefined;
	// Every check that can refuse the run comes before anything paid is sent (and before a pause).
	const unreachable = resumeUrl
		? await enrowBaseUrl(client, { itemIndex: 0 }).then(
				(baseUrl) => resumeUrlRefusal(context.getNode(), baseUrl, resumeUrl),
				(error: unknown) => asNodeError(context, error, 0),
			)
		: undefined;
	if (options.dryRun && !unreachable) return await estimateRun(context, client, run, costOf(run));
	// A retry (n8n's Retry On Fail) pays only for the jobs its earlier tries did not start.
	const starts = new JobStarts(context, operation.kind, resumeUrl ? { webhook: resumeUrl } : {});
	const toPay = { ...run, plan: starts.notSentBefore(run.plan) };
	const refusal = unreachable ?? (await creditGuardRefusal(context, client, toPay, costOf(toPay)));
	if (refusal) {
		if (!run.continueOnFail) throw refusal;
		run.items.forEach((_, itemIndex) => run.outcomes.fail(itemIndex, refusal));
		return run.outcomes.toOutput();
	}

	const { started, stopped } = await startJobs(client, run, starts);
	if (options.waitMode !== 'none' && started.length > 0) recordJobLedger(context, run, started);
	const jobsToRead = started.map((job) => ({
		id: job.jobId,
		jobType: job.plan.jobType,
		itemIndex: job.plan.itemIndexes[0],
	}));

	if (canPause && !stopped && started.length > 0) {
		// n8n refuses (409) a call to the resume URL of an execution that is still running, and
		// Enrow does not retry: a job that finishes within moments of starting would never
		// resume the execution. So the jobs are read for a moment first; when they are all done
		// already, the run ends here, as in poll mode, and there is nothing to wait for.
		const early = await waitForJobs(client, {
			kind: operation.kind,
			jobs: jobsToRead,
			settings: { ...PRE_PAUSE_READS_MS, maxIntervalMs: PRE_PAUSE_READS_MS.firstIntervalMs },
		});
		if ([...early.values()].some((outcome) => outcome.state === 'timedOut')) {
			await pauseUntilEnrowCallsBack(context, run, started);
			// Copies: n8n's error-output routing (On Error "Continue (using error output)") shifts
			// items out of the array a node returns, and this input array is what the resumed call
			// reads its items from.
			return items.map((item) => ({ ...item, json: { ...item.json } }));
		}
		return finishRun(context.getNode(), run, started, early);
	}
	const results =
		options.waitMode === 'none' || stopped
			? undefined
			: await waitForJobs(client, {
					kind: operation.kind,
					jobs: jobsToRead,
					settings: options.poll,
				});
	return finishRun(context.getNode(), run, started, results);
}
