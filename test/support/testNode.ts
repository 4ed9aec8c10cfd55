import type { INode, INodeParameters } from 'n8n-workflow';

/** A node of a workflow as n8n hands it to a node's code, for code that only needs one. */
export function testNode(
	id: string,
	name: string,
	type: string,
	parameters: INodeParameters = {},
): INode {
	return { id, name, type, typeVersion: 1, position: [0, 0], parameters };
}
