import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeParameters,
	INodeType,
	IVersionedNodeType,
} from 'n8n-workflow';

import { communityNodeType } from './node-types';

/** The node a harness run calls, as a workflow holds it. */
export interface NodeUnderTest {
	/** An instance, e.g. `new Enrow()` (a versioned node type works too). */
	nodeType: INodeType | IVersionedNodeType;
	/** Default `communityNodeType(description.name)`, what n8n names the node from its package. */
	typeName?: string;
	/** Default: `description.defaultVersion`, else the highest listed version. */
	typeVersion?: number;
	/** Default: `description.defaults.name`, else `description.displayName`. */
	nodeName?: string;
	/** As a user would set them; expressions allowed (`'={{ $json.email }}'`). n8n's Workflow fills the defaults. */
	parameters: INodeParameters;
	/** By credential type name, e.g. `{ enrowApi: { apiKey, baseUrl } }`. Each one is also attached to the node. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Instances, e.g. `[new EnrowApi()]`: used for `authenticate` (generic and function form) and property defaults. */
	credentialTypes?: ICredentialType[];
}

function pickVersion(nodeType: INodeType | IVersionedNodeType): number {
	const { description } = nodeType;
	if ('defaultVersion' in description && typeof description.defaultVersion === 'number') {
		return description.defaultVersion;
	}
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const version = (description as INodeType['description']).version;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** The node as the workflow holds it, its credentials attached by type. */
export function workflowNode(
	opts: NodeUnderTest,
	placement: Pick<INode, 'id' | 'position'> & Partial<INode>,
): INode {
	const { description } = opts.nodeType;
	const node: INode = {
		name:
			opts.nodeName ??
			((description as INodeType['description']).defaults?.name as string | undefined) ??
			description.displayName,
		type: opts.typeName ?? communityNodeType(description.name),
		typeVersion: opts.typeVersion ?? pickVersion(opts.nodeType),
		parameters: structuredClone(opts.parameters),
		...placement,
	};
	const types = Object.keys(opts.credentials ?? {});
	if (types.length > 0) {
		node.credentials = Object.fromEntries(
			types.map((type) => [type, { id: `test-${type}`, name: `${type} (test)` }]),
		);
	}
	return node;
}
