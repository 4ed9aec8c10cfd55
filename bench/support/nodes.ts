/**
 * The package's nodes as the benchmarks run them: their real source (not dist/) in n8n-core
 * (test/harness), against the simulator. ts-node resolves `Enrow.node` to the codex file
 * `Enrow.node.json` before `Enrow.node.ts` (jest looks for .ts first): hence the full file names.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { EnrowApi } from '../../credentials/EnrowApi.credentials';
import type * as EnrowModule from '../../nodes/Enrow/Enrow.node';
import type * as VecModule from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node';
import { startSimulator, type Simulator, type SimulatorConfigPatch } from '../../simulator';
import { runNode, type RunNodeResult } from '../../test/harness';

export { ValidEmailCheckerApi } from '../../n8n-nodes-validemailchecker/credentials/ValidEmailCheckerApi.credentials';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Enrow } = require('../../nodes/Enrow/Enrow.node.ts') as typeof EnrowModule;
// The ValidEmailChecker package compiles its own copy of nodes/shared/ (gitignored): make it first.
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('../../scripts/build/copySharedCode') as () => unknown)();
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { ValidEmailChecker } =
	require('../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node.ts') as typeof VecModule;

export const ENROW_KEY = 'sim-enrow-key';
export const VERIFY_BULK = {
	resource: 'emailVerifier',
	operation: 'verifyBulk',
	email: '={{ $json.email }}',
};
export const FIND_SINGLE = {
	resource: 'emailFinder',
	operation: 'find',
	fullName: '={{ $json.fullName }}',
	companyDomain: '={{ $json.companyDomain }}',
};

/** The Enrow node's real execute() in n8n-core against the simulator at `baseUrl`. */
export async function runEnrow(
	baseUrl: string,
	parameters: INodeParameters,
	input: IDataObject[],
): Promise<RunNodeResult> {
	const credentials = { enrowApi: { apiKey: ENROW_KEY, baseUrl } };
	return await runNode({
		nodeType: new Enrow(),
		parameters,
		credentials,
		credentialTypes: [new EnrowApi()],
		input,
	});
}

export const itemsWith = (result: RunNodeResult, status: string): number =>
	result.output.filter((item) => item.json.status === status).length;

/** Runs `work` with a simulator of its own (in this process), closed afterwards. */
export async function withSimulator<T>(
	config: SimulatorConfigPatch,
	work: (simulator: Simulator) => Promise<T>,
): Promise<T> {
	const simulator = await startSimulator({ config });
	try {
		return await work(simulator);
	} finally {
		await simulator.close();
	}
}
