import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { mapWithConcurrency } from '../../shared/mapWithConcurrency';
import type { StartJobResponse } from '../helpers/interfaces';
import { createEnrowSession, enrowRequest } from '../transport';
import { executeItemParameters } from './executeItemParameters';
import { ItemOutcomes } from './itemOutcomes';
import type { AnyJobKind, JobInput } from './jobKind';
import { runBulkJobs } from './runBulkJobs';
import { readRunOptions } from './runOptions';
import { asNodeError, finishRun, outcomeError, readAllInputs } from './runSteps';
import { waitForJobs } from './waitForJobs';

interface StartedSingleJob {
	itemIndex: number;
	fields: unknown;
	jobId: string;
	started: StartJobResponse;
}

/** Requests in flight while starting jobs; the POST pacer keeps them under Enrow's 10 per second. */
const PARALLEL_STARTS = 10;

/**
 * Find, verify and phone find on single items: one Enrow job per item, started in
 * parallel under the rate limit, then (by wait mode) returned at once or polled together.
 */
export async function runSingleJobs(
	context: IExecuteFunctions,
	kind: AnyJobKind,
): Promise<INodeExecutionData[]> {
	const run = readRunOptions(context, false);
	// One callback must resume the whole run, so in webhook mode the items go to Enrow as bulk jobs (same price per result).
	if (run.waitMode === 'webhook') return await runBulkJobs(context, kind, false);
	const items = context.getInputData();
	const continueOnFail = context.continueOnFail();
	const session = createEnrowSession();
	const outcomes = new ItemOutcomes(items, run.includeInputFields);

	const inputs = readAllInputs<unknown>(
		executeItemParameters(context),
		kind,
		items.length,
		outcomes,
		continueOnFail,
	);
	const toStart: Array<{ itemIndex: number; input: JobInput<unknown> }> = [];
	for (const entry of inputs) {
		const local = kind.resultWithoutRequest?.(entry.input.fields);
		if (local) outcomes.succeed(entry.itemIndex, local);
		else toStart.push(entry);
	}

	let stopStarting = false;
	const started = (
		await mapWithConcurrency(toStart, PARALLEL_STARTS, async ({ itemIndex, input }) => {
			if (stopStarting) return undefined;
			try {
				const response = await enrowRequest<StartJobResponse>(context, session, {
					method: 'POST',
					path: kind.singlePath,
					body: kind.singleBody(input.fields, input.settings),
					itemIndex,
					itemsLabel: `item ${itemIndex}`,
				});
				const job: StartedSingleJob = {
					itemIndex,
					fields: input.fields,
					jobId: response.id,
					started: response,
				};
				return job;
			} catch (error) {
				outcomes.fail(itemIndex, asNodeError(context, error, itemIndex));
				if (!continueOnFail) stopStarting = true;
				return undefined;
			}
		})
	).filter((job): job is StartedSingleJob => job !== undefined);

	const startedIds = started.map((job) => job.jobId);
	if (run.waitMode === 'none' || stopStarting) {
		for (const job of started) {
			const pending: IDataObject = run.simplify
				? { jobId: job.jobId, status: 'ongoing' }
				: { ...(job.started as unknown as IDataObject), jobId: job.jobId, status: 'ongoing' };
			outcomes.succeed(job.itemIndex, pending);
		}
		finishRun(context, outcomes, startedIds, continueOnFail);
		return outcomes.toOutput();
	}

	const results = await waitForJobs(
		context,
		session,
		kind,
		started.map((job) => ({ id: job.jobId, type: 'single' as const, itemIndex: job.itemIndex })),
		run.poll,
	);
	for (const job of started) {
		const outcome = results.get(job.jobId);
		const problem = outcomeError(
			context,
			kind,
			outcome,
			job.jobId,
			'single',
			`item ${job.itemIndex}`,
			job.itemIndex,
			run.poll.timeoutMs,
		);
		if (problem) {
			outcomes.fail(job.itemIndex, problem.error, { jobId: job.jobId, status: problem.status });
		} else if (outcome?.state === 'completed') {
			outcomes.succeed(
				job.itemIndex,
				run.simplify ? kind.simplifySingle(outcome.body, job.fields, job.jobId) : outcome.body,
			);
		}
	}
	finishRun(context, outcomes, startedIds, continueOnFail);
	return outcomes.toOutput();
}
