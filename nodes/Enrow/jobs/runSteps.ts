import { NodeOperationError, type IDataObject, type NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../../shared/asNodeError';
import type { ItemOutcomes } from './itemOutcomes';
import type { AnyJobKind, ItemParameters, JobInput, JobType } from './jobKind';
import type { PlannedInput } from './bulkRows';
import type { JobOutcome } from './waitForJobs';

export { asNodeError };

/** How many bad items an error lists by index before it just counts the rest. */
const LISTED_BAD_ITEMS = 20;

/**
 * Reads every item's input before anything is sent, so bad items stop the run (without
 * Continue On Fail) before a single credit is spent; the error then names every bad item,
 * so all of them can be fixed in one go.
 */
export function readAllInputs<Fields>(
	context: ItemParameters,
	kind: AnyJobKind,
	itemCount: number,
	outcomes: ItemOutcomes,
	continueOnFail: boolean,
): Array<PlannedInput<Fields>> {
	const inputs: Array<PlannedInput<Fields>> = [];
	const bad: Array<{ itemIndex: number; error: NodeApiError | NodeOperationError }> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			inputs.push({ itemIndex, input: kind.readInput(context, itemIndex) as JobInput<Fields> });
		} catch (error) {
			const failure = asNodeError(context, error, itemIndex);
			if (continueOnFail) outcomes.fail(itemIndex, failure);
			else bad.push({ itemIndex, error: failure });
		}
	}
	if (bad.length > 1) {
		const listed = bad.slice(0, LISTED_BAD_ITEMS).map(({ error }) => `- ${error.message}`);
		if (bad.length > LISTED_BAD_ITEMS) listed.push(`- …and ${bad.length - LISTED_BAD_ITEMS} more`);
		const first = bad[0].error;
		first.description =
			`${first.description ?? ''}\n\n${bad.length} items have a problem; nothing was sent to Enrow:\n${listed.join('\n')}`.trim();
	}
	if (bad.length > 0) throw bad[0].error;
	return inputs;
}

export function timeoutError(
	context: Pick<ItemParameters, 'getNode'>,
	kind: AnyJobKind,
	jobId: string,
	jobType: JobType,
	itemsLabel: string,
	timeoutMs: number,
	itemIndex: number,
	progress?: IDataObject,
): NodeOperationError {
	const waited =
		timeoutMs < 90_000
			? `${Math.round(timeoutMs / 1000)} seconds`
			: `${Math.round((timeoutMs / 60_000) * 10) / 10} minutes`;
	const stats = progress?.stats as IDataObject | undefined;
	const done =
		stats && typeof stats.finished === 'number' && typeof stats.requested === 'number'
			? ` (${stats.finished} of ${stats.requested} rows done)`
			: '';
	return new NodeOperationError(
		context.getNode(),
		`Enrow has not finished the ${kind.noun} for ${itemsLabel} after ${waited}${done}. Job ID: ${jobId}`,
		{
			itemIndex,
			description: `No credits are lost: the job keeps running at Enrow. Read its result later with "${kind.getResultLabel}" (Job ID ${jobId}, Job Type ${jobType}), or raise "Timeout (Minutes)".`,
		},
	);
}

export function failedJobError(
	context: Pick<ItemParameters, 'getNode'>,
	kind: AnyJobKind,
	jobId: string,
	itemsLabel: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`Enrow reports that the ${kind.noun} for ${itemsLabel} failed. Job ID: ${jobId}`,
		{
			itemIndex,
			description:
				'Enrow could not run this job. Credits reserved for unfinished rows are refunded by Enrow. Run these items again, and contact Enrow support with the job ID if it keeps failing.',
		},
	);
}

export function missingRowError(
	context: Pick<ItemParameters, 'getNode'>,
	kind: AnyJobKind,
	jobId: string,
	itemsLabel: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`Enrow's results for job ${jobId} have no row for ${itemsLabel}`,
		{
			itemIndex,
			description: `The job finished but left this ${kind.noun} out. Run these items again; if it keeps happening, contact Enrow support with the job ID.`,
		},
	);
}

/** Maps a job's wait outcome to an error, or undefined when the job completed. */
export function outcomeError(
	context: Pick<ItemParameters, 'getNode'>,
	kind: AnyJobKind,
	outcome: JobOutcome | undefined,
	jobId: string,
	jobType: JobType,
	itemsLabel: string,
	itemIndex: number,
	timeoutMs: number,
): { error: NodeApiError | NodeOperationError; status: string } | undefined {
	if (!outcome || outcome.state === 'timedOut') {
		return {
			error: timeoutError(
				context,
				kind,
				jobId,
				jobType,
				itemsLabel,
				timeoutMs,
				itemIndex,
				outcome?.body,
			),
			status: 'ongoing',
		};
	}
	if (outcome.state === 'failed') {
		return { error: failedJobError(context, kind, jobId, itemsLabel, itemIndex), status: 'failed' };
	}
	if (outcome.state === 'error') return { error: outcome.error, status: 'unknown' };
	return undefined;
}

/**
 * Ends a run: returns every item's output, or, when an item failed and Continue On Fail
 * is off, throws that item's error with the IDs of every job the run started, so results
 * that were paid for can still be read with Get Result.
 */
export function finishRun(
	context: Pick<ItemParameters, 'getNode'>,
	outcomes: ItemOutcomes,
	startedJobIds: string[],
	continueOnFail: boolean,
): void {
	if (continueOnFail) return;
	const first = outcomes.firstFailure();
	if (!first) return;
	const { error, itemIndex } = first;
	if (error.context && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
	if (startedJobIds.length > 0) {
		const ids = [...new Set(startedJobIds)];
		const note = `This run started ${ids.length} Enrow job(s); their results stay readable with Get Result: ${ids.join(', ')}`;
		error.description = error.description ? `${error.description}\n\n${note}` : note;
	}
	throw error;
}
