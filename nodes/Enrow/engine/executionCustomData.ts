import type {
	IExecuteFunctions,
	IWebhookFunctions,
	IWorkflowExecutionCustomData,
} from 'n8n-workflow';

/**
 * What the node contexts of n8n 1.123.81 and 2.0.3 carry instead of `customData`: the keys
 * n8n builds `$execution` from for expressions (a getter of n8n-core's NodeExecutionContext,
 * on execute and webhook contexts alike). Its `customData` is the same store.
 */
interface OlderContext {
	additionalKeys?: { $execution?: { customData?: unknown } };
}

function isCustomData(value: unknown): value is IWorkflowExecutionCustomData {
	const candidate = value as Partial<IWorkflowExecutionCustomData> | null | undefined;
	return typeof candidate?.set === 'function' && typeof candidate.get === 'function';
}

/**
 * The execution's custom data, where a paused run keeps its Enrow job IDs. Newer n8n hands it
 * to nodes as `this.customData`; 1.123.81 and 2.0.3 do not. There the same store (the
 * execution's metadata, same limits) is what `$execution.customData` reads, so it is taken
 * from the keys n8n builds `$execution` from. Not through `evaluateExpression`: checked on
 * 1.123.81, a running server's expression engine hands back a copy without its functions.
 * Undefined when neither is there: the caller must then not pause, or the job IDs would be lost.
 */
export function executionCustomData(
	context: IExecuteFunctions | IWebhookFunctions,
): IWorkflowExecutionCustomData | undefined {
	const current = (context as { customData?: unknown }).customData;
	if (isCustomData(current)) return current;
	try {
		const older = (context as OlderContext).additionalKeys?.$execution?.customData;
		return isCustomData(older) ? older : undefined;
	} catch {
		return undefined;
	}
}
