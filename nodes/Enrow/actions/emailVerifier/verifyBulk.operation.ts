import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { runBulkJobs } from '../../jobs/runBulkJobs';
import { creditNotice, jobOptions, simplifyProperty, waitProperties } from '../common.descriptions';
import { emailVerifierJob } from './emailVerifierJob';
import { verifierFields } from './verifierFields';

const properties: INodeProperties[] = [
	creditNotice(
		'All input items go to Enrow as one bulk verification (split into jobs of 5,000). Costs 0.25 credit per address; duplicates and impossible addresses cost nothing.',
	),
	...verifierFields,
	...waitProperties('bulk'),
	simplifyProperty,
	jobOptions('bulk'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['emailVerifier'], operation: ['verifyBulk'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runBulkJobs(this, emailVerifierJob);
}
