import type { INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { withoutPauseMark } from './pauseMark';

const AS_JSON_TEXT = '{{ JSON.stringify($input.all()) }}';
const AS_ITEMS = '{{ $input.all() }}';

/**
 * The items a paused execution resumes with. The webhook context has no `getInputData`, so
 * they are read through an expression, as one JSON text: n8n's expression sandbox
 * (isolated-vm in n8n 2.x) would otherwise copy every value of every item out of the sandbox
 * and check each one on the way, a few milliseconds per 1,000 items (BENCHMARKS.md §4).
 * Nothing is lost: a paused execution is loaded from n8n's database, which holds JSON. Items
 * that JSON cannot hold (a cycle: n8n's engine then gives no text) are read as they are.
 */
export function readPausedItems(context: IWebhookFunctions): INodeExecutionData[] {
	return withoutPauseMark(readStoredItems(context));
}

function readStoredItems(context: IWebhookFunctions): INodeExecutionData[] {
	try {
		const text = context.evaluateExpression(AS_JSON_TEXT, 0);
		if (typeof text === 'string') return JSON.parse(text) as INodeExecutionData[];
	} catch {
		// The engine refused the text (its memory limit, its timeout): read the items themselves.
	}
	return context.evaluateExpression(AS_ITEMS, 0) as unknown as INodeExecutionData[];
}
