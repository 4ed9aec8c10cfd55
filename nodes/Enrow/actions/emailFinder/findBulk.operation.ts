import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { runBulkJobs } from '../../jobs/runBulkJobs';
import { creditNotice, jobOptions, simplifyProperty, waitProperties } from '../common.descriptions';
import { emailFinderJob } from './emailFinderJob';
import { finderFields, finderOptions } from './finderFields';

const properties: INodeProperties[] = [
	creditNotice(
		'All input items go to Enrow as one bulk search (split into jobs of 5,000). Costs 1 credit per email found; duplicates are searched once.',
	),
	...finderFields,
	...waitProperties('bulk'),
	simplifyProperty,
	jobOptions('bulk', finderOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['emailFinder'], operation: ['findBulk'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runBulkJobs(this, emailFinderJob);
}
