import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** One output item for one input item, paired with it, optionally on top of its fields. */
export function resultItem(
	items: INodeExecutionData[],
	itemIndex: number,
	result: IDataObject,
	includeInputFields: boolean,
): INodeExecutionData {
	return {
		json: includeInputFields ? { ...items[itemIndex].json, ...result } : result,
		pairedItem: { item: itemIndex },
	};
}

/**
 * The item n8n's "Continue On Fail" expects: `json.error` with the message, plus what
 * the user needs to recover (an Enrow job ID and status, say) and, with Include Input
 * Fields, the input fields, so no data is lost.
 */
export function failureItem(
	items: INodeExecutionData[],
	itemIndex: number,
	error: Error & { description?: string | null },
	extra: IDataObject,
	includeInputFields: boolean,
): INodeExecutionData {
	const failure: IDataObject = { ...extra, error: error.message };
	if (error.description) failure.errorDescription = error.description;
	return resultItem(items, itemIndex, failure, includeInputFields);
}
