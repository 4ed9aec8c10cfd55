/**
 * Proof that the harness runs a node the way n8n 2.41 does: real WorkflowExecute, real
 * httpRequestWithAuthentication over HTTP to a local server, real error classes.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { HARNESS_URLS, resumeAfterDeadline, runNode, runWebhook } from './index';
import type { RunNodeOptions } from './index';
import { HarnessBearerApi, HarnessEcho, HarnessKeyApi, WAIT_DEADLINE_MS } from './fixtures';
import { useLocalServer } from './localServer';

interface Received {
	method?: string;
	url?: string;
	headers: IncomingHttpHeaders;
	body: unknown;
}

let baseUrl: string;
const received: Received[] = [];

useLocalServer(
	(req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			const entry: Received = {
				method: req.method,
				url: req.url,
				headers: req.headers,
				body: raw ? JSON.parse(raw) : undefined,
			};
			received.push(entry);
			const reply = (status: number, body: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			if (req.url?.startsWith('/unauthorized')) {
				reply(401, { message: 'Invalid API key', code: 'UNAUTHORIZED' });
			} else if (req.url?.startsWith('/slow')) {
				const timer = setTimeout(() => reply(200, { late: true }), 5000);
				req.socket.on('close', () => clearTimeout(timer));
			} else {
				reply(200, { ok: true, got: entry.body });
			}
		});
	},
	(url) => (baseUrl = url),
);

beforeEach(() => {
	received.length = 0;
});

const credentialTypes = [new HarnessKeyApi(), new HarnessBearerApi()];

function echo(overrides: Partial<RunNodeOptions> = {}) {
	return runNode({
		nodeType: new HarnessEcho(),
		typeName: 'n8n-nodes-harness.harnessEcho',
		parameters: { operation: 'send', email: '={{ $json.email }}' },
		credentials: { harnessKeyApi: { apiKey: 'key-123', baseUrl } },
		credentialTypes,
		input: [{ email: 'a@example.com' }, { email: 'bad@example.com' }],
		...overrides,
	});
}

describe('runNode: requests through httpRequestWithAuthentication', () => {
	test('(1) the request reaches the server with the generic-auth header and the body', async () => {
		const result = await echo();

		expect(result.status).toBe('success');
		expect(received).toHaveLength(2);
		const [first] = received;
		expect(first.method).toBe('POST');
		expect(first.headers['x-api-key']).toBe('key-123');
		expect(first.headers['content-type']).toBe('application/json');
		expect(first.headers['user-agent']).toBe('n8n');
		// `qs: { region: '={{$credentials.region}}' }` with the credential's default ('eu'), as n8n fills it in.
		expect(first.url).toBe('/echo?region=eu');
		expect(first.body).toEqual({ email: 'a@example.com', index: 0 });
	});

	test('(1b) function-form authenticate is applied too', async () => {
		const result = await echo({
			parameters: { authentication: 'bearer', email: '={{ $json.email }}' },
			credentials: { harnessBearerApi: { token: 'tok-9', baseUrl } },
		});

		expect(result.status).toBe('success');
		expect(received.map((r) => r.headers.authorization)).toEqual(['Bearer tok-9', 'Bearer tok-9']);
		expect(received[0].headers['x-api-key']).toBeUndefined();
	});

	test('(1c) credential values may be expressions, resolved as n8n does ($vars here)', async () => {
		const result = await echo({
			input: [{ email: 'a@example.com' }],
			credentials: { harnessKeyApi: { apiKey: '={{ $vars.enrowKey }}', baseUrl, region: 'us' } },
			variables: { enrowKey: 'from-vars' },
		});

		expect(result.status).toBe('success');
		expect(received[0].headers['x-api-key']).toBe('from-vars');
		expect(received[0].url).toBe('/echo?region=us');
	});

	test('(2) per-item expressions evaluate per item', async () => {
		const result = await echo({
			parameters: {
				email: '={{ $json.email.toUpperCase() }}',
				path: '={{ "/echo/" + $itemIndex }}',
			},
		});

		expect(result.status).toBe('success');
		expect(received.map((r) => [r.url, r.body])).toEqual([
			['/echo/0?region=eu', { email: 'A@EXAMPLE.COM', index: 0 }],
			['/echo/1?region=eu', { email: 'BAD@EXAMPLE.COM', index: 1 }],
		]);
	});

	test('(3) pairedItem survives in output; the node saw a cancel signal', async () => {
		const result = await echo();

		expect(result.output).toHaveLength(2);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.output[1].json).toEqual({
			ok: true,
			got: { email: 'bad@example.com', index: 1 },
			hasCancelSignal: true,
		});
	});
});

describe('runNode: errors', () => {
	test('(4) a NodeApiError thrown with itemIndex comes back in result.error, status error', async () => {
		const result = await echo({
			parameters: { operation: 'failOnItem', email: '={{ $json.email }}' },
		});

		expect(result.status).toBe('error');
		expect(result.output).toEqual([]);
		expect(received).toHaveLength(1); // item 0 was sent, item 1 failed before its request
		expect(result.error).toBeInstanceOf(NodeApiError);
		const error = result.error as NodeApiError;
		expect(error.message).toBe('The email "bad@example.com" was rejected');
		expect(error.description).toBe('Check the address and try again');
		expect(error.httpCode).toBe('422');
		expect(error.context.itemIndex).toBe(1);
		expect(error.node.name).toBe('Harness Echo');
		// n8n itself only keeps a plain-object copy ({ ...error, message, stack }) in the run data.
		expect(result.taskError).not.toBeInstanceOf(NodeApiError);
		expect(result.taskError).toMatchObject({
			name: 'NodeApiError',
			message: 'The email "bad@example.com" was rejected',
			context: { itemIndex: 1 },
		});
		expect(result.runExecutionData.resultData.error?.message).toBe(error.message);
	});

	test('(5) with continueOnFail the failing item carries json.error and the run succeeds', async () => {
		const result = await echo({
			continueOnFail: true,
			parameters: { operation: 'failOnItem', email: '={{ $json.email }}' },
		});

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([
			{
				json: { ok: true, got: { email: 'a@example.com', index: 0 }, hasCancelSignal: true },
				pairedItem: { item: 0 },
			},
			{ json: { error: 'The email "bad@example.com" was rejected' }, pairedItem: { item: 1 } },
		]);
	});

	test('(6) a 401 surfaces as NodeApiError with the message n8n-core builds (and is sent twice)', async () => {
		const result = await echo({
			input: [{ email: 'a@example.com' }],
			parameters: { email: '={{ $json.email }}', path: '/unauthorized' },
		});

		expect(result.status).toBe('error');
		expect(result.error).toBeInstanceOf(NodeApiError);
		const error = result.error as NodeApiError;
		expect(error.message).toBe('Authorization failed - please check your credentials');
		expect(error.description).toBe('Invalid API key'); // the response body's `message`
		expect(error.httpCode).toBe('401');
		expect(error.context).toEqual({
			data: { message: 'Invalid API key', code: 'UNAUTHORIZED' },
			itemIndex: 0, // set by the node before rethrowing
		});
		expect(error.level).toBe('warning');
		const cause = error.cause as Error & { isAxiosError?: boolean; status?: number };
		expect(cause.isAxiosError).toBe(true);
		expect(cause.status).toBe(401);
		expect(cause.message).toBe('Request failed with status code 401');
		// httpRequestWithAuthentication retries once on 401 after preAuthentication, even when the
		// credential type has none: the server sees the same request twice.
		expect(received).toHaveLength(2);
		expect(received[1].body).toEqual(received[0].body);
	});

	test('a refused connection surfaces as NodeApiError ECONNREFUSED', async () => {
		const result = await echo({
			input: [{ email: 'a@example.com' }],
			credentials: { harnessKeyApi: { apiKey: 'key-123', baseUrl: 'http://127.0.0.1:9' } },
		});

		expect(result.status).toBe('error');
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error).toMatchObject({
			message: 'The service refused the connection - perhaps it is offline',
			httpCode: 'ECONNREFUSED',
		});
	});

	test('a missing credential fails the way n8n-core reports it', async () => {
		const result = await echo({ credentials: {} });

		expect(result.status).toBe('error');
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Node does not have any credentials set');
		expect(received).toHaveLength(0);
	});

	test('abortSignal cancels the execution and the in-flight request', async () => {
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 200);
		const started = Date.now();
		const result = await echo({
			input: [{ email: 'a@example.com' }],
			parameters: { email: '={{ $json.email }}', path: '/slow' },
			abortSignal: controller.signal,
		});

		expect(result.status).toBe('canceled');
		expect(Date.now() - started).toBeLessThan(3000);
		expect(received).toHaveLength(1);
	});
});

describe('waiting and resuming', () => {
	function startWaiting() {
		return echo({ parameters: { operation: 'wait' }, executionMode: 'trigger' });
	}

	test('putExecutionToWait: status waiting, waitTill set, custom data kept, resume URL signed', async () => {
		const before = Date.now();
		const result = await startWaiting();

		expect(result.status).toBe('waiting');
		const waitTill = result.runExecutionData.waitTill as Date;
		expect(waitTill).toBeInstanceOf(Date);
		expect(waitTill.getTime()).toBeGreaterThanOrEqual(before + WAIT_DEADLINE_MS);
		expect(result.runExecutionData.resultData.metadata).toEqual({ jobIds: 'job_1,job_2' });
		const token = result.runExecutionData.resumeToken as string;
		expect(token).toMatch(/^[0-9a-f]{64}$/);
		expect(result.output[0].json.resumeUrl).toBe(
			`${HARNESS_URLS.webhookWaitingBaseUrl}/${result.context.executionId}?signature=${token}`,
		);
		expect(result.output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('runWebhook: the callback runs webhook() and its workflowData becomes the output', async () => {
		const waiting = await startWaiting();
		const url = `${waiting.output[0].json.resumeUrl as string}&token=abc`;

		const call = await runWebhook({ waiting, url, body: { results: [{ v: 1 }, { v: 2 }] } });

		expect(call.resumed).toBe(true);
		expect(call.response.statusCode).toBe(200);
		expect(call.result.status).toBe('success');
		expect(call.result.runExecutionData.waitTill).toBeUndefined();
		expect(call.result.output).toEqual([
			{
				json: { email: 'a@example.com', result: { v: 1 }, jobIds: 'job_1,job_2', token: 'abc' },
				pairedItem: { item: 0 },
			},
			{
				json: { email: 'bad@example.com', result: { v: 2 }, jobIds: 'job_1,job_2', token: 'abc' },
				pairedItem: { item: 1 },
			},
		]);
		// the node ran once more (disabled, passing the webhook's data through), not twice
		expect(call.result.runExecutionData.resultData.runData['Harness Echo']).toHaveLength(1);

		// One resume per wait.
		const again = await runWebhook({ waiting, body: {} });
		expect(again.resumed).toBe(false);
		expect(again.response.statusCode).toBe(409);
	});

	test('runWebhook: bad signature → 401; no workflowData → stays waiting; own response → as written', async () => {
		const waiting = await startWaiting();
		const executionUrl = `${HARNESS_URLS.webhookWaitingBaseUrl}/${waiting.context.executionId}`;

		const forged = await runWebhook({ waiting, url: `${executionUrl}?signature=nope`, body: {} });
		expect(forged.response.statusCode).toBe(401);
		expect(forged.resumed).toBe(false);

		const partial = await runWebhook({ waiting, body: { final: false } });
		expect(partial.resumed).toBe(false);
		expect(partial.response).toMatchObject({
			statusCode: 200,
			body: { message: 'Webhook call received' },
		});
		expect(partial.result.status).toBe('waiting');

		const refused = await runWebhook({ waiting, body: { reject: true } });
		expect(refused.resumed).toBe(false);
		expect(refused.response).toMatchObject({ statusCode: 403, body: { refused: true } });

		const final = await runWebhook({ waiting, body: { results: [] } });
		expect(final.resumed).toBe(true);
		expect(final.result.status).toBe('success');
	});

	test('runWebhook: a webhook() that throws answers 500 and the execution ends in error', async () => {
		const waiting = await startWaiting();

		const call = await runWebhook({ waiting, body: { explode: true } });

		expect(call.resumed).toBe(true);
		expect(call.response.statusCode).toBe(500);
		expect(call.webhookError).toBeInstanceOf(NodeOperationError);
		expect(call.result.status).toBe('error');
		expect(call.result.output).toEqual([{ json: {}, pairedItem: { item: 0 } }]);
	});

	test('resumeAfterDeadline: the waiting node outputs its input items unchanged', async () => {
		const waiting = await startWaiting();

		const result = await resumeAfterDeadline(waiting);

		expect(result.status).toBe('success');
		expect(result.output.map((i) => i.json as IDataObject)).toEqual([
			{ email: 'a@example.com' },
			{ email: 'bad@example.com' },
		]);
		await expect(resumeAfterDeadline(waiting)).rejects.toThrow(/not waiting/);
	});
});
