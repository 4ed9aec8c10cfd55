/**
 * Node-type registry for harness runs, and the test-only source node that feeds input items.
 */
import { NodeConnectionTypes, NodeHelpers, deepCopy } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';

export const SOURCE_NODE_TYPE = 'n8n-nodes-harness.source';
export const SOURCE_NODE_NAME = 'Source';

/** The npm package each of our nodes ships in, when it is not n8n-nodes-enrow. */
const PACKAGE_OF_NODE: Record<string, string> = {
	validEmailChecker: 'n8n-nodes-validemailchecker',
};

/**
 * The type n8n gives one of our nodes, `<package>.<description.name>` as for any community
 * package: `n8n-nodes-enrow.enrow`, `n8n-nodes-validemailchecker.validEmailChecker`.
 */
export function communityNodeType(nodeName: string): string {
	return `${PACKAGE_OF_NODE[nodeName] ?? 'n8n-nodes-enrow'}.${nodeName}`;
}

/**
 * A node that outputs the given items, each paired with its (single, empty) input item — what a
 * trigger or a Code node in "run once for all items" mode hands to the next node.
 * The items live in the closure: inside `execute()`, `this` is n8n's context, not the node object.
 */
export function makeSourceNodeType(items: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Harness Source',
			name: 'source',
			group: ['input'],
			version: 1,
			description: 'Test-only: outputs the items given to runNode()',
			defaults: { name: SOURCE_NODE_NAME },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [items.map((json) => ({ json: deepCopy(json), pairedItem: { item: 0 } }))];
		},
	};
}

/** Records the last error thrown out of the tested node's `execute()` (the real instance). */
export interface ErrorSink {
	error?: unknown;
}

/**
 * Wraps `execute()` so the harness can hand back the real error object: n8n-core keeps only a
 * plain-object copy (`{ ...error, message, stack }`) in the run data, which loses the class
 * (`instanceof NodeApiError` is false) and non-enumerable fields.
 */
function withErrorCapture(nodeType: INodeType, sink: ErrorSink): INodeType {
	const original = nodeType.execute;
	if (!original) return nodeType;
	// Object.create keeps description, methods, webhook(), and the class tag n8n checks.
	const wrapped = Object.create(nodeType) as INodeType;
	wrapped.execute = async function (this: unknown, ...args: unknown[]) {
		try {
			return await (original as (...a: unknown[]) => Promise<INodeExecutionData[][] | null>).apply(
				this,
				args,
			);
		} catch (error) {
			sink.error = error;
			throw error;
		}
	} as INodeType['execute'];
	return wrapped;
}

export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	private readonly wrapped = new Map<INodeType, INodeType>();

	constructor(private readonly capture?: { typeName: string; sink: ErrorSink }) {}

	add(typeName: string, nodeType: INodeType | IVersionedNodeType): this {
		this.types.set(typeName, nodeType);
		return this;
	}

	getByName(typeName: string): INodeType | IVersionedNodeType {
		const type = this.types.get(typeName);
		if (!type) throw new Error(`Harness: unknown node type "${typeName}"`);
		return type;
	}

	getByNameAndVersion(typeName: string, version?: number): INodeType {
		const type = NodeHelpers.getVersionedNodeType(this.getByName(typeName), version);
		if (this.capture && this.capture.typeName === typeName) {
			let wrapped = this.wrapped.get(type);
			if (!wrapped) {
				wrapped = withErrorCapture(type, this.capture.sink);
				this.wrapped.set(type, wrapped);
			}
			return wrapped;
		}
		return type;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}
