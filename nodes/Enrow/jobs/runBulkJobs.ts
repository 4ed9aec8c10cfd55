import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { StartJobResponse } from '../helpers/interfaces';
import {
	createEnrowSession,
	enrowRequest,
	type EnrowContext,
	type EnrowSession,
} from '../transport';
import { describeItems, planBulkJobs, type PlannedJob } from './bulkRows';
import { executeItemParameters } from './executeItemParameters';
import { ItemOutcomes } from './itemOutcomes';
import type { AnyJobKind, ItemParameters, JobSettings } from './jobKind';
import { readRunOptions, type RunOptions } from './runOptions';
import { asNodeError, finishRun, missingRowError, outcomeError, readAllInputs } from './runSteps';
import { summaryItem } from './summary';
import { pauseUntilEnrowCallsBack, fitsInJobLedger } from './jobLedger';
import { waitForJobs, type JobOutcome } from './waitForJobs';

export interface StartedBulkJob {
	plan: PlannedJob<unknown>;
	jobId: string;
	started: StartJobResponse;
}

export interface PreparedBulkRun {
	outcomes: ItemOutcomes;
	plan: Array<PlannedJob<unknown>>;
}

/**
 * Reads every item, settles what needs no request, and groups the rest into Enrow jobs.
 * Deterministic: a resumed execution rebuilds exactly the same plan from the same items.
 */
export function prepareBulkRun(
	params: ItemParameters,
	items: INodeExecutionData[],
	kind: AnyJobKind,
	run: RunOptions,
	continueOnFail: boolean,
): PreparedBulkRun {
	const outcomes = new ItemOutcomes(items, run.includeInputFields);
	const inputs = readAllInputs<unknown>(params, kind, items.length, outcomes, continueOnFail);
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
	return { outcomes, plan };
}

/** Starts the planned jobs one after the other; a job that cannot start fails its items only. */
export async function startBulkJobs(
	context: EnrowContext,
	session: EnrowSession,
	kind: AnyJobKind,
	prepared: PreparedBulkRun,
	continueOnFail: boolean,
	extraSettings: JobSettings = {},
): Promise<{ started: StartedBulkJob[]; stopped: boolean }> {
	const started: StartedBulkJob[] = [];
	for (const job of prepared.plan) {
		try {
			const response = await enrowRequest<StartJobResponse>(context, session, {
				method: 'POST',
				path: kind.bulkPath,
				body: kind.bulkBody(job.rows, { ...job.settings, ...extraSettings }),
				itemIndex: job.itemIndexes[0],
				itemsLabel: describeItems(job.itemIndexes),
			});
			started.push({ plan: job, jobId: response.id, started: response });
		} catch (error) {
			const failure = asNodeError(context, error, job.itemIndexes[0]);
			for (const itemIndex of job.itemIndexes) prepared.outcomes.fail(itemIndex, failure);
			if (!continueOnFail) return { started, stopped: true };
		}
	}
	return { started, stopped: false };
}

/** Gives each item of a finished job its own row's result. */
export function pairJobResults(
	context: Pick<ItemParameters, 'getNode'>,
	kind: AnyJobKind,
	jobId: string,
	job: PlannedJob<unknown>,
	outcome: JobOutcome | undefined,
	outcomes: ItemOutcomes,
	run: RunOptions,
): void {
	const label = describeItems(job.itemIndexes);
	const problem = outcomeError(
		context,
		kind,
		outcome,
		jobId,
		'bulk',
		label,
		job.itemIndexes[0],
		run.poll.timeoutMs,
	);
	if (problem || outcome?.state !== 'completed') {
		for (const itemIndex of job.itemIndexes) {
			outcomes.fail(itemIndex, problem!.error, { jobId, status: problem!.status });
		}
		return;
	}

	const rowsByRef = new Map<string, IDataObject>();
	for (const row of (outcome.body.results as IDataObject[] | undefined) ?? []) {
		const ref = kind.resultRowRef(row, job.rows);
		if (ref !== undefined && !rowsByRef.has(ref)) rowsByRef.set(ref, row);
	}
	const fieldsByRef = new Map(job.rows.map((row) => [row.ref, row.fields]));
	for (const [ref, itemIndexes] of job.itemsByRef) {
		const row = rowsByRef.get(ref);
		if (!row) {
			const missing = missingRowError(
				context,
				kind,
				jobId,
				describeItems(itemIndexes),
				itemIndexes[0],
			);
			for (const itemIndex of itemIndexes)
				outcomes.fail(itemIndex, missing, { jobId, status: 'failed' });
			continue;
		}
		const json = run.simplify ? kind.simplifyRow(row, fieldsByRef.get(ref), jobId) : row;
		for (const itemIndex of itemIndexes) outcomes.succeed(itemIndex, { ...json });
	}
}

/** The node's output for a bulk run: one item per input item, or one summary item. */
export function bulkRunOutput(
	itemCount: number,
	outcomes: ItemOutcomes,
	jobs: Array<{ jobId: string; rows: number }>,
	results: Map<string, JobOutcome>,
	run: RunOptions,
): INodeExecutionData[] {
	if (run.outputMode === 'summary') return [summaryItem(itemCount, outcomes, jobs, results)];
	return outcomes.toOutput();
}

function pendingResult(job: StartedBulkJob, simplify: boolean): IDataObject {
	return simplify
		? { jobId: job.jobId, status: 'ongoing' }
		: { ...(job.started as unknown as IDataObject), jobId: job.jobId, status: 'ongoing' };
}

/**
 * Every input item of the run is one row; rows go to as few Enrow jobs as the per-job
 * limit allows; each item gets its own row's result back, in input order and paired
 * with it. Used by the bulk operations, and by the single ones in webhook mode so one
 * callback resumes the whole run.
 */
export async function runBulkJobs(
	context: IExecuteFunctions,
	kind: AnyJobKind,
	isBulkOperation = true,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const run = readRunOptions(context, isBulkOperation);
	const continueOnFail = context.continueOnFail();
	const session = createEnrowSession();
	const prepared = prepareBulkRun(executeItemParameters(context), items, kind, run, continueOnFail);
	const { outcomes } = prepared;

	const pause =
		run.waitMode === 'webhook' && prepared.plan.length > 0 && fitsInJobLedger(prepared.plan.length);
	const resumeUrl = pause
		? String(context.evaluateExpression('{{ $execution.resumeUrl }}', 0))
		: undefined;
	const { started, stopped } = await startBulkJobs(
		context,
		session,
		kind,
		prepared,
		continueOnFail,
		resumeUrl ? { webhook: resumeUrl } : {},
	);
	const startedIds = started.map((job) => job.jobId);
	const jobSizes = started.map((job) => ({ jobId: job.jobId, rows: job.plan.rows.length }));

	if (pause && !stopped && started.length > 0) {
		await pauseUntilEnrowCallsBack(context, prepared.plan, started, run);
		return items;
	}

	let results = new Map<string, JobOutcome>();
	if (run.waitMode === 'none' || stopped) {
		for (const job of started) {
			for (const itemIndex of job.plan.itemIndexes)
				outcomes.succeed(itemIndex, pendingResult(job, run.simplify));
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
		for (const job of started) {
			pairJobResults(context, kind, job.jobId, job.plan, results.get(job.jobId), outcomes, run);
		}
	}

	finishRun(context, outcomes, startedIds, continueOnFail);
	return bulkRunOutput(items.length, outcomes, jobSizes, results, run);
}
