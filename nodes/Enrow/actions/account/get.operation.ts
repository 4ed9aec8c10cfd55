import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { AccountInfo } from '../../helpers/interfaces';
import { failureItem, resultItem } from '../../../shared/outputItems';
import { asNodeError } from '../../jobs/runSteps';
import { createEnrowSession, enrowRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Reads your credit balance and dashboard webhooks. Free.',
		name: 'accountNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['get'] } },
	properties,
);

/** One item per input item, e.g. to check credits before a large bulk job. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const session = createEnrowSession();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const info = await enrowRequest<AccountInfo>(this, session, {
				method: 'GET',
				path: '/account/info',
				itemIndex,
			});
			const credits = Number(info.credits);
			const webhooks = Array.isArray(info.webhooks)
				? info.webhooks.filter((url) => typeof url === 'string')
				: [];
			output.push(
				resultItem(
					items,
					itemIndex,
					{ credits: Number.isFinite(credits) ? credits : 0, webhooks },
					false,
				),
			);
		} catch (error) {
			const failure = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw failure;
			output.push(failureItem(items, itemIndex, failure, {}, false));
		}
	}
	return output;
}
