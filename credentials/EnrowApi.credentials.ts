import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class EnrowApi implements ICredentialType {
	name = 'enrowApi';

	displayName = 'Enrow API';

	icon: Icon = { light: 'file:../icons/enrow.svg', dark: 'file:../icons/enrow.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-enrow/n8n-nodes-enrow#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your Enrow API key, from the API menu of your Enrow dashboard (app.enrow.io)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.enrow.io',
			description:
				'Leave as is to use Enrow. Change it only to go through a proxy or to use the API simulator that ships with this package.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	// GET /account/info is free and not rate limited: testing the key spends no credit.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/account/info',
			method: 'GET',
		},
		// Without these, n8n answers a rejected key with its generic "Authorization failed".
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Enrow rejected the API key. Copy it again from the API menu of your Enrow dashboard (app.enrow.io).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No Enrow API answers at this Base URL. Reset it to https://api.enrow.io.',
				},
			},
		],
	};
}
