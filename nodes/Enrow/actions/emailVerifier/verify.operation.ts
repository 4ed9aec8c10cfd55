import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { runSingleJobs } from '../../jobs/runSingleJobs';
import { creditNotice, jobOptions, simplifyProperty, waitProperties } from '../common.descriptions';
import { emailVerifierJob } from './emailVerifierJob';
import { verifierFields } from './verifierFields';

const properties: INodeProperties[] = [
	creditNotice(
		'Costs 0.25 Enrow credit per address checked. Addresses that fail the syntax check are not sent and cost nothing.',
	),
	...verifierFields,
	...waitProperties('single'),
	simplifyProperty,
	jobOptions('single'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['emailVerifier'], operation: ['verify'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runSingleJobs(this, emailVerifierJob);
}
