import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * The field a paused run's input items carry while the execution waits for Enrow's callback.
 *
 * When a pause's deadline passes without a callback, n8n does not run the node again: it
 * outputs the node's input items as they are stored (n8n-core WorkflowExecute disables the
 * waiting node). So before pausing, each input item is marked, in place, with what that
 * output then means: no result yet, its job, and where to read the result. A resume by
 * Enrow's callback reads the items without the mark (`withoutPauseMark`): it never reaches a
 * result. One field, so that no field of the user's is changed and no mapping reads it.
 */
export const PAUSE_MARK_FIELD = 'enrowWait';

export function markPausedItems(
	items: INodeExecutionData[],
	markOf: (itemIndex: number) => IDataObject,
): void {
	items.forEach((item, itemIndex) => {
		item.json[PAUSE_MARK_FIELD] = markOf(itemIndex);
	});
}

export function withoutPauseMark(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item) => {
		if (!item?.json || !(PAUSE_MARK_FIELD in item.json)) return item;
		const json = { ...item.json };
		delete json[PAUSE_MARK_FIELD];
		return { ...item, json };
	});
}
