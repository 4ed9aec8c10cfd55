import type { INodeProperties } from 'n8n-workflow';

import * as verify from './verify.operation';

export { verify };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['email'] } },
		options: [
			{
				name: 'Verify',
				value: 'verify',
				action: 'Verify an email',
				description: 'Check in real time whether an address is deliverable, risky or invalid',
			},
		],
		default: 'verify',
	},
	...verify.description,
];
