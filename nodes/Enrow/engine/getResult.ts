import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import {
	readJobAnswer,
	resultsByRef,
	type JobAnswer,
	type JobResult,
} from '../../EnrowApi/jobAnswer';
import {
	JOB_TYPES,
	oncePerReference,
	type AnyJobKind,
	type JobType,
} from '../../EnrowApi/jobKinds';
import { readJob, type JobState } from '../../EnrowApi/readJob';
import { createEnrowClient } from '../../EnrowApi/transport';
import { asNodeError, type NodeError } from '../../shared/asNodeError';
import { isObject } from '../../shared/isObject';
import { failureItem, outputShapeOf, readResultField, resultItem } from '../../shared/outputItems';
import { withoutInvisible } from '../../shared/readText';
import { readChoice } from './choices';
import { JOB_ROW_FIELD } from './pairResults';

const JOB_TYPE_MEANING =
	'single for a job started by Find an email, Verify an email or Find a phone number; bulk for one started by an "in bulk" operation';

interface JobAsked {
	jobId: string;
	jobType: JobType;
	/** The input items that name this job, in input order. */
	itemIndexes: number[];
}

/** What an input item that names a job carried from an earlier Enrow node's output. */
interface ItemAsking {
	/** Its own Row Reference, which it keeps. */
	rowReference: string | undefined;
	/** Which row of a bulk job is its own (`jobRow`, output by "Return Job ID Immediately"). */
	jobRow: unknown;
}

/** What each input item that names a job outputs. */
type ResultsByItem = Map<number, IDataObject[]>;

/**
 * Get Result: reads each distinct job the input items name once, without waiting. A
 * finished bulk job gives one item per result row; when several input items name the
 * same bulk job (the output of "Return Job ID Immediately"), each gets its own row, found
 * by the `jobRow` field that output carried. A running job gives one item per input item
 * with its progress.
 *
 * Row references: an input item that carries its own (the earlier output's `rowReference`,
 * next to its `jobId`) keeps it. Otherwise they are decoded from what Enrow echoes
 * (EnrowApi/jobKinds/rowReferences.ts), and a row sent once for duplicates with different
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

	for (const job of jobsAsked(context, items.length, fail)) {
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
		const answer = readJobAnswer({ kind, jobType: job.jobType, jobId: job.jobId }, state);
		const asking = (itemIndex: number) => itemAsking(items[itemIndex].json, job.jobId);
		for (const [itemIndex, results] of resultsByItem(job, answer, simplify, asking)) {
			outputs.set(
				itemIndex,
				results.map((json) => resultItem(items, itemIndex, json, shape)),
			);
		}
	}
	return items.flatMap((_, itemIndex) => outputs.get(itemIndex) ?? []);
}

/** The distinct jobs the items name (Job ID and Job Type), in input order; an item that names none fails. */
function jobsAsked(
	context: IExecuteFunctions,
	itemCount: number,
	fail: (itemIndex: number, error: NodeError) => void,
): JobAsked[] {
	const asked = new Map<string, JobAsked>();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const { jobId, jobType } = jobNamedBy(context, itemIndex);
			const key = `${jobType}\n${jobId}`;
			const job = asked.get(key) ?? { jobId, jobType, itemIndexes: [] };
			job.itemIndexes.push(itemIndex);
			asked.set(key, job);
		} catch (error) {
			fail(itemIndex, asNodeError(context, error, itemIndex));
		}
	}
	return [...asked.values()];
}

