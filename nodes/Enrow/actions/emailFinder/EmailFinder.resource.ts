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
				description:
					"One search per item, answered in seconds: for a few leads at a time, a form, or an AI agent's tool",
			},
			{
				name: 'Find in Bulk',
				value: 'findBulk',
				action: 'Find emails in bulk',
				description:
					'All items in one Enrow job (5,000 rows a job): for lists of leads, with one wait for the whole list and duplicates searched once',
			},
			{
				name: 'Get Result',
				value: 'getResult',
				action: 'Get a finder result',
				description:
					'Read, for free, the emails of a search started with Wait Mode "Return Job ID Immediately", by its job ID',
			},
		],
		default: 'find',
	},
	...find.description,
	...findBulk.description,
	...getResult.description,
];
