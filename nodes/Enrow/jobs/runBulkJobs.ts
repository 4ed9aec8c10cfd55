import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { StartJobResponse } from '../helpers/interfaces';
import { createEnrowSession, enrowRequest } from '../transport';
import { describeItems, planBulkJobs, type PlannedJob } from './bulkRows';
import { ItemOutcomes } from './itemOutcomes';
import type { AnyJobKind } from './jobKind';
import { readRunOptions } from './runOptions';
import { asNodeError, finishRun, missingRowError, outcomeError, readAllInputs } from './runSteps';
import { summaryItem } from './summary';
import { waitForJobs, type JobOutcome } from './waitForJobs';

interface StartedBulkJob {
	plan: PlannedJob<unknown>;
	jobId: string;
	started: StartJobResponse;
}

/**
 * Find in bulk, verify in bulk and phone find in bulk: every input item of the run is one
 * row; rows go to as few Enrow jobs as the per-job limit allows; each item gets its own
 * row's result back, in input order and paired with it.
 */
export async function runBulkJobs(
	context: IExecuteFunctions,
	kind: AnyJobKind,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const run = readRunOptions(context, true);
	const continueOnFail = context.continueOnFail();
	const session = createEnrowSession();
	const outcomes = new ItemOutcomes(items, run.includeInputFields);

	const inputs = readAllInputs<unknown>(context, kind, items.length, outcomes, continueOnFail);
	const toSend = inputs.filter((entry) => {
		const local = kind.resultWithoutRequest?.(entry.input.fields);
		if (local) outcomes.succeed(entry.itemIndex, local);
		return !local;
	});
	const plan = planBulkJobs(
		toSend,
		kind.dedupeKey,
		kind.bulkLimit,
		run.deduplicate,
		kind.rowRef?.bind(kind),
	);

	const started: StartedBulkJob[] = [];
	let stopStarting = false;
	for (const job of plan) {
		if (stopStarting) break;
		try {
			const response = await enrowRequest<StartJobResponse>(context, session, {
				method: 'POST',
				path: kind.bulkPath,
				body: kind.bulkBody(job.rows, job.settings),
				itemIndex: job.itemIndexes[0],
				itemsLabel: describeItems(job.itemIndexes),
			});
			started.push({ plan: job, jobId: response.id, started: response });
		} catch (error) {
			const failure = asNodeError(context, error, job.itemIndexes[0]);
			for (const itemIndex of job.itemIndexes) outcomes.fail(itemIndex, failure);
			if (!continueOnFail) stopStarting = true;
		}
	}
	const startedIds = started.map((job) => job.jobId);

	let results = new Map<string, JobOutcome>();
	if (run.waitMode === 'none' || stopStarting) {
		for (const job of started) {
			const pending: IDataObject = run.simplify
				? { jobId: job.jobId, status: 'ongoing' }
				: { ...(job.started as unknown as IDataObject), jobId: job.jobId, status: 'ongoing' };
			for (const itemIndex of job.plan.itemIndexes) outcomes.succeed(itemIndex, { ...pending });
		}
	} else {
		results = await waitForJobs(
			context,
			session,
			kind,
			started.map((job) => ({
				id: job.jobId,
				type: 'bulk' as const,
				itemIndex: job.plan.itemIndexes[0],
			})),
			run.poll,
		);
		for (const job of started)
			pairJobResults(
				context,
				kind,
				job,
				results.get(job.jobId),
				outcomes,
				run.simplify,
				run.poll.timeoutMs,
			);
	}

	finishRun(context, outcomes, startedIds, continueOnFail);
	if (run.outputMode === 'summary') {
		return [
			summaryItem(
				items.length,
				outcomes,
				started.map((job) => ({ jobId: job.jobId, rows: job.plan.rows.length })),
				results,
			),
		];
	}
	return outcomes.toOutput();
}

/** Gives each item of a finished job its own row's result. */
function pairJobResults(
	context: IExecuteFunctions,
	kind: AnyJobKind,
	job: StartedBulkJob,
	outcome: JobOutcome | undefined,
	outcomes: ItemOutcomes,
	simplify: boolean,
	timeoutMs: number,
): void {
	const label = describeItems(job.plan.itemIndexes);
	const problem = outcomeError(
		context,
		kind,
		outcome,
		job.jobId,
		'bulk',
		label,
		job.plan.itemIndexes[0],
		timeoutMs,
	);
	if (problem || outcome?.state !== 'completed') {
		for (const itemIndex of job.plan.itemIndexes) {
			outcomes.fail(itemIndex, problem!.error, { jobId: job.jobId, status: problem!.status });
		}
		return;
	}

	const rowsByRef = new Map<string, IDataObject>();
	for (const row of (outcome.body.results as IDataObject[] | undefined) ?? []) {
		const ref = kind.resultRowRef(row, job.plan.rows);
		if (ref !== undefined && !rowsByRef.has(ref)) rowsByRef.set(ref, row);
	}
	const fieldsByRef = new Map(job.plan.rows.map((row) => [row.ref, row.fields]));
	for (const [ref, itemIndexes] of job.plan.itemsByRef) {
		const row = rowsByRef.get(ref);
		if (!row) {
			const missing = missingRowError(
				context,
				kind,
				job.jobId,
				describeItems(itemIndexes),
				itemIndexes[0],
			);
			for (const itemIndex of itemIndexes)
				outcomes.fail(itemIndex, missing, { jobId: job.jobId, status: 'failed' });
			continue;
		}
		const json = simplify ? kind.simplifyRow(row, fieldsByRef.get(ref), job.jobId) : row;
		for (const itemIndex of itemIndexes) outcomes.succeed(itemIndex, { ...json });
	}
}
