import { NodeOperationError, type INode, type NodeApiError } from 'n8n-workflow';

export type NodeError = NodeApiError | NodeOperationError;

/** n8n's errors pass through as they are; anything else becomes a NodeOperationError naming the item. */
export function asNodeError(
	context: { getNode(): INode },
	error: unknown,
	itemIndex: number,
): NodeError {
	if (error instanceof NodeOperationError || (error as NodeApiError)?.name === 'NodeApiError') {
		return error as NodeError;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
