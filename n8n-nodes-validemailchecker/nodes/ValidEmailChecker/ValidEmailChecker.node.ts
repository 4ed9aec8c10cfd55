import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { connectionTypes } from '../shared/supportedN8n';
import * as email from './actions/email/Email.resource';
import { router } from './actions/router';

const connections = connectionTypes('ValidEmailChecker');

export class ValidEmailChecker implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ValidEmailChecker',
		name: 'validEmailChecker',
		icon: {
			light: 'file:../../icons/validemailchecker.svg',
			dark: 'file:../../icons/validemailchecker.dark.svg',
		},
		group: ['transform'],
		version: 1,
		// The chosen operation as its menu labels it (test/unit/subtitles.test.ts keeps this in step).
		subtitle:
			'={{ ({"email:verify": "Verify an email"})[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}',
		description:
			'Verify email addresses in real time with ValidEmailChecker: deliverable, risky or invalid',
		defaults: { name: 'ValidEmailChecker' },
		usableAsTool: true,
		inputs: [connections.Main],
		outputs: [connections.Main],
		credentials: [{ name: 'validEmailCheckerApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Email', value: 'email' }],
				default: 'email',
			},
			...email.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
