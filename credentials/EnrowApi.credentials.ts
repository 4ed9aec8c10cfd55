import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** Redirects: the test fails on them, as the node refuses them. */
const REDIRECT_CODES = [301, 302, 303, 307, 308];

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
				'Leave as is to use Enrow. Change it only to go through a proxy or to use the API simulator that ships with this package: the full address, starting with https:// (or http://), that answers Enrow requests itself, not one that redirects.',
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
			// As the node: a redirect is refused, not followed (rules below).
			disableFollowRedirect: true,
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
			...REDIRECT_CODES.map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message:
						'This Base URL redirects to another address, and the Enrow node does not follow redirects (a redirected request can reach Enrow changed). Set it to the address it redirects to, starting with https:// (Enrow itself: https://api.enrow.io).',
				},
			})),
		],
	};
}
