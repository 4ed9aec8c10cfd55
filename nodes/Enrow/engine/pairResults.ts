import type { IDataObject, INode } from 'n8n-workflow';

import { readFinishedJob, resultsByRef } from '../../EnrowApi/jobAnswer';
import { outcomeError, missingRowError, type JobInQuestion } from './jobErrors';
import type { PreparedRun } from './prepareRun';
import type { StartedJob } from './startJobs';
import type { JobOutcome } from './waitForJobs';

/**
 * Which row of a bulk job is an item's, as Enrow echoes it with the row's result (the
 * `custom` reference sent, or the verified address): output with the job ID in "Return
 * Job ID Immediately", so that Get Result can give each item its own row.
 */
export const JOB_ROW_FIELD = 'jobRow';

/** The output of a job that is still running at Enrow ("Return Job ID Immediately", or a stopped run). */
export function pendingResult(
	job: StartedJob<unknown>,
	ref: string,
	simplify: boolean,
): IDataObject {
	const pending: IDataObject = { jobId: job.jobId, status: 'ongoing' };
	if (job.plan.jobType === 'bulk') pending[JOB_ROW_FIELD] = ref;
	return simplify ? pending : { ...job.response, ...pending };
}

/**
 * Gives each item of a finished job its own result: a single job's answer, or its own
 * row of a bulk job's results. A job that failed or ran out of time fails its items.
 */
export function pairJobResults<Fields>(
	node: INode,
	run: PreparedRun<Fields>,
	job: StartedJob<Fields>,
	outcome: JobOutcome | undefined,
): void {
	const { kind, getResultLabel } = run.operation;
	const { simplify } = run.options;
	const { plan, jobId } = job;
	const about = (itemIndexes: number[]): JobInQuestion => ({
		node,
		noun: kind.noun,
		getResultLabel,
		jobId,
		jobType: plan.jobType,
		itemIndexes,
	});

	const problem = outcomeError(about(plan.itemIndexes), outcome, run.options.poll.timeoutMs);
	if (problem || outcome?.state !== 'completed') {
		for (const itemIndex of plan.itemIndexes) {
			run.outcomes.fail(itemIndex, problem!.error, { jobId, status: problem!.status });
		}
		return;
	}

	const answered = { kind, jobType: plan.jobType, jobId, sentRows: plan.rows };
	const answer = readFinishedJob(answered, outcome.body);
	if (plan.jobType === 'single') {
		const [result] = answer.results;
		const json = simplify ? result.simplified(plan.rows[0].fields) : result.raw;
		for (const itemIndex of plan.itemIndexes) run.outcomes.succeed(itemIndex, json);
		return;
	}

	const resultOf = resultsByRef(answer.results);
	const fieldsByRef = new Map(plan.rows.map((row) => [row.ref, row.fields]));
	// Each item keeps its own spelling of the row it shares with its duplicates.
	const fieldsOf = (itemIndex: number, ref: string) =>
		plan.duplicateFields.get(itemIndex) ?? fieldsByRef.get(ref);
	for (const [ref, itemIndexes] of plan.itemsByRef) {
		const result = resultOf.get(ref);
		if (!result) {
			const missing = missingRowError(about(itemIndexes));
			for (const itemIndex of itemIndexes)
				run.outcomes.fail(itemIndex, missing, { jobId, status: 'failed' });
			continue;
		}
		for (const itemIndex of itemIndexes) {
			const json = simplify ? result.simplified(fieldsOf(itemIndex, ref)) : result.raw;
			run.outcomes.succeed(itemIndex, { ...json });
		}
	}
}
