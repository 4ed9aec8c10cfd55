/**
 * A request to a trigger node's production webhook URL (`<WEBHOOK_URL>/webhook/<webhookId>/<path>`
 * of a published workflow), handled the way n8n 2.41.1 does it: packages/cli/src/webhooks/
 * live-webhooks.ts (LiveWebhooks.executeWebhook), webhook-helpers.ts (executeWebhook,
 * parseRequestBody, evaluateResponseOptions), webhook.service.ts (runWebhook),
 * webhook-request-handler.ts and response-helper.ts (how answers and errors are written).
 *
 * 1. Routing: the node's (non-restart) webhook whose method matches; none → 404
 *    `This webhook is not registered for GET requests. Did you mean to make a POST request?`.
 * 2. Body: read raw (over 16 MiB, n8n's default N8N_PAYLOAD_SIZE_MAX → 500 `There was a problem
 *    executing the workflow`), then parsed by content type (JSON, urlencoded, text/plain; anything
 *    else is left unparsed: `getBodyData()` is undefined). Unparsable JSON → 422
 *    `Failed to parse request body`. In both cases the node is not called and nothing starts.
 * 3. The node's `webhook()` runs in a real n8n-core WebhookContext (mode 'webhook', no run data), so
 *    `getNodeParameter`, `getQueryData`, `getResponseObject`, `getCredentials` and
 *    `helpers.httpRequestWithAuthentication` (axios, real HTTP, the harness credentials helper) are n8n's.
 * 4. The answer ('onReceived' response mode; each case checked against a real n8n 2.41.1):
 *    - webhook() threw → 500 `{ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' }`,
 *      and n8n STILL starts an execution (one empty item, the error recorded): `executionStarted` is true.
 *    - `noWebhookResponse: true` → n8n writes nothing: the caller gets what the node wrote on
 *      `getResponseObject()` (`ended: false` if it wrote nothing: the request would hang).
 *    - no `workflowData` → nothing starts; 200 with `webhookResponse`, else `{ message: 'Webhook call received' }`.
 *    - `workflowData` → an execution starts with it; 200 with the webhook description's
 *      `responseData` evaluated with default 'firstEntryJson'. A description without `responseData`
 *      (every trigger that does not set it) therefore answers the text `firstEntryJson`, not the
 *      node's `webhookResponse`; `responseData: 'noData'` answers an empty body.
 *
 * Not emulated: XML and multipart bodies, binary data, CORS, response headers from the description,
 * the 'lastNode' / 'responseNode' response modes (the harness does not run the workflow; such a
 * trigger returning workflowData makes the harness throw), test-URL ("Listen for test event") specifics.
 */
