/**
 * Proof that runTriggerWebhook() answers a production webhook call as n8n 2.41.1 does. The
 * expected answers were checked against a real n8n 2.41.1 (`n8n start`, a custom trigger with the
 * same behaviours as HarnessHookTrigger below, curl on its production URL).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { HarnessKeyApi } from './fixtures';
import { useLocalServer } from './localServer';
import { HARNESS_URLS, N8N_PAYLOAD_SIZE_MAX_BYTES, runTriggerWebhook } from './index';
import type { RunTriggerWebhookOptions } from './index';

/** A trigger whose webhook() does what the body's `action` says. */
class HarnessHookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Hook Trigger',
		name: 'harnessHookTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Test-only trigger',
		defaults: { name: 'Harness Hook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'harnessKeyApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{ displayName: 'Label', name: 'label', type: 'string', default: 'default label' },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions) {
				return false;
			},
			async create(this: IHookFunctions) {
				return true;
			},
			async delete(this: IHookFunctions) {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const body = this.getBodyData() as unknown;
		const action = (body as IDataObject | undefined)?.action;
		const seen: IDataObject = {
			bodyType: body === undefined ? 'undefined' : Array.isArray(body) ? 'array' : typeof body,
			body: body as IDataObject,
			query: this.getQueryData() as IDataObject,
			userAgent: this.getHeaderData()['user-agent'] ?? null,
			label: this.getNodeParameter('label', '') as string,
			url: this.getNodeWebhookUrl('default') ?? null,
		};
		if (action === 'ignore') return {};
		if (action === 'ack') return { webhookResponse: { received: true, started: false } };
		if (action === 'deny') {
			this.getResponseObject().status(401).json({ message: 'Invalid or missing token' });
			return { noWebhookResponse: true };
		}
		if (action === 'silent') return { noWebhookResponse: true };
		if (action === 'explode') throw new Error('boom');
		if (action === 'startack') {
			return { workflowData: [[{ json: seen }]], webhookResponse: { received: true } };
		}
		if (action === 'fetch') {
			const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('harnessKeyApi');
			const fetched = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				'harnessKeyApi',
				{ method: 'GET', url: `${baseUrl}/results`, qs: { id: 'job-1' }, json: true },
			)) as IDataObject;
			return { workflowData: [[{ json: fetched }]] };
		}
		return { workflowData: [[{ json: seen }]] };
	}
}

let baseUrl: string;
const received: Array<{ url?: string; headers: IncomingHttpHeaders }> = [];

useLocalServer(
	(req, res) => {
		received.push({ url: req.url, headers: req.headers });
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ rows: [1, 2, 3] }));
	},
	(url) => (baseUrl = url),
);

beforeEach(() => {
	received.length = 0;
});

function call(overrides: Partial<RunTriggerWebhookOptions> = {}) {
	return runTriggerWebhook({
		nodeType: new HarnessHookTrigger(),
		typeName: 'n8n-nodes-harness.harnessHookTrigger',
		parameters: {},
		credentials: { harnessKeyApi: { apiKey: 'key-123', baseUrl } },
		credentialTypes: [new HarnessKeyApi()],
		...overrides,
	});
}

