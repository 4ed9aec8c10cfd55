import type { IWebhookFunctions } from 'n8n-workflow';

import type { ItemParameters } from './jobKind';

/**
 * Per-item parameters for a paused execution that resumes. The webhook context has no
 * per-item `getNodeParameter`, but its `evaluateExpression` evaluates against any input
 * item, so expressions are resolved item by item exactly as `execute()` saw them.
 */
export function resumedItemParameters(context: IWebhookFunctions): ItemParameters {
	const raw = context.getNode().parameters;
	const resolve = (value: unknown, itemIndex: number): unknown => {
		if (typeof value === 'string' && value.startsWith('=')) {
			return context.evaluateExpression(value.slice(1), itemIndex);
		}
		if (Array.isArray(value)) return value.map((entry) => resolve(entry, itemIndex));
		if (value && typeof value === 'object') {
			return Object.fromEntries(
				Object.entries(value).map(([key, entry]) => [key, resolve(entry, itemIndex)]),
			);
		}
		return value;
	};
	return {
		getNode: () => context.getNode(),
		getNodeParameter(name, itemIndex, fallback) {
			if (!(name in raw)) return context.getNodeParameter(name, fallback);
			return resolve(raw[name], itemIndex);
		},
	};
}
