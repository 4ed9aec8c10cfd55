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
				description:
					"Check one address per item in real time (1–3 s): deliverable, risky or invalid, with disposable, role and catch-all flags. Uses ValidEmailChecker credits; for big lists, Enrow's Verify in Bulk is cheaper.",
			},
		],
		default: 'verify',
	},
	...verify.description,
];