describe('runTriggerWebhook: what n8n answers', () => {
	it('no workflowData: 200 "Webhook call received", nothing starts', async () => {
		const result = await call({ body: { action: 'ignore' } });
		expect(result.response).toMatchObject({
			statusCode: 200,
			body: { message: 'Webhook call received' },
			text: '{"message":"Webhook call received"}',
			ended: true,
		});
		expect(result.response.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(result.executionStarted).toBe(false);
		expect(result.workflowData).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(result.webhookCalled).toBe(true);
		expect(result.webhookResult).toEqual({});
	});

	it('no workflowData but a webhookResponse: 200 with it, nothing starts', async () => {
		const result = await call({ body: { action: 'ack' } });
		expect(result.response).toMatchObject({
			statusCode: 200,
			body: { received: true, started: false },
		});
		expect(result.executionStarted).toBe(false);
	});

	it('the node answers itself (getResponseObject + noWebhookResponse): exactly what it wrote', async () => {
		const result = await call({ body: { action: 'deny' } });
		expect(result.response).toMatchObject({
			statusCode: 401,
			body: { message: 'Invalid or missing token' },
			ended: true,
		});
		expect(result.executionStarted).toBe(false);
	});

	it('noWebhookResponse without writing anything: the response never ends', async () => {
		const result = await call({ body: { action: 'silent' } });
		expect(result.response.ended).toBe(false);
		expect(result.executionStarted).toBe(false);
	});

	it('workflowData: an execution starts and n8n answers 200 "firstEntryJson" (text), ignoring webhookResponse', async () => {
		for (const action of ['start', 'startack']) {
			const result = await call({ body: { action }, query: { token: 'abc' } });
			expect(result.response).toMatchObject({
				statusCode: 200,
				body: 'firstEntryJson',
				text: 'firstEntryJson',
			});
			expect(result.response.headers['content-type']).toBe('text/html; charset=utf-8');
			expect(result.response.headers['content-security-policy']).toMatch(/^sandbox /);
			expect(result.executionStarted).toBe(true);
			expect(result.items).toHaveLength(1);
			expect(result.items[0]).toMatchObject({
				bodyType: 'object',
				body: { action },
				query: { token: 'abc' },
				label: 'default label', // n8n's Workflow filled the parameter default
			});
		}
	});

	it('webhook() throws: 500 and n8n still starts an execution (one empty item, ending in error)', async () => {
		const result = await call({ body: { action: 'explode' } });
		expect(result.response).toMatchObject({
			statusCode: 500,
			body: { code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' },
		});
		expect((result.webhookError as Error).message).toBe('boom');
		expect(result.executionStarted).toBe(true);
		expect(result.workflowData).toEqual([[{ json: {} }]]);
	});

	it('a method the trigger does not listen to: 404, the node is not called', async () => {
		const result = await call({ method: 'GET' });
		expect(result.response).toMatchObject({
			statusCode: 404,
			body: {
				code: 404,
				message:
					'This webhook is not registered for GET requests. Did you mean to make a POST request?',
			},
		});
		expect(result.webhookCalled).toBe(false);
		expect(result.executionStarted).toBe(false);
	});

	it('unparsable JSON: 422 "Failed to parse request body", the node is not called', async () => {
		const result = await call({ body: '{"action":' });
		expect(result.response).toMatchObject({
			statusCode: 422,
			body: { code: 422, message: 'Failed to parse request body', hint: expect.any(String) },
		});
		expect(result.webhookCalled).toBe(false);
		expect(result.executionStarted).toBe(false);
	});

	it('a body over 16 MiB: 500 "There was a problem executing the workflow", the node is not called', async () => {
		const result = await call({
			body: JSON.stringify({ action: 'start', pad: 'x'.repeat(N8N_PAYLOAD_SIZE_MAX_BYTES) }),
		});
		expect(result.response).toMatchObject({
			statusCode: 500,
			body: { code: 0, message: 'There was a problem executing the workflow' },
		});
		expect(result.webhookCalled).toBe(false);
	});
});

describe('runTriggerWebhook: the request the node sees', () => {
	it('bodies as n8n parses them: empty, null, array, text/plain, urlencoded, no content type', async () => {
		const seen = async (options: Partial<RunTriggerWebhookOptions>) =>
			(await call(options)).items[0];
		expect(await seen({})).toMatchObject({ bodyType: 'undefined' });
		expect(await seen({ body: 'null' })).toMatchObject({ bodyType: 'object', body: null });
		expect(await seen({ body: [1, 2] })).toMatchObject({ bodyType: 'array', body: [1, 2] });
		expect(await seen({ body: 'hello', headers: { 'Content-Type': 'text/plain' } })).toMatchObject({
			bodyType: 'string',
			body: 'hello',
		});
		expect(
			await seen({
				body: 'action=form&x=1',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			}),
		).toMatchObject({ bodyType: 'object', body: { action: 'form', x: '1' } });
		expect(await seen({ body: 'hello', headers: { 'content-type': '' } })).toMatchObject({
			bodyType: 'undefined',
		});
		const ack = await call({
			body: '\ufeff{"action":"ack"}',
			headers: { 'content-type': 'application/json; charset=utf-8' },
		});
		expect(ack.response.body).toEqual({ received: true, started: false });
	});

	it('headers, repeated query parameters and the production URL', async () => {
		const result = await call({
			body: { action: 'start' },
			query: { token: ['a', 'b'] },
			headers: { 'User-Agent': 'enrow-simulator' },
			webhookId: 'abc-123',
			parameters: { label: 'mine' },
		});
		expect(result.webhookUrl).toBe(`${HARNESS_URLS.webhookBaseUrl}/abc-123/webhook`);
		expect(result.items[0]).toMatchObject({
			query: { token: ['a', 'b'] },
			userAgent: 'enrow-simulator',
			label: 'mine',
			url: `${HARNESS_URLS.webhookBaseUrl}/abc-123/webhook`,
		});
	});

	it('credential requests go over real HTTP through the credentials helper', async () => {
		const result = await call({ body: { action: 'fetch' } });
		expect(result.items).toEqual([{ rows: [1, 2, 3] }]);
		expect(received).toHaveLength(1);
		expect(received[0].url).toBe('/results?id=job-1&region=eu'); // HarnessKeyApi adds region
		expect(received[0].headers['x-api-key']).toBe('key-123');
		expect(result.credentialsHelper.authenticatedRequests).toHaveLength(1);
		expect(JSON.stringify(result.response)).not.toContain('key-123');
	});
});
