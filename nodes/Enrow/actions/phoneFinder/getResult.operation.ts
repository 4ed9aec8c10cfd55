import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { runGetResult } from '../../jobs/runGetResult';
import { jobReferenceProperties, simplifyProperty } from '../common.descriptions';
import { phoneFinderJob } from './phoneFinderJob';

const properties: INodeProperties[] = [...jobReferenceProperties(), simplifyProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneFinder'], operation: ['getResult'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runGetResult(this, phoneFinderJob);
}
