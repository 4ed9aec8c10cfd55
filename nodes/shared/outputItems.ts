import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import type { NodeError } from './asNodeError';

/** How a run's output items are built, decided once per run. */
export interface OutputShape {
	/** Output each input item's fields with the result on top ("Include Input Fields"). */
	includeInputFields: boolean;
	/** The node is set to "On Error → Continue (using error output)". */
	toErrorOutput: boolean;
}

export function outputShapeOf(node: INode, includeInputFields = false): OutputShape {
	return { includeInputFields, toErrorOutput: node.onError === 'continueErrorOutput' };
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

/** One output item for one input item, paired with it, optionally on top of its fields. */
export function resultItem(
	items: INodeExecutionData[],
	itemIndex: number,
	result: IDataObject,
	shape: OutputShape,
): INodeExecutionData {
	return {
		json: shape.includeInputFields ? onTopOfInput(items[itemIndex].json, result) : result,
		pairedItem: { item: itemIndex },
	};
}

/**
 * The item n8n's "Continue" settings expect for a failed input item, paired with it.
 * - "Continue": on the main output, `error` with the message plus what the user needs to
 *   recover (an Enrow job ID and status, say) and, with Include Input Fields, the input's
 *   fields, so no data is lost.
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
	const failure: IDataObject = { ...extra, error: error.message };
	if (error.description) failure.errorDescription = error.description;
	return resultItem(items, itemIndex, failure, shape);
}
