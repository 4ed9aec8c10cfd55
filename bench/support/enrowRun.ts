/** Runs the Enrow node's real execute() inside n8n-core (test/harness) against a simulator URL. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode, type RunNodeResult } from '../../test/harness';
import { Enrow, EnrowApi } from './nodes';

export const ENROW_KEY = 'sim-enrow-key';

export const VERIFY_BULK: INodeParameters = {
	resource: 'emailVerifier',
	operation: 'verifyBulk',
	email: '={{ $json.email }}',
};

export const FIND_BULK: INodeParameters = {
	resource: 'emailFinder',
	operation: 'findBulk',
	fullName: '={{ $json.fullName }}',
	companyDomain: '={{ $json.companyDomain }}',
};

export const FIND_SINGLE: INodeParameters = { ...FIND_BULK, operation: 'find' };

export async function runEnrow(
	baseUrl: string,
	parameters: INodeParameters,
	input: IDataObject[],
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new Enrow(),
		parameters,
		credentials: { enrowApi: { apiKey: ENROW_KEY, baseUrl } },
		credentialTypes: [new EnrowApi()],
		input,
	});
}

/** Output items whose job completed (status "completed"), whatever their verdict. */
export function completedCount(result: RunNodeResult): number {
	return result.output.filter((item) => item.json.status === 'completed').length;
}
