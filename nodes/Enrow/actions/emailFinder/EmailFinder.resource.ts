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
		displayOptions: { show: { resource: ['emailFinder'] } },
		options: [
			{
				name: 'Find',
				value: 'find',
				action: 'Find an email',
				description: "Find a person's work email from their name and company",
			},
			{
				name: 'Find in Bulk',
				value: 'findBulk',
				action: 'Find emails in bulk',
				description: 'Find the work emails of all input items in one bulk job',
			},
			{
				name: 'Get Result',
				value: 'getResult',
				action: 'Get a finder result',
				description: 'Read the result of a search started earlier',
			},
		],
		default: 'find',
	},
	...find.description,
	...findBulk.description,
	...getResult.description,
];
