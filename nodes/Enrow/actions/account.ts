import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { readAccountInfo, unreadableBalanceError } from '../../EnrowApi/account';
import { createEnrowClient } from '../../EnrowApi/transport';
import { asNodeError } from '../../shared/asNodeError';
import { failureItem, outputShapeOf, resultItem } from '../../shared/outputItems';
import { toolDescriptionProperty } from '../../shared/toolDescription';

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		[
			"Read the Enrow account's credit balance. Free.",
			'Use it when the user asks how many Enrow credits are left, or before a request that could cost many credits (finding an email costs 1 credit, verifying one 0.25, finding a phone number 40 to 50).',
			'No parameters.',
			'Answer: a JSON list with one result: credits (a number, may be fractional) and webhooks (the notification URLs set in the Enrow dashboard).',
		].join(' '),
	),
	{
		displayName: 'Reads your credit balance and dashboard webhooks. Free.',
		name: 'accountNotice',
		type: 'notice',
		default: '',
	},
];

/** The Account resource: its Operation menu and Get Credits' panel. */
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
	...updateDisplayOptions({ show: { resource: ['account'], operation: ['get'] } }, properties),
];

/** Get Credits: one item per input item, e.g. to check credits before a large bulk job. */
export async function getCredits(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const session = createEnrowClient(this);
	const output: INodeExecutionData[] = [];
	const shape = outputShapeOf(this.getNode());
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { credits, webhooks, creditsAnswered } = await readAccountInfo(session, itemIndex);
			// A balance the node cannot read is an error, never a guess: 0 would read as "out of credits".
			if (credits === undefined) {
				throw unreadableBalanceError(this.getNode(), itemIndex, creditsAnswered);
			}
			output.push(resultItem(items, itemIndex, { credits, webhooks }, shape));
		} catch (error) {
			const failure = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw failure;
			output.push(failureItem(items, itemIndex, failure, {}, shape));
		}
	}
	return output;
}
