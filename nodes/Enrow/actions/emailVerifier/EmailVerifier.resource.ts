import type { INodeProperties } from 'n8n-workflow';

import * as getResult from './getResult.operation';
import * as verify from './verify.operation';
import * as verifyBulk from './verifyBulk.operation';

export { getResult, verify, verifyBulk };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['emailVerifier'] } },
		options: [
			{
				name: 'Get Result',
				value: 'getResult',
				action: 'Get a verification result',
				description: 'Read the result of a verification started earlier',
			},
			{
				name: 'Verify',
				value: 'verify',
				action: 'Verify an email',
				description: 'Check whether an address is deliverable',
			},
			{
				name: 'Verify in Bulk',
				value: 'verifyBulk',
				action: 'Verify emails in bulk',
				description: 'Check the addresses of all input items in one bulk job',
			},
		],
		default: 'verify',
	},
	...verify.description,
	...verifyBulk.description,
	...getResult.description,
];
