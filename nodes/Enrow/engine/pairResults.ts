import type { IDataObject, INode } from 'n8n-workflow';

import { bulkResultRows } from '../../EnrowApi/readJob';
import { outcomeError, missingRowError, type JobInQuestion } from './jobErrors';
import type { PreparedRun } from './prepareRun';
import type { StartedJob } from './startJobs';
import type { JobOutcome } from './waitForJobs';

/** The output of a job that is still running at Enrow ("Return Job ID Immediately", or a stopped run). */
export function pendingResult(job: StartedJob<unknown>, simplify: boolean): IDataObject {
	const pending = { jobId: job.jobId, status: 'ongoing' };
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
	const { kind, input } = run.operation;
	const { simplify } = run.options;
	const { plan, jobId } = job;
	const about = (itemIndexes: number[]): JobInQuestion => ({
		node,
		noun: kind.noun,
		getResultLabel: input.getResultLabel,
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

	if (plan.jobType === 'single') {
		const [row] = plan.rows;
		const json = simplify ? kind.simplifySingle(outcome.body, row.fields, jobId) : outcome.body;
		for (const itemIndex of plan.itemIndexes) run.outcomes.succeed(itemIndex, json);
		return;
	}

	const rowsByRef = new Map<string, IDataObject>();
	for (const row of bulkResultRows<IDataObject>(outcome.body)) {
		const ref = kind.resultRowRef(row, plan.rows);
		if (ref !== undefined && !rowsByRef.has(ref)) rowsByRef.set(ref, row);
	}
	const fieldsByRef = new Map(plan.rows.map((row) => [row.ref, row.fields]));
	for (const [ref, itemIndexes] of plan.itemsByRef) {
		const row = rowsByRef.get(ref);
		if (!row) {
			const missing = missingRowError(about(itemIndexes));
			for (const itemIndex of itemIndexes)
				run.outcomes.fail(itemIndex, missing, { jobId, status: 'failed' });
			continue;
		}
		const json = simplify ? kind.simplifyRow(row, fieldsByRef.get(ref), jobId) : row;
		for (const itemIndex of itemIndexes) run.outcomes.succeed(itemIndex, { ...json });
	}
}
