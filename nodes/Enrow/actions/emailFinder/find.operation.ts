import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { runSingleJobs } from '../../jobs/runSingleJobs';
import { creditNotice, jobOptions, simplifyProperty, waitProperties } from '../common.descriptions';
import { emailFinderJob } from './emailFinderJob';
import { finderFields, finderOptions } from './finderFields';

const properties: INodeProperties[] = [
	creditNotice('Costs 1 Enrow credit per email found. Searches that find nothing are refunded.'),
	...finderFields,
	...waitProperties('single'),
	simplifyProperty,
	jobOptions('single', finderOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['emailFinder'], operation: ['find'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runSingleJobs(this, emailFinderJob);
}
