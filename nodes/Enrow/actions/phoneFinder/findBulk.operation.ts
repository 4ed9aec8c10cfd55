import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { runBulkJobs } from '../../jobs/runBulkJobs';
import { creditNotice, jobOptions, simplifyProperty, waitProperties } from '../common.descriptions';
import { phoneFinderJob } from './phoneFinderJob';
import { phoneFields } from './phoneFields';

const properties: INodeProperties[] = [
	creditNotice(
		'All input items go to Enrow as one bulk phone search (split into jobs of 3,000). Costs 40 credits per phone found (50 on legacy plans); duplicates are searched once.',
	),
	...phoneFields,
	...waitProperties('bulk'),
	simplifyProperty,
	jobOptions('bulk'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneFinder'], operation: ['findBulk'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runBulkJobs(this, phoneFinderJob);
}
