import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Credits',
				value: 'get',
				action: 'Get account credits',
				description:
					'Read, for free, your credit balance and the webhooks set in your Enrow dashboard',
			},
		],
		default: 'get',
	},
	...get.description,
];
