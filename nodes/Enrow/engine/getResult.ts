import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { AnyJobKind, JobType } from '../../EnrowApi/jobKinds';
import { bulkResultRows, readJob, type JobState } from '../../EnrowApi/readJob';
import { oncePerReference, referencesInCustom } from '../../EnrowApi/rowReferences';
import { createEnrowClient } from '../../EnrowApi/transport';
import type { BulkJobResult } from '../../EnrowApi/types';
import { asNodeError, type NodeError } from '../../shared/asNodeError';
import { isObject } from '../../shared/isObject';
import { failureItem, outputShapeOf, readResultField, resultItem } from '../../shared/outputItems';
import { withoutInvisible } from '../../shared/readText';
import { readChoice } from './choices';
import { JOB_ROW_FIELD } from './pairResults';

const JOB_TYPES: JobType[] = ['single', 'bulk'];
const JOB_TYPE_MEANING =
	'single for a job started by Find an email, Verify an email or Find a phone number; bulk for one started by an "in bulk" operation';

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
 *
 * Row references: an input item that carries its own (the earlier output's `rowReference`,
 * next to its `jobId`) keeps it. Otherwise they are decoded from what Enrow echoes
 * (EnrowApi/rowReferences.ts), and a row sent once for duplicates with different
 * references gives one item per reference, as the Enrow Trigger does.
 */
export async function getJobResults(
	context: IExecuteFunctions,
	kind: AnyJobKind,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const session = createEnrowClient(context);
	const simplify = context.getNodeParameter('simplify', 0, true) as boolean;
	const continueOnFail = context.continueOnFail();
	const outputs = new Map<number, INodeExecutionData[]>();
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const shape = outputShapeOf(context.getNode(), {
		includeInputFields: options.includeInputFields === true,
		resultField: readResultField(context.getNode(), options.resultField),
	});
	const fail = (itemIndex: number, error: NodeError) => {
		if (!continueOnFail) throw error;
		outputs.set(itemIndex, [failureItem(items, itemIndex, error, {}, shape)]);
	};

	const asked = new Map<string, JobAsked>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const jobId = withoutInvisible(
				String(context.getNodeParameter('jobId', itemIndex, '') ?? ''),
			).trim();
			const jobType = readChoice(
				context.getNode(),
				context.getNodeParameter('jobType', itemIndex, 'single'),
				{
					label: 'Job Type',
					allowed: JOB_TYPES,
					meaning: JOB_TYPE_MEANING,
					itemIndex,
				},
			);
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
			state = await readJob(session, {
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
		const perItem = resultsByItem(kind, job, state, simplify, (itemIndex) =>
			earlierOutputOf(items[itemIndex].json, job.jobId),
		);
		for (const [itemIndex, results] of perItem) {
			outputs.set(
				itemIndex,
				results.map((json) => resultItem(items, itemIndex, json, shape)),
			);
		}
	}
	return items.flatMap((_, itemIndex) => outputs.get(itemIndex) ?? []);
}

/**
 * What an earlier Enrow node output for this job in the input item: its own fields, or the
 * object under its "Put Result in Field" field (any top-level field holding this `jobId`).
 */
function earlierOutputOf(json: IDataObject, jobId: string): IDataObject {
	if (json.jobId === jobId) return json;
	for (const value of Object.values(json)) {
		if (isObject(value) && value.jobId === jobId) return value;
	}
	return json;
}

const textOf = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

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
	earlierOutput: (itemIndex: number) => IDataObject,
): Map<number, IDataObject[]> {
	const { body, done, failed } = state;
	const ownReference = (itemIndex: number) => {
		const earlier = earlierOutput(itemIndex);
		return earlier.jobId === job.jobId ? textOf(earlier.rowReference) : undefined;
	};
	/**
	 * An item's result: with the item's own reference when it carries one, else once per
	 * reference Enrow echoes (`echoed`), or as it is.
	 */
	const referenced = (itemIndex: number, json: IDataObject, echoed: string[] = []) => {
		const own = ownReference(itemIndex);
		return own ? [{ ...json, rowReference: own }] : oncePerReference({ ...json }, echoed);
	};
	/** The same results for each item. */
	const each = (results: IDataObject[]) =>
		new Map(
			job.itemIndexes.map((itemIndex) => [
				itemIndex,
				results.flatMap((json) => referenced(itemIndex, json)),
			]),
		);
	const raw = (json: IDataObject) => (simplify ? json : { ...body, ...json });

	if (!done || failed) return each([raw(progressOf(job, state))]);
	if (job.jobType === 'single') {
		const result = simplify ? kind.simplifySingle(body, undefined, job.jobId) : body;
		const echoed = referencesInCustom(body.custom);
		return new Map(
			job.itemIndexes.map((itemIndex) => [itemIndex, referenced(itemIndex, result, echoed)]),
		);
	}
	const rows = bulkResultRows<IDataObject>(body);
	const shaped = (row: IDataObject) =>
		simplify ? kind.simplifyRow(row, undefined, job.jobId) : row;
	const echoedOf = (row: IDataObject) => kind.resultRowReferences(row, body);
	// A finished job without rows still answers its items, rather than output nothing.
	if (rows.length === 0) return each([raw({ ...progressOf(job, state), rows: 0 })]);

	const [first, ...others] = job.itemIndexes;
	const byRow = new Map<string, IDataObject>();
	for (const row of rows) {
		const ref = kind.resultRowRef(row, []);
		if (ref !== undefined && !byRow.has(ref)) byRow.set(ref, row);
	}
	const rowOf = (itemIndex: number) => {
		const ref = earlierOutput(itemIndex)[JOB_ROW_FIELD];
		return typeof ref === 'string' ? byRow.get(ref) : undefined;
	};
	// One item naming the job, or items that do not say which row is theirs: all rows once.
	if (others.length === 0 || job.itemIndexes.some((itemIndex) => rowOf(itemIndex) === undefined)) {
		const perItem = new Map<number, IDataObject[]>([
			[first, rows.flatMap((row) => oncePerReference(shaped(row), echoedOf(row)))],
		]);
		for (const itemIndex of others) {
			const pointer = { jobId: job.jobId, status: 'completed', rowsOutputWithItem: first };
			perItem.set(itemIndex, referenced(itemIndex, pointer));
		}
		return perItem;
	}
	return new Map(
		job.itemIndexes.map((itemIndex) => {
			const row = rowOf(itemIndex)!;
			return [itemIndex, referenced(itemIndex, shaped(row), echoedOf(row))];
		}),
	);
}
