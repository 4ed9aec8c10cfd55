import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { AnyJobKind, JobType } from '../../EnrowApi/jobKinds';
import { bulkResultRows, readJob, type JobState } from '../../EnrowApi/readJob';
import { createEnrowSession } from '../../EnrowApi/transport';
import type { BulkJobResult } from '../../EnrowApi/types';
import { asNodeError, type NodeError } from '../../shared/asNodeError';
import { failureItem, outputShapeOf, resultItem } from '../../shared/outputItems';
import { JOB_ROW_FIELD } from './pairResults';

interface JobAsked {
	jobId: string;
	jobType: JobType;
	/** The input items that name this job, in input order. */
	itemIndexes: number[];
}

/**
 * Get Result: reads each distinct job the input items name once, without waiting. A
 * finished bulk job gives one item per result row; when several input items name the
 * same bulk job (the output of "Return Job ID Immediately"), each gets its own row, found
 * by the `jobRow` field that output carried. A running job gives one item per input item
 * with its progress.
 */
export async function getJobResults(
	context: IExecuteFunctions,
	kind: AnyJobKind,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const session = createEnrowSession();
	const simplify = context.getNodeParameter('simplify', 0, true) as boolean;
	const continueOnFail = context.continueOnFail();
	const outputs = new Map<number, INodeExecutionData[]>();
	const shape = outputShapeOf(context.getNode());
	const fail = (itemIndex: number, error: NodeError) => {
		if (!continueOnFail) throw error;
		outputs.set(itemIndex, [failureItem(items, itemIndex, error, {}, shape)]);
	};

	const asked = new Map<string, JobAsked>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const jobId = String(context.getNodeParameter('jobId', itemIndex, '') ?? '').trim();
			const jobType = context.getNodeParameter('jobType', itemIndex, 'single') as JobType;
			if (!jobId) {
				throw new NodeOperationError(context.getNode(), `Job ID of item ${itemIndex} is empty`, {
					itemIndex,
					description:
						'Map the jobId field that an Enrow node output earlier, e.g. {{ $json.jobId }}.',
				});
			}
			const key = `${jobType}\n${jobId}`;
			const job = asked.get(key) ?? { jobId, jobType, itemIndexes: [] };
			job.itemIndexes.push(itemIndex);
			asked.set(key, job);
		} catch (error) {
			fail(itemIndex, asNodeError(context, error, itemIndex));
		}
	}

	for (const job of asked.values()) {
		let state: JobState;
		try {
			state = await readJob(context, session, {
				kind,
				...job,
				id: job.jobId,
				itemIndex: job.itemIndexes[0],
			});
		} catch (error) {
			for (const itemIndex of job.itemIndexes)
				fail(itemIndex, asNodeError(context, error, itemIndex));
			continue;
		}
		const perItem = resultsByItem(kind, job, state, simplify, (itemIndex) => items[itemIndex].json);
		for (const [itemIndex, results] of perItem) {
			outputs.set(
				itemIndex,
				results.map((json) => resultItem(items, itemIndex, json, shape)),
			);
		}
	}
	return items.flatMap((_, itemIndex) => outputs.get(itemIndex) ?? []);
}

function progressOf(job: JobAsked, state: JobState): IDataObject {
	const stats = (state.body as Partial<BulkJobResult<unknown>>).stats ?? {};
	const progress: IDataObject = {
		jobId: job.jobId,
		status: state.failed ? 'failed' : state.done ? 'completed' : 'ongoing',
	};
	if (stats.finished !== undefined) progress.finished = stats.finished;
	if (stats.requested !== undefined) progress.requested = stats.requested;
	return progress;
}

/** What each input item that names the job outputs. */
function resultsByItem(
	kind: AnyJobKind,
	job: JobAsked,
	state: JobState,
	simplify: boolean,
	inputOf: (itemIndex: number) => IDataObject,
): Map<number, IDataObject[]> {
	const { body, done, failed } = state;
	const each = (results: IDataObject[]) =>
		new Map(job.itemIndexes.map((itemIndex) => [itemIndex, results.map((json) => ({ ...json }))]));
	const raw = (json: IDataObject) => (simplify ? json : { ...body, ...json });

	if (!done || failed) return each([raw(progressOf(job, state))]);
	if (job.jobType === 'single') {
		return each([simplify ? kind.simplifySingle(body, undefined, job.jobId) : body]);
	}
	const rows = bulkResultRows<IDataObject>(body);
	const shaped = (row: IDataObject) =>
		simplify ? kind.simplifyRow(row, undefined, job.jobId) : row;
	// A finished job without rows still answers its items, rather than output nothing.
	if (rows.length === 0) return each([raw({ ...progressOf(job, state), rows: 0 })]);

	const [first, ...others] = job.itemIndexes;
	const byRow = new Map<string, IDataObject>();
	for (const row of rows) {
		const ref = kind.resultRowRef(row, []);
		if (ref !== undefined && !byRow.has(ref)) byRow.set(ref, row);
	}
	const rowOf = (itemIndex: number) => {
		const ref = inputOf(itemIndex)[JOB_ROW_FIELD];
		return typeof ref === 'string' ? byRow.get(ref) : undefined;
	};
	// One item naming the job, or items that do not say which row is theirs: all rows once.
	if (others.length === 0 || job.itemIndexes.some((itemIndex) => rowOf(itemIndex) === undefined)) {
		const perItem = new Map<number, IDataObject[]>([[first, rows.map(shaped)]]);
		for (const itemIndex of others) {
			perItem.set(itemIndex, [
				{
					jobId: job.jobId,
					status: 'completed',
					rowsOutputWithItem: first,
				},
			]);
		}
		return perItem;
	}
	return new Map(job.itemIndexes.map((itemIndex) => [itemIndex, [shaped(rowOf(itemIndex)!)]]));
}
