import type { IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { fastItemParameters, rawParameter, type ItemParameters } from '../../shared/itemParameters';

/** The execute context's per-item parameters, through the fast reader. */
export function executeItemParameters(context: IExecuteFunctions): ItemParameters {
	return fastItemParameters({
		getNode: () => context.getNode(),
		items: context.getInputData(),
		resolve: (name, itemIndex, fallback) => context.getNodeParameter(name, itemIndex, fallback),
	});
}

/**
 * Per-item parameters for a paused execution that resumes. The webhook context has no
 * per-item `getNodeParameter`, but its `evaluateExpression` evaluates against any input
 * item, so expressions are resolved item by item exactly as `execute()` saw them.
 */
export function resumedItemParameters(
	context: IWebhookFunctions,
	items: INodeExecutionData[],
): ItemParameters {
	const raw = context.getNode().parameters;
	const resolveValue = (value: unknown, itemIndex: number): unknown => {
		if (typeof value === 'string' && value.startsWith('=')) {
			return context.evaluateExpression(value.slice(1), itemIndex);
		}
		if (Array.isArray(value)) return value.map((entry) => resolveValue(entry, itemIndex));
		if (value && typeof value === 'object') {
			return Object.fromEntries(
				Object.entries(value).map(([key, entry]) => [key, resolveValue(entry, itemIndex)]),
			);
		}
		return value;
	};
	return fastItemParameters({
		getNode: () => context.getNode(),
		items,
		resolve: (name, itemIndex, fallback) => {
			const value = rawParameter(raw, name);
			return value !== undefined
				? resolveValue(value, itemIndex)
				: context.getNodeParameter(name, fallback);
		},
	});
}
