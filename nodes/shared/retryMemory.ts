/**
 * What one run of a node has already paid for, kept for n8n's Settings → Retry On Fail.
 *
 * n8n retries a node by running it again, in the same process, with the same execute data:
 * n8n-core's WorkflowExecute hands one `executionData` object to every try of a node run, and
 * it retries both a thrown error and an output whose first item carries `error` (On Error:
 * Continue). Keyed on that object, a memory tells a retry from a new run of the node (a loop,
 * another execution: new execute data), and is dropped with the execution.
 */
const memories = new WeakMap<object, Map<string, Map<string, unknown>>>();

export interface RetryMemoryContext {
	getExecuteData?: () => object | undefined;
}

/**
 * The memory named `purpose` of this run of the node, shared by its tries. Empty on the first
 * try; a fresh, unshared map where the context has no execute data (a webhook call).
 */
export function retryMemory<Value>(
	context: RetryMemoryContext,
	purpose: string,
): Map<string, Value> {
	const executeData =
		typeof context.getExecuteData === 'function' ? context.getExecuteData() : undefined;
	if (!executeData || typeof executeData !== 'object') return new Map<string, Value>();
	let byPurpose = memories.get(executeData);
	if (!byPurpose) {
		byPurpose = new Map();
		memories.set(executeData, byPurpose);
	}
	let memory = byPurpose.get(purpose);
	if (!memory) {
		memory = new Map<string, unknown>();
		byPurpose.set(purpose, memory);
	}
	return memory as Map<string, Value>;
}