function jobNamedBy(context: IExecuteFunctions, itemIndex: number) {
	const jobId = withoutInvisible(
		String(context.getNodeParameter('jobId', itemIndex, '') ?? ''),
	).trim();
	const jobType = readChoice(
		context.getNode(),
		context.getNodeParameter('jobType', itemIndex, 'single'),
		{ label: 'Job Type', allowed: JOB_TYPES, meaning: JOB_TYPE_MEANING, itemIndex },
	);
	if (!jobId) {
		throw new NodeOperationError(context.getNode(), `Job ID of item ${itemIndex} is empty`, {
			itemIndex,
			description: 'Map the jobId field that an Enrow node output earlier, e.g. {{ $json.jobId }}.',
		});
	}
	return { jobId, jobType };
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

function itemAsking(json: IDataObject, jobId: string): ItemAsking {
	const earlier = earlierOutputOf(json, jobId);
	const reference = earlier.rowReference;
	const own = earlier.jobId === jobId && typeof reference === 'string' && reference !== '';
	return { rowReference: own ? reference : undefined, jobRow: earlier[JOB_ROW_FIELD] };
}

/**
 * A result for an item: with the item's own reference when it carries one, else once per
 * reference Enrow echoes, or as it is.
 */
function referenced(asking: ItemAsking, json: IDataObject, echoed: string[] = []): IDataObject[] {
	const own = asking.rowReference;
	return own ? [{ ...json, rowReference: own }] : oncePerReference({ ...json }, echoed);
}

/** The same output for each item that names the job. */
function forEachItem(
	job: JobAsked,
	asking: (itemIndex: number) => ItemAsking,
	output: (asking: ItemAsking) => IDataObject[],
): ResultsByItem {
	return new Map(job.itemIndexes.map((itemIndex) => [itemIndex, output(asking(itemIndex))]));
}

/** A job that gives no rows (still running, failed, or finished without any): its status. */
function progressItem(job: JobAsked, answer: JobAnswer, simplify: boolean, extra: IDataObject) {
	const progress = { jobId: job.jobId, status: answer.status, ...answer.progress, ...extra };
	return simplify ? progress : { ...answer.raw, ...progress };
}

function resultsByItem(
	job: JobAsked,
	answer: JobAnswer,
	simplify: boolean,
	asking: (itemIndex: number) => ItemAsking,
): ResultsByItem {
	if (answer.status !== 'completed') {
		const progress = progressItem(job, answer, simplify, {});
		return forEachItem(job, asking, (item) => referenced(item, progress));
	}
	if (job.jobType === 'single') {
		const [result] = answer.results;
		const json = simplify ? result.simplified() : result.raw;
		return forEachItem(job, asking, (item) => referenced(item, json, result.references()));
	}
	// A finished job without rows still answers its items, rather than output nothing.
	if (answer.results.length === 0) {
		const progress = progressItem(job, answer, simplify, { rows: 0 });
		return forEachItem(job, asking, (item) => referenced(item, progress));
	}
	return bulkResultsByItem(job, answer.results, simplify, asking);
}

/**
 * A finished bulk job's rows: each item its own row when every item names one (`jobRow`),
 * else all rows once with the first item, and a pointer to it with the others.
 */
function bulkResultsByItem(
	job: JobAsked,
	results: JobResult[],
	simplify: boolean,
	asking: (itemIndex: number) => ItemAsking,
): ResultsByItem {
	const shaped = (result: JobResult) => (simplify ? result.simplified() : result.raw);
	const byRow = resultsByRef(results);
	const rowOf = (item: ItemAsking) =>
		typeof item.jobRow === 'string' ? byRow.get(item.jobRow) : undefined;

	const [first, ...others] = job.itemIndexes;
	if (others.length > 0 && job.itemIndexes.every((itemIndex) => rowOf(asking(itemIndex)))) {
		return forEachItem(job, asking, (item) => {
			const result = rowOf(item)!;
			return referenced(item, shaped(result), result.references());
		});
	}
	const perItem: ResultsByItem = new Map([
		[first, results.flatMap((result) => oncePerReference(shaped(result), result.references()))],
	]);
	for (const itemIndex of others) {
		const pointer = { jobId: job.jobId, status: 'completed', rowsOutputWithItem: first };
		perItem.set(itemIndex, referenced(asking(itemIndex), pointer));
	}
	return perItem;
}
