import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { runGetResult } from '../../jobs/runGetResult';
import { jobReferenceProperties, simplifyProperty } from '../common.descriptions';
import { emailVerifierJob } from './emailVerifierJob';

const properties: INodeProperties[] = [...jobReferenceProperties(), simplifyProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['emailVerifier'], operation: ['getResult'] } },
	properties,
);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runGetResult(this, emailVerifierJob);
}
