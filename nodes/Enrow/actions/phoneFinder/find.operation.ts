import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { runSingleJobs } from '../../jobs/runSingleJobs';
import { creditNotice, jobOptions, simplifyProperty, waitProperties } from '../common.descriptions';
import { phoneFinderJob } from './phoneFinderJob';
import { phoneFields } from './phoneFields';

const properties: INodeProperties[] = [
	creditNotice(
		'Costs 40 Enrow credits per phone number found (50 on legacy plans). Searches that find nothing are refunded.',
	),
	...phoneFields,
	...waitProperties('single'),
	simplifyProperty,
	jobOptions('single'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneFinder'], operation: ['find'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runSingleJobs(this, phoneFinderJob);
}