import { parse as parseUrlEncoded } from 'node:querystring';
import { ExecutionLifecycleHooks, WebhookContext } from 'n8n-core';
import { NodeHelpers, Workflow, isNodeClassInstance, jsonParse } from 'n8n-workflow';
import type {
	IDataObject,
	IHttpRequestMethods,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper';
import { ensureN8nCoreContainer } from './di';
import { HARNESS_URLS, createAdditionalData } from './execution';
import { HarnessNodeTypes } from './node-types';
import { workflowNode, type NodeUnderTest } from './nodeUnderTest';
import { fakeResponse, requestLine, webhookValueReader } from './webhook';
import type { WebhookHttpResponse } from './webhook';

/** The header n8n adds to the static answer of a started workflow (webhook-response-headers.ts). */
const SANDBOX_CSP =
	'sandbox allow-downloads allow-forms allow-modals allow-orientation-lock allow-pointer-lock allow-popups allow-popups-to-escape-sandbox allow-presentation allow-scripts allow-top-navigation-by-user-activation allow-top-navigation-to-custom-protocols';

/** n8n's default `N8N_PAYLOAD_SIZE_MAX` (16, in MiB: raw-body's `'16mb'`). */
export const N8N_PAYLOAD_SIZE_MAX_BYTES = 16 * 1024 * 1024;

export interface RunTriggerWebhookOptions extends NodeUnderTest {
	/**
	 * What the caller sends. A string or Buffer is the raw body, parsed as n8n parses it for the
	 * content type (so a malformed JSON string gets n8n's 422); any other value is sent as its JSON
	 * text. Omitted: an empty body (`getBodyData()` is then undefined, as in n8n 2.x).
	 */
	body?: unknown;
	/** The URL's query, e.g. `{ token: 's3cret' }` for `...?token=s3cret`. */
	query?: Record<string, string | string[]>;
	/**
	 * Lower-cased for you. Content-type when a body is given: `application/json` unless set here;
	 * `''` sends none.
	 */
	headers?: Record<string, string>;
	/** Default 'POST'. */
	method?: IHttpRequestMethods;
	/** The node's `webhookId` (first part of its production URL path). Default 'harness-webhook-id'. */
	webhookId?: string;
	/** The workflow's static data before the call (read back from the result). */
	staticData?: IDataObject;
	/**
	 * The workflow's ID. Default: a new one per call, since each call starts from the static
	 * data given (empty by default), as a workflow of its own would. Give the same ID and the
	 * previous result's static data to send a second notification to the same workflow.
	 */
	workflowId?: string;
}

export interface TriggerWebhookResponse extends WebhookHttpResponse {
	/** False when nothing ended the response (noWebhookResponse without a write): n8n's caller would hang. */
	ended: boolean;
	/** The body as sent on the wire (JSON text for objects). */
	text: string;
}

export interface RunTriggerWebhookResult {
	/** What the caller of the production URL receives. */
	response: TriggerWebhookResponse;
	/**
	 * What starts the execution: the node's `workflowData`, or n8n's `[[{ json: {} }]]` when
	 * webhook() threw; undefined when nothing starts.
	 */
	workflowData?: INodeExecutionData[][];
	/** Whether n8n would start an execution for this call. */
	executionStarted: boolean;
	/** The json of `workflowData[0]`, for assertions (empty when nothing starts). */
	items: IDataObject[];
	/** What webhook() returned (undefined when it was not called or threw). */
	webhookResult?: IWebhookResponseData;
	/** What webhook() threw. */
	webhookError?: unknown;
	/** Whether the node's webhook() was called at all (false for 404 / 413-like / 422 answers). */
	webhookCalled: boolean;
	/** The production URL (`getNodeWebhookUrl('default')`), without the query. */
	webhookUrl: string;
	/** The workflow's static data after the call (n8n saves it after answering). */
	staticData: IDataObject;
	/** For assertions on the authenticated requests the node made. */
	credentialsHelper: HarnessCredentialsHelper;
}

let workflowCounter = 0;

function answer(statusCode: number, body: unknown, ended = true): TriggerWebhookResponse {
	// express: res.send(string) → text/html; res.json(value) → JSON text.
	if (typeof body === 'string') {
		return {
			statusCode,
			headers: { 'content-type': 'text/html; charset=utf-8' },
			body,
			text: body,
			ended,
		};
	}
	const text = body === undefined ? '' : JSON.stringify(body);
	return {
		statusCode,
		headers: { 'content-type': 'application/json; charset=utf-8' },
		body: text === '' ? undefined : (JSON.parse(text) as unknown),
		text,
		ended,
	};
}

/** sendErrorResponse() for a ResponseError (404, 422...): `{ code, message, hint? }`. */
function responseError(status: number, message: string, hint?: string): TriggerWebhookResponse {
	return answer(status, { code: status, message, ...(hint ? { hint } : {}) });
}

/** sendErrorResponse() for any other error: 500 `{ code: 0, message }`. */
function serverError(message: string): TriggerWebhookResponse {
	return answer(500, { code: 0, message });
}

function rawBodyOf(body: unknown): Buffer {
	if (body === undefined) return Buffer.alloc(0);
	if (Buffer.isBuffer(body)) return body;
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.from(JSON.stringify(body), 'utf8');
}

/** @n8n/backend-network parseContentType: the media type lower-cased, charset default utf-8. */
function parseContentType(header: string | undefined) {
	if (!header) return undefined;
	const [type, ...parameters] = header.split(';');
	let charset = 'utf-8';
	for (const parameter of parameters) {
		const [key, value] = parameter.split('=');
		if (key?.trim().toLowerCase() === 'charset' && value) {
			charset = value.trim().replace(/^"|"$/g, '').toLowerCase();
		}
	}
	return { type: type.trim().toLowerCase(), charset: charset as BufferEncoding };
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** n8n's parseBody() (middlewares/body-parser.ts). Throws { status, message, hint } like its errors. */
function parseBody(
	raw: Buffer,
	contentType: string | undefined,
	charset: BufferEncoding,
): { body: unknown } {
	if (raw.length === 0 || !contentType) return { body: undefined };
	const text = () => stripBom(raw.toString(charset));
	try {
		if (contentType === 'application/json') return { body: jsonParse(text()) };
		if (contentType === 'application/x-www-form-urlencoded') {
			return { body: { ...parseUrlEncoded(text(), undefined, undefined, { maxKeys: 1000 }) } };
		}
		if (contentType === 'text/plain') return { body: raw.toString(charset) };
	} catch (error) {
		throw Object.assign(new Error('Failed to parse request body'), {
			status: 422,
			hint: (error as Error).message,
		});
	}
	if (contentType.endsWith('/xml') || contentType.endsWith('+xml')) {
		throw new Error('Harness: XML webhook bodies are not emulated');
	}
	if (contentType.startsWith('multipart/')) {
		throw new Error('Harness: multipart webhook bodies are not emulated');
	}
	return { body: undefined };
}

function isParsableContentType(contentType: string | undefined): boolean {
	if (!contentType) return false;
	return (
		contentType.startsWith('application/json') ||
		contentType.startsWith('text/plain') ||
		contentType.startsWith('application/x-www-form-urlencoded') ||
		contentType.endsWith('/xml') ||
		contentType.endsWith('+xml')
	);
}

/** The production webhooks n8n registers for the node (restart webhooks are not registered). */
function productionWebhooks(
	workflow: Workflow,
	node: INode,
	nodeType: INodeType,
	additionalData: IWorkflowExecuteAdditionalData,
): IWebhookData[] {
	const evaluate = webhookValueReader(workflow, node);
	const found: IWebhookData[] = [];
	for (const description of nodeType.description.webhooks ?? []) {
		if (evaluate<boolean>(description.restartWebhook, false) === true) continue;
		let path = String(evaluate(description.path, '')).trim();
		if (path.startsWith('/')) path = path.slice(1);
		if (path.endsWith('/')) path = path.slice(0, -1);
		const fullPath = NodeHelpers.getNodeWebhookPath(
			workflow.id,
			node,
			path,
			evaluate<boolean>(description.isFullPath, false),
			false,
		);
		for (const method of String(evaluate(description.httpMethod, 'GET')).split(',')) {
			if (!method.trim()) continue;
			found.push({
				httpMethod: method.trim() as IHttpRequestMethods,
				node: node.name,
				path: fullPath,
				webhookDescription: description,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: additionalData,
				webhookId: node.webhookId,
			});
		}
	}
	return found;
}

/** Evaluates a webhook description property as n8n's WebhookExecutionContext does. */
function webhookProperty<T>(
	workflow: Workflow,
	node: INode,
	description: IWebhookDescription,
	property: keyof IWebhookDescription,
	fallback: T,
): T {
	return workflow.expression.getComplexParameterValue(
		node,
		description[property] as never,
		'webhook',
		{},
		undefined,
		fallback as never,
	) as T;
}

/** Calls a trigger node's `webhook()` as n8n 2.41.1 does for a request to its production URL. */
export async function runTriggerWebhook(
	opts: RunTriggerWebhookOptions,
): Promise<RunTriggerWebhookResult> {
	ensureN8nCoreContainer();
	const { nodeType } = opts;
	const credentials = opts.credentials ?? {};
	const method = (opts.method ?? 'POST').toUpperCase() as IHttpRequestMethods;
	const webhookId = opts.webhookId ?? 'harness-webhook-id';

	const node = workflowNode(opts, { id: 'harness-trigger-node', position: [0, 0], webhookId });
	const { name: nodeName, type: typeName } = node;
	const workflowData = {
		id: opts.workflowId ?? `harness-trigger-workflow-${++workflowCounter}`,
		name: 'Harness trigger workflow',
		active: true,
		activeVersionId: 'harness-version',
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [node],
		connections: {},
		settings: { executionOrder: 'v1' },
		staticData: structuredClone(opts.staticData ?? {}),
	} as IWorkflowBase;

	const credentialsHelper = new HarnessCredentialsHelper(credentials, opts.credentialTypes ?? []);
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: true,
		nodeTypes: new HarnessNodeTypes().add(typeName, nodeType),
		staticData: workflowData.staticData,
		settings: workflowData.settings,
	});
	const startNode = workflow.getNode(nodeName)!;
	const resolvedType = workflow.nodeTypes.getByNameAndVersion(
		startNode.type,
		startNode.typeVersion,
	);

	// WorkflowExecuteAdditionalData.getBase(): no execution id for a production webhook call.
	const additionalData = createAdditionalData({
		hooks: new ExecutionLifecycleHooks('webhook', '', workflowData),
		credentialsHelper,
		executionId: '',
		workflowId: workflow.id,
	});
	delete (additionalData as Partial<IWorkflowExecuteAdditionalData>).executionId;

	const webhooks = productionWebhooks(workflow, startNode, resolvedType, additionalData);
	const webhookUrl = `${HARNESS_URLS.webhookBaseUrl}/${webhooks[0]?.path ?? ''}`;
	const result = (
		response: TriggerWebhookResponse,
		rest: Partial<RunTriggerWebhookResult> = {},
	): RunTriggerWebhookResult => {
		const started = rest.workflowData !== undefined;
		return {
			response,
			executionStarted: started,
			items: (rest.workflowData?.[0] ?? []).map((item) => item.json),
			webhookCalled: false,
			webhookUrl,
			staticData: workflow.staticData as IDataObject,
			credentialsHelper,
			...rest,
		};
	};

	// LiveWebhooks.findWebhook(): method + path, else 404 naming the methods that exist.
	const webhookData = webhooks.find((webhook) => webhook.httpMethod === method);
	if (!webhookData) {
		const methods = [...new Set(webhooks.map((webhook) => webhook.httpMethod))];
		const path = webhooks[0]?.path ?? '';
		const message =
			methods.length > 0
				? `This webhook is not registered for ${method} requests. Did you mean to make a ${
						methods.length === 1
							? methods[0]
							: `${methods.slice(0, -1).join(', ')} or ${methods[methods.length - 1]}`
					} request?`
				: `The requested webhook "${method} ${path}" is not registered.`;
		return result(responseError(404, message));
	}

	// The request as express + n8n's rawBodyReader / parseIncomingMessage give it to the node.
	const headers = Object.fromEntries(
		Object.entries(opts.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
	);
	const raw = rawBodyOf(opts.body);
	if (opts.body !== undefined && !('content-type' in headers)) {
		headers['content-type'] = 'application/json';
	}
	if (headers['content-type'] === '') delete headers['content-type']; // '' = send none
	headers['content-length'] = String(raw.length);
	const url = new URL(webhookUrl);
	for (const [key, value] of Object.entries(opts.query ?? {})) {
		for (const one of Array.isArray(value) ? value : [value]) url.searchParams.append(key, one);
	}
	const contentType = parseContentType(headers['content-type']);
	const req = {
		...requestLine(method, url),
		headers,
		query: structuredClone(opts.query ?? {}),
		params: {},
		body: undefined as unknown,
		rawBody: raw,
		contentType: contentType?.type,
		encoding: contentType?.charset,
		header: (name: string) => headers[name.toLowerCase()],
		get: (name: string) => headers[name.toLowerCase()],
		readRawBody: async () => {},
	};

	// executeWebhook() → parseRequestBody(): version 1 parses unless `options.binaryData` is set.
	const binaryData =
		startNode.typeVersion === 1 &&
		Boolean((startNode.parameters.options as IDataObject | undefined)?.binaryData);
	if (!binaryData && (startNode.typeVersion === 1 || isParsableContentType(req.contentType))) {
		if (raw.length > N8N_PAYLOAD_SIZE_MAX_BYTES) {
			// raw-body's 413 is not a ResponseError: n8n wraps it in an OperationalError → 500.
			return result(serverError('There was a problem executing the workflow'));
		}
		try {
			req.body = parseBody(raw, req.contentType, req.encoding ?? 'utf-8').body;
		} catch (error) {
			const e = error as Error & { status?: number; hint?: string };
			if (e.status !== 422) throw error;
			return result(responseError(422, e.message, e.hint));
		}
	}

	const { res, state } = fakeResponse();
	additionalData.httpRequest = req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	additionalData.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];

	// WebhookService.runWebhook()
	const closeFunctions: Array<() => Promise<void>> = [];
	let webhookResult: IWebhookResponseData | undefined;
	let webhookError: unknown;
	try {
		const context = new WebhookContext(
			workflow,
			startNode,
			additionalData,
			'webhook',
			webhookData,
			closeFunctions,
			null,
		);
		webhookResult = isNodeClassInstance(resolvedType)
			? await resolvedType.webhook!(context)
			: await resolvedType.webhook!.call(context);
	} catch (error) {
		webhookError = error;
	} finally {
		await Promise.allSettled(closeFunctions.map(async (close) => await close()));
	}

	const written = (): TriggerWebhookResponse => {
		const body = state.body;
		const text =
			body === undefined ? '' : typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
		return {
			statusCode: state.statusCode,
			headers: { ...state.headers },
			body: typeof body === 'string' || body === undefined ? body : JSON.parse(text),
			text,
			ended: state.ended,
		};
	};
	const called = { webhookCalled: true, webhookResult, webhookError };

	if (webhookError !== undefined) {
		// n8n answers at once, then starts the execution with one empty item and the error recorded.
		const response = state.ended
			? written()
			: serverError('Workflow Webhook Error: Workflow could not be started!');
		return result(response, { ...called, workflowData: [[{ json: {} }]] });
	}
	const data = webhookResult!;
	const responseCode = webhookProperty(
		workflow,
		startNode,
		webhookData.webhookDescription,
		'responseCode',
		200,
	);
	// A response the node already ended is what the caller got; n8n's own write would come too late.
	const alreadySent = data.noWebhookResponse === true || state.ended;

	if (data.workflowData === undefined) {
		let response: TriggerWebhookResponse;
		if (alreadySent) response = written();
		else if (data.webhookResponse !== undefined)
			response = answer(responseCode, data.webhookResponse);
		else response = answer(responseCode, { message: 'Webhook call received' });
		return result(response, called);
	}

	const responseMode = webhookProperty(
		workflow,
		startNode,
		webhookData.webhookDescription,
		'responseMode',
		'onReceived',
	);
	let response: TriggerWebhookResponse;
	if (alreadySent) {
		response = written();
	} else if (responseMode === 'onReceived') {
		// extractWebhookOnReceivedResponse(responseData ?? 'firstEntryJson', webhookResult)
		const responseData = webhookProperty<unknown>(
			workflow,
			startNode,
			webhookData.webhookDescription,
			'responseData',
			'firstEntryJson',
		);
		const body =
			responseData === 'noData'
				? undefined
				: responseData
					? responseData
					: data.webhookResponse !== undefined
						? data.webhookResponse
						: { message: 'Workflow was started' };
		response = answer(responseCode, body);
		// sendStaticResponse() → applySandboxCSP()
		response.headers['content-security-policy'] = SANDBOX_CSP;
	} else {
		throw new Error(
			`Harness: response mode "${String(responseMode)}" needs the workflow to run; only 'onReceived' is emulated`,
		);
	}
	return result(response, { ...called, workflowData: data.workflowData });
}
