/**
 * Test-only node and credential types used by harness.test.ts to prove the harness.
 * They live in test/ so they are never compiled into dist/ nor seen by the community-node linter.
 */
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	IWebhookFunctions,
	IWebhookResponseData,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';

/** Generic header auth, like EnrowApi: `x-api-key: ={{$credentials.apiKey}}`, plus a base URL. */
export class HarnessKeyApi implements ICredentialType {
	name = 'harnessKeyApi';

	displayName = 'Harness Key API';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:9',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'string',
			default: 'eu',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
			qs: {
				region: '={{$credentials.region}}',
			},
		},
	};
}

/** Function-form authenticate, like OpenAiApi. */
export class HarnessBearerApi implements ICredentialType {
	name = 'harnessBearerApi';

	displayName = 'Harness Bearer API';

	properties: INodeProperties[] = [
		{ displayName: 'Token', name: 'token', type: 'string', default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'http://127.0.0.1:9' },
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				authorization: `Bearer ${credentials.token as string}`,
			},
		};
	}
}

export const WAIT_DEADLINE_MS = 60 * 60 * 1000;

/**
 * A small programmatic node, written the way our real nodes are (canonical item loop, module-level
 * helpers, NodeApiError with itemIndex, continueOnFail), with operations that exercise the harness.
 */
export class HarnessEcho implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Echo',
		name: 'harnessEcho',
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		description: 'Test-only node',
		defaults: { name: 'Harness Echo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// n8n's Wait-node pattern: a restart webhook, served at $execution.resumeUrl.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '',
				restartWebhook: true,
				isFullPath: true,
			},
		],
		credentials: [
			{
				name: 'harnessKeyApi',
				required: true,
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
			{
				name: 'harnessBearerApi',
				required: true,
				displayOptions: { show: { authentication: ['bearer'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'API Key', value: 'apiKey' },
					{ name: 'Bearer', value: 'bearer' },
				],
				default: 'apiKey',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Send', value: 'send' },
					{ name: 'Fail On Item', value: 'failOnItem' },
					{ name: 'Wait', value: 'wait' },
				],
				default: 'send',
			},
			{ displayName: 'Email', name: 'email', type: 'string', default: '' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' },
			{ displayName: 'Fail Email', name: 'failEmail', type: 'string', default: 'bad@example.com' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as string;
		const authentication = this.getNodeParameter('authentication', 0) as string;
		const credentialType = authentication === 'bearer' ? 'harnessBearerApi' : 'harnessKeyApi';
		const { baseUrl } = await this.getCredentials<{ baseUrl: string }>(credentialType);
		const returnData: INodeExecutionData[] = [];

		if (operation === 'wait') {
			const resumeUrl = this.evaluateExpression('{{ $execution.resumeUrl }}', 0) as string;
			this.customData.set('jobIds', 'job_1,job_2');
			await this.putExecutionToWait(new Date(Date.now() + WAIT_DEADLINE_MS));
			return [
				items.map((item, i) => ({ json: { ...item.json, resumeUrl }, pairedItem: { item: i } })),
			];
		}

		for (let i = 0; i < items.length; i++) {
			try {
				const email = this.getNodeParameter('email', i) as string;
				if (operation === 'failOnItem' && email === this.getNodeParameter('failEmail', i)) {
					throw new NodeApiError(
						this.getNode(),
						{ message: 'Unprocessable', code: 'INVALID_EMAIL' } as JsonObject,
						{
							itemIndex: i,
							httpCode: '422',
							message: `The email "${email}" was rejected`,
							description: 'Check the address and try again',
						},
					);
				}
				const response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					credentialType,
					{
						method: 'POST',
						baseURL: baseUrl,
						url: this.getNodeParameter('path', i) as string,
						body: { email, index: i },
						json: true,
					},
				)) as IDataObject;
				returnData.push({
					json: {
						...response,
						hasCancelSignal: this.getExecutionCancelSignal() instanceof AbortSignal,
					},
					pairedItem: { item: i },
				});
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				if (error instanceof NodeApiError) {
					// NodeApiError(node, aNodeApiError) returns it unchanged, so set the item by hand.
					error.context.itemIndex = i;
					throw error;
				}
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			}
		}
		return [returnData];
	}

	/** Resume callback: `{ final: false }` keeps waiting; `{ reject: true }` answers 403 itself; `{ explode: true }` throws. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = this.getBodyData() as IDataObject;
		if (body.reject) {
			this.getResponseObject().status(403).json({ refused: true });
			return { noWebhookResponse: true };
		}
		if (body.explode)
			throw new NodeOperationError(this.getNode(), 'Callback could not be processed');
		if (body.final === false) return {};
		const inputItems = this.evaluateExpression('{{ $input.all() }}', 0) as INodeExecutionData[];
		const jobIds = this.customData.get('jobIds');
		return {
			workflowData: [
				inputItems.map((item, i) => ({
					json: {
						email: item.json.email,
						result: (body.results as IDataObject[] | undefined)?.[i],
						jobIds,
						token: (this.getQueryData() as IDataObject).token,
					},
					pairedItem: { item: i },
				})),
			],
		};
	}
}
