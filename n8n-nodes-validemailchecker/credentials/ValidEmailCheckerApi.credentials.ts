import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** Redirects: the test fails on them, as the node refuses them. */
const REDIRECT_CODES = [301, 302, 303, 307, 308];

export class ValidEmailCheckerApi implements ICredentialType {
	name = 'validEmailCheckerApi';

	displayName = 'ValidEmailChecker API';

	icon: Icon = {
		light: 'file:../icons/validemailchecker.svg',
		dark: 'file:../icons/validemailchecker.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-enrow/n8n-nodes-enrow/tree/main/n8n-nodes-validemailchecker#credential';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your ValidEmailChecker API key (35 characters, starting with VEC), from the Developer page of app.validemailchecker.com',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.validemailchecker.com',
			description:
				"Leave as is to use ValidEmailChecker. Change it only to go through a proxy or to use the API simulator that comes with this package's source repository: the full address, starting with https:// (or http://), that answers ValidEmailChecker requests itself, not one that redirects.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// ValidEmailChecker documents no free account endpoint. A verification request without
	// an address is refused with 400 ("missing email") before any credit is spent, while a
	// bad key gets 401 and a suspended key 403: so a 400 proves the key works.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/verify-single',
			method: 'POST',
			body: {},
			// Only these codes fail the test; the expected 400 passes it.
			ignoreHttpStatusErrors: {
				ignore: true,
				except: [401, 403, 404, 500, 502, 503, ...REDIRECT_CODES],
			},
			// As the node: a redirect is refused, not followed (it would turn this POST into a GET).
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'ValidEmailChecker rejected the API key. Copy it again from app.validemailchecker.com.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'ValidEmailChecker refused this key: it is suspended or your IP address is blocked. Contact ValidEmailChecker support.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No ValidEmailChecker API answers at this Base URL. Reset it to https://app.validemailchecker.com.',
				},
			},
			...REDIRECT_CODES.map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message:
						'This Base URL redirects to another address, and the ValidEmailChecker node does not follow redirects (a redirected request can reach the API changed). Set it to the address it redirects to, starting with https:// (ValidEmailChecker itself: https://app.validemailchecker.com).',
				},
			})),
		],
	};
}
