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
					"Find a person's mobile phone number from their LinkedIn URL or name and company",
			},
			{
				name: 'Find in Bulk',
				value: 'findBulk',
				action: 'Find phone numbers in bulk',
				description: 'Find the phone numbers of all input items in one bulk job',
			},
			{
				name: 'Get Result',
				value: 'getResult',
				action: 'Get a phone result',
				description: 'Read the result of a search started earlier',
			},
		],
		default: 'find',
	},
	...find.description,
	...findBulk.description,
	...getResult.description,
];
