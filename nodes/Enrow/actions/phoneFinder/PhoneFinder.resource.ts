import type { INodeProperties } from 'n8n-workflow';

import * as find from './find.operation';
import * as findBulk from './findBulk.operation';
import * as getResult from './getResult.operation';

export { find, findBulk, getResult };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneFinder'] } },
		options: [
			{
				name: 'Find',
				value: 'find',
				action: 'Find a phone number',
				description:
					"One search per item, from a LinkedIn URL or a name and company: for a few contacts or an AI agent's tool",
			},
			{
				name: 'Find in Bulk',
				value: 'findBulk',
				action: 'Find phone numbers in bulk',
				description:
					'All items in one Enrow job (3,000 rows a job): for lists of contacts, with one wait for the whole list and duplicates searched once',
			},
			{
				name: 'Get Result',
				value: 'getResult',
				action: 'Get a phone result',
				description:
					'Read, for free, the numbers of a search started with Wait Mode "Return Job ID Immediately", by its job ID',
			},
		],
		default: 'find',
	},
	...find.description,
	...findBulk.description,
	...getResult.description,
];
