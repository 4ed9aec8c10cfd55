import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { connectionTypes } from '../shared/supportedN8n';
import * as account from './actions/account';
import { jobResourceProperties } from './actions/jobResource';
import { JOB_RESOURCES } from './actions/jobResources';
import { resumeOperation, runOperation } from './actions/router';
import { enrowResumeWebhooks } from './engine';

const resources = [
	{ name: 'Account', value: 'account' },
	...JOB_RESOURCES.map((resource) => ({ name: resource.displayName, value: resource.resource })),
].sort((a, b) => a.name.localeCompare(b.name));

const operations = [...JOB_RESOURCES.flatMap(jobResourceProperties), ...account.description];

const connections = connectionTypes('Enrow');

export class Enrow implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Enrow',
		name: 'enrow',
		icon: { light: 'file:../../icons/enrow.svg', dark: 'file:../../icons/enrow.dark.svg' },
		group: ['transform'],
		version: 1,
		// The chosen operation as its menu labels it. n8n's lint rule (node-class-description-
		// missing-subtitle) wants a string literal here, so the labels are written again;
		// test/unit/subtitles.test.ts keeps them in step with the operations' `action` labels.
		subtitle:
			'={{ ({"emailFinder:find": "Find an email", "emailFinder:findBulk": "Find emails in bulk", "emailFinder:getResult": "Get a finder result", "emailVerifier:verify": "Verify an email", "emailVerifier:verifyBulk": "Verify emails in bulk", "emailVerifier:getResult": "Get a verification result", "phoneFinder:find": "Find a phone number", "phoneFinder:findBulk": "Find phone numbers in bulk", "phoneFinder:getResult": "Get a phone result", "account:get": "Get account credits"})[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}',
		description:
			'Find and verify B2B work emails and phone numbers with Enrow, one at a time or in bulk',
		defaults: { name: 'Enrow' },
		usableAsTool: true,
		inputs: [connections.Main],
		outputs: [connections.Main],
		credentials: [{ name: 'enrowApi', required: true }],
		// Wait mode "Pause and resume": the resume URL handed to Enrow. Nothing to register.
		webhooks: enrowResumeWebhooks,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resources,
				default: 'emailFinder',
			},
			...operations,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await runOperation(this)];
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeOperation(this);
	}
}
