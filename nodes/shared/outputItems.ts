import {
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { NodeError } from './asNodeError';

/** How a run's output items are built, decided once per run. */
export interface OutputShape {
	/** Output each input item's fields with the result on top ("Include Input Fields"). */
	includeInputFields: boolean;
	/**
	 * "Put Result in Field": the name of the one field that holds the result, so that no
	 * field of the input item (a CRM's own `status`, an earlier Enrow node's `jobId`) is
	 * replaced. Empty: the result's fields at the top level.
	 */
	resultField: string;
	/** The node is set to "On Error → Continue (using error output)". */
	toErrorOutput: boolean;
}

export interface OutputOptions {
	includeInputFields?: boolean;
	resultField?: string;
}

export function outputShapeOf(node: INode, options: OutputOptions = {}): OutputShape {
	return {
		includeInputFields: options.includeInputFields === true,
		resultField: options.resultField ?? '',
		toErrorOutput: node.onError === 'continueErrorOutput',
	};
}

/**
 * Options → Put Result in Field, read once per run: a field name, trimmed, taken as it is
 * (a dot is part of the name, not a path). Empty or unset: no field.
 */
export function readResultField(node: INode, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string') {
		throw new NodeOperationError(node, `Put Result in Field is ${typeof value}, not a field name`, {
			description:
				'Set "Put Result in Field" (Options) to a field name such as enrow, or leave it empty.',
		});
	}
	return value.trim();
}

/**
 * The input item's fields with the result on top. A result field without a value (a
 * search that found nothing gives `email: null`) never blanks the input's field of the
 * same name: the user's own data is kept.
 */
function onTopOfInput(input: IDataObject, result: IDataObject): IDataObject {
	const merged: IDataObject = { ...input };
	for (const [key, value] of Object.entries(result)) {
		const blank = value === null || value === undefined;
		if (!blank || input[key] === undefined || input[key] === null) merged[key] = value;
	}
	return merged;
}

/** What an item outputs: the result's fields, or the result under the chosen field. */
function shaped(
	input: IDataObject,
	result: IDataObject,
	shape: OutputShape,
	topLevel: IDataObject = {},
): IDataObject {
	if (shape.resultField) {
		const nested = { ...topLevel, [shape.resultField]: result };
		return shape.includeInputFields ? { ...input, ...nested } : nested;
	}
	const flat = { ...result, ...topLevel };
	return shape.includeInputFields ? onTopOfInput(input, flat) : flat;
}

/**
 * One output item for one input item, paired with it: the result's fields, or with "Put
 * Result in Field" the result under that one field; with "Include Input Fields" on top of
 * the input item's own fields.
 */
export function resultItem(
	items: INodeExecutionData[],
	itemIndex: number,
	result: IDataObject,
	shape: OutputShape,
): INodeExecutionData {
	return { json: shaped(items[itemIndex].json, result, shape), pairedItem: { item: itemIndex } };
}

/**
 * The item n8n's "Continue" settings expect for a failed input item, paired with it.
 * - "Continue": on the main output, `error` with the message plus what the user needs to
 *   recover (an Enrow job ID and status, say) and, with Include Input Fields, the input's
 *   fields, so no data is lost. With "Put Result in Field", `error` (and
 *   `errorDescription`) stay at the top level, where n8n and the user's IF nodes look for
 *   them, and the rest (`status` "failed", or "ongoing" with the job ID of a job that is
 *   still running, the row reference) goes under the field, where a result would be.
 * - "Continue (using error output)": n8n sends an item down the error output only when its
 *   JSON holds nothing but `error`, `message` and `details` (and then adds the input's
 *   fields itself), so the message is `error`, the fix `message`, the rest `details`.
 *   (`INodeExecutionData.error` would route it too, but n8n then keeps only the message.)
 */
export function failureItem(
	items: INodeExecutionData[],
	itemIndex: number,
	error: NodeError,
	extra: IDataObject,
	shape: OutputShape,
): INodeExecutionData {
	if (shape.toErrorOutput) {
		const json: IDataObject = { error: error.message };
		if (error.description) json.message = error.description;
		if (Object.keys(extra).length > 0) json.details = extra;
		return { json, pairedItem: { item: itemIndex } };
	}
	const errorFields: IDataObject = { error: error.message };
	if (error.description) errorFields.errorDescription = error.description;
	const input = items[itemIndex].json;
	const json = shape.resultField
		? shaped(input, { status: 'failed', ...extra }, shape, errorFields)
		: shaped(input, extra, shape, errorFields);
	return { json, pairedItem: { item: itemIndex } };
}
