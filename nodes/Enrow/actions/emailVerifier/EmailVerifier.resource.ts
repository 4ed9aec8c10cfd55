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
				description:
					'Read, for free, the verdicts of a verification started with Wait Mode "Return Job ID Immediately", by its job ID',
			},
			{
				name: 'Verify',
				value: 'verify',
				action: 'Verify an email',
				description:
					'Check with Enrow whether an address can receive email, one check per item (0.25 credit). For a real-time answer with disposable and catch-all flags, use the ValidEmailChecker node.',
			},
			{
				name: 'Verify in Bulk',
				value: 'verifyBulk',
				action: 'Verify emails in bulk',
				description:
					'All items in one Enrow job (5,000 addresses a job): the cheapest way to clean a list, duplicates checked once',
			},
		],
		default: 'verify',
	},
	...verify.description,
	...verifyBulk.description,
	...getResult.description,
];
