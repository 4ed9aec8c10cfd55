/**
 * The package's nodes and credentials as the benchmarks run them (their real source, not dist/).
 *
 * ts-node resolves `Enrow.node` to the codex file `Enrow.node.json` before `Enrow.node.ts` (jest
 * looks for .ts first), so the node modules are required by their full file name.
 */
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import type * as EnrowModule from '../../nodes/Enrow/Enrow.node';
import type * as VecModule from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node';

export { EnrowApi } from '../../credentials/EnrowApi.credentials';
export { ValidEmailCheckerApi } from '../../n8n-nodes-validemailchecker/credentials/ValidEmailCheckerApi.credentials';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { Enrow } = require('../../nodes/Enrow/Enrow.node.ts') as typeof EnrowModule;
// The ValidEmailChecker package compiles its own copy of nodes/shared/ (gitignored): make it first.
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('../../scripts/build/copySharedCode') as () => unknown)();
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { ValidEmailChecker } =
	require('../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node.ts') as typeof VecModule;

/**
 * A node that does nothing but hand each input item on, paired with it: the cost of n8n-core
 * (WorkflowExecute, the harness's Source node, run data) that any node's run pays.
 */
export function passThroughNodeType(): INodeType {
	return {
		description: {
			displayName: 'Bench Pass-Through',
			name: 'benchPassThrough',
			group: ['transform'],
			version: 1,
			description: 'Benchmark baseline: outputs its input items unchanged',
			defaults: { name: 'Pass Through' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const items = this.getInputData();
			return [items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
		},
	};
}
