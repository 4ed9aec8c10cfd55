import type { INodeExecutionData } from 'n8n-workflow';

import { outputShapeOf } from '../../shared/outputItems';

import { ItemOutcomes } from './itemOutcomes';
import type { ItemParameters, JobOperation } from './jobOperation';
import { planJobs, type PlannedJob } from './planJobs';
import { readAllInputs } from './readInputs';
import type { RunOptions } from './runOptions';

/** A run of a job-starting operation, read and planned, before anything is sent. */
export interface PreparedRun<Fields> {
	operation: JobOperation<Fields>;
	items: INodeExecutionData[];
	options: RunOptions;
	continueOnFail: boolean;
	/** What each input item ends with; items settled without a request already have theirs. */
	outcomes: ItemOutcomes;
	plan: Array<PlannedJob<Fields>>;
}

export interface RunToPrepare<Fields> {
	operation: JobOperation<Fields>;
	params: ItemParameters;
	items: INodeExecutionData[];
	options: RunOptions;
	continueOnFail: boolean;
}

/**
 * Reads every item, settles what needs no request, and groups the rest into Enrow jobs.
 * Deterministic: a resumed execution rebuilds exactly the same plan from the same items.
 * In webhook mode a single-item operation is sent as bulk jobs, so that one callback
 * resumes the whole run (Enrow charges the same per result).
 */
export function prepareRun<Fields>(run: RunToPrepare<Fields>): PreparedRun<Fields> {
	const { operation, options } = run;
	const outcomes = new ItemOutcomes(run.items, outputShapeOf(run.params.getNode(), options));
	const inputs = readAllInputs({
		params: run.params,
		reader: operation.input,
		itemCount: run.items.length,
		outcomes,
		continueOnFail: run.continueOnFail,
	});
	const toSend = inputs.filter((entry) => {
		const local = operation.input.resultWithoutRequest?.(entry.input.fields);
		if (local) outcomes.succeed(entry.itemIndex, local);
		return !local;
	});
	const plan = planJobs(toSend, {
		jobType: options.waitMode === 'webhook' ? 'bulk' : operation.jobType,
		bulkLimit: operation.kind.bulkLimit,
		dedupeKey: (fields) => operation.input.dedupeKey(fields),
		deduplicate: options.deduplicate,
		rowRef: operation.kind.rowRef?.bind(operation.kind),
	});
	return { ...run, outcomes, plan };
}
