/**
 * Continuing a waiting execution, the two ways n8n 2.41 does it:
 *
 * - runWebhook(): a call to `$execution.resumeUrl` (`/webhook-waiting/<executionId>?signature=<token>`),
 *   following packages/cli/src/webhooks/waiting-webhooks.ts + webhook-helpers.ts (executeWebhook,
 *   prepareExecutionData): the waiting node's stack entry is disabled, `waitTill` cleared, its last
 *   run data popped; its restart webhook (`restartWebhook: true`, same method, `path === suffix ?? ''`)
 *   runs `webhook()` in a real n8n-core WebhookContext with the execution's runExecutionData (so
 *   `evaluateExpression('{{ $input.all() }}')`, `getNodeParameter`, `customData` work). If it returns
 *   `workflowData`, that becomes the input of the (disabled, forwardAllOutputs) node, i.e. its output,
 *   and the execution continues with `WorkflowExecute(..., runExecutionData).processRunExecutionData()`.
 *   No `workflowData` → the execution stays waiting and can be called again.
 * - resumeAfterDeadline(): what the WaitTracker does when `waitTill` passes: re-run the execution
 *   as is; n8n-core's handleWaitingState disables the waiting node, so it outputs its input items.
 *
 * Not emulated: HTTP body parsing options, binary/multipart, form pages, 'lastNode'/'responseNode'
 * response modes (the harness answers as 'onReceived' does and hands back the finished run).
 */
import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import { NodeHelpers, Workflow, isNodeClassInstance } from 'n8n-workflow';
import type {
	IDataObject,
	IHttpRequestMethods,
	INode,
	INodeType,
	IRunExecutionData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { ensureN8nCoreContainer } from './di';
import {
	HARNESS_URLS,
	buildResult,
	createAdditionalData,
	createNodeTypes,
	executeAndCollect,
	isLatestRun,
} from './execution';
import type { HarnessRunContext, RunNodeResult } from './execution';
import type { ErrorSink } from './node-types';

export interface RunWebhookOptions {
	/** The waiting run (status 'waiting'), from runNode() or an earlier runWebhook() that left it waiting. */
	waiting: RunNodeResult;
	/**
	 * The URL called, e.g. the resumeUrl the node handed to the remote service (query parameters it
	 * appended are kept and visible to `getQueryData()`). Default: the execution's own resume URL.
	 * Like n8n: wrong execution id → 404, wrong/missing `signature` → 401, execution no longer waiting → 409.
	 */
	url?: string;
	/** Default 'POST'. */
	method?: IHttpRequestMethods;
	/** The parsed body (what express's JSON parser would give `getBodyData()`). */
	body?: unknown;
	/** Request headers (lower-cased for you). Default content-type: application/json when a body is given. */
	headers?: Record<string, string>;
	abortSignal?: AbortSignal;
}

export interface WebhookHttpResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: unknown;
}

export interface RunWebhookResult {
	/**
	 * What the caller of the URL receives. Exact when webhook() writes the response itself
	 * (`getResponseObject()` + `noWebhookResponse`), for the 401/404/409 checks and for
	 * "no workflowData" (200 `{ message: 'Webhook call received' }` or `webhookResponse`);
	 * for a resume in 'onReceived' mode n8n's body depends on its version: here `{ message: 'Workflow was started' }`.
	 */
	response: WebhookHttpResponse;
	/** What webhook() returned (undefined when it was not called or threw). */
	webhookResult?: IWebhookResponseData;
	/** What webhook() threw (n8n then answers 500 and still resumes the execution, which ends in error). */
	webhookError?: unknown;
	/** True when the execution continued (webhook() returned workflowData, or threw). */
	resumed: boolean;
	/** The execution after the call: the continued run when resumed, else the unchanged waiting run. */
	result: RunNodeResult;
}

/** `<webhookWaitingBaseUrl>/<executionId>?signature=<resumeToken>`, as `$execution.resumeUrl` gives it. */
export function resumeUrlOf(waiting: RunNodeResult): string {
	const url = new URL(`${HARNESS_URLS.webhookWaitingBaseUrl}/${waiting.context.executionId}`);
	const token = waiting.runExecutionData.resumeToken;
	if (token) url.searchParams.set('signature', token);
	return url.toString();
}

/** The method and address fields of the Express request n8n hands a webhook. */
export function requestLine(method: string, url: URL) {
	return {
		method,
		url: `${url.pathname}${url.search}`,
		originalUrl: `${url.pathname}${url.search}`,
		path: url.pathname,
		hostname: url.hostname,
		host: url.host,
		protocol: url.protocol.replace(':', ''),
	};
}

function fakeRequest(method: string, url: URL, headers: Record<string, string>, body: unknown) {
	const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	if (body !== undefined && !lower['content-type']) lower['content-type'] = 'application/json';
	const raw = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
	return {
		...requestLine(method, url),
		headers: lower,
		query: Object.fromEntries(url.searchParams.entries()),
		params: {},
		body: body ?? {},
		rawBody: Buffer.from(raw),
		contentType: lower['content-type']?.split(';')[0],
		header: (name: string) => lower[name.toLowerCase()],
		get: (name: string) => lower[name.toLowerCase()],
	};
}

/** A minimal express-like Response that records what webhook() writes (also used by trigger.ts). */
export function fakeResponse() {
	const state = {
		statusCode: 200,
		headers: {} as Record<string, string>,
		body: undefined as unknown,
		ended: false,
	};
	const res = {
		get headersSent() {
			return state.ended;
		},
		get statusCode() {
			return state.statusCode;
		},
		status(code: number) {
			state.statusCode = code;
			return res;
		},
		sendStatus(code: number) {
			state.statusCode = code;
			state.ended = true;
			return res;
		},
		setHeader(name: string, value: string) {
			state.headers[name.toLowerCase()] = String(value);
			return res;
		},
		header(name: string | Record<string, string>, value?: string) {
			if (typeof name === 'object') for (const [k, v] of Object.entries(name)) res.setHeader(k, v);
			else res.setHeader(name, value ?? '');
			return res;
		},
		set(name: string | Record<string, string>, value?: string) {
			return res.header(name, value);
		},
		getHeader(name: string) {
			return state.headers[name.toLowerCase()];
		},
		json(body: unknown) {
			state.headers['content-type'] ??= 'application/json';
			state.body = body;
			state.ended = true;
			return res;
		},
		send(body?: unknown) {
			state.body = body;
			state.ended = true;
			return res;
		},
		end(body?: unknown) {
			if (body !== undefined) state.body = body;
			state.ended = true;
			return res;
		},
		write(chunk: unknown) {
			state.body = `${(state.body as string | undefined) ?? ''}${String(chunk)}`;
			return true;
		},
		writeHead(code: number, headers?: Record<string, string>) {
			state.statusCode = code;
			if (headers) res.header(headers);
			return res;
		},
		render(view: string) {
			state.body = { rendered: view };
			state.ended = true;
			return res;
		},
	};
	return { res, state };
}

function respond(statusCode: number, body: unknown): WebhookHttpResponse {
	return { statusCode, headers: { 'content-type': 'application/json' }, body };
}

function newWorkflow(context: HarnessRunContext, sink: ErrorSink): Workflow {
	const data = structuredClone(context.workflowData);
	return new Workflow({
		id: data.id,
		name: data.name,
		nodes: data.nodes,
		connections: data.connections,
		active: false,
		nodeTypes: createNodeTypes(context, sink),
		settings: data.settings,
		staticData: data.staticData,
	});
}

/** Reads a value of the node's webhook description (path, method, restartWebhook) as n8n evaluates it. */
export function webhookValueReader(
	workflow: Workflow,
	node: INode,
): <T>(value: unknown, fallback: T) => T {
	return <T>(value: unknown, fallback: T) =>
		(workflow.expression.getSimpleParameterValue(
			node,
			value as string | boolean | undefined,
			'internal',
			{},
			undefined,
			fallback as string | boolean,
		) ?? fallback) as T;
}

function findRestartWebhook(
	workflow: Workflow,
	node: INode,
	nodeType: INodeType,
	additionalData: IWorkflowExecuteAdditionalData,
	method: string,
	suffix: string,
): IWebhookData | undefined {
	const evaluate = webhookValueReader(workflow, node);
	for (const description of nodeType.description.webhooks ?? []) {
		if (evaluate<boolean>(description.restartWebhook, false) !== true) continue;
		let path = String(evaluate(description.path, ''));
		if (path.startsWith('/')) path = path.slice(1);
		if (path.endsWith('/')) path = path.slice(0, -1);
		if (path !== suffix) continue;
		const methods = String(evaluate(description.httpMethod, 'GET'))
			.split(',')
			.map((m) => m.trim());
		if (!methods.includes(method)) continue;
		return {
			httpMethod: method as IHttpRequestMethods,
			node: node.name,
			path: NodeHelpers.getNodeWebhookPath(
				workflow.id,
				node,
				path,
				evaluate<boolean>(description.isFullPath, false),
				true,
			),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		};
	}
	return undefined;
}

/** Calls the waiting node's `webhook()` as n8n does for a request to the execution's resume URL. */
export async function runWebhook(opts: RunWebhookOptions): Promise<RunWebhookResult> {
	ensureN8nCoreContainer();
	const { waiting } = opts;
	const { context } = waiting;
	const method = (opts.method ?? 'POST').toUpperCase();
	const url = new URL(opts.url ?? resumeUrlOf(waiting));
	const notResumed = (response: WebhookHttpResponse): RunWebhookResult => ({
		response,
		resumed: false,
		result: waiting,
	});

	// Routing and checks done by n8n's WaitingWebhooks before the node is involved.
	const base = new URL(HARNESS_URLS.webhookWaitingBaseUrl);
	if (url.origin !== base.origin || !url.pathname.startsWith(`${base.pathname}/`)) {
		return notResumed(
			respond(404, { message: `The requested webhook "${url.pathname}" is not registered.` }),
		);
	}
	const [executionId, ...rest] = url.pathname.slice(base.pathname.length + 1).split('/');
	let suffix = rest.join('/');
	let signature = url.searchParams.get('signature') ?? undefined;
	if (signature?.includes('/')) {
		// `signature=<token>/<suffix>` is also accepted by n8n.
		[signature, suffix] = [
			signature.slice(0, signature.indexOf('/')),
			signature.slice(signature.indexOf('/') + 1),
		];
	}
	if (executionId !== context.executionId) {
		return notResumed(respond(404, { message: `The execution "${executionId}" does not exist.` }));
	}
	const token = waiting.runExecutionData.resumeToken;
	if (token !== undefined && signature !== token) {
		return notResumed(respond(401, { error: 'Invalid token' }));
	}
	if (!isLatestRun(waiting) || waiting.status !== 'waiting') {
		const message =
			waiting.runExecutionData.resultData.error !== undefined
				? `The execution "${executionId}" has finished with error.`
				: `The execution "${executionId}" has finished already.`;
		return notResumed(respond(409, { message }));
	}

	// As loaded from the database: a copy, so the waiting result stays usable when nothing resumes.
	const runExecutionData: IRunExecutionData = structuredClone(waiting.runExecutionData);
	const lastNodeExecuted = runExecutionData.resultData.lastNodeExecuted as string;
	const stack = runExecutionData.executionData!.nodeExecutionStack;
	stack[0].node.disabled = true;
	runExecutionData.waitTill = undefined;
	runExecutionData.resultData.runData[lastNodeExecuted]?.pop();

	const sink: ErrorSink = {};
	const workflow = newWorkflow(context, sink);
	const node = workflow.getNode(lastNodeExecuted);
	if (!node)
		return notResumed(respond(404, { message: 'Could not find node to process webhook.' }));
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);

	const hooks = new ExecutionLifecycleHooks(context.mode, executionId, context.workflowData);
	const additionalData = createAdditionalData({
		hooks,
		credentialsHelper: context.credentialsHelper,
		executionId,
		workflowId: workflow.id,
		variables: context.variables,
		restartExecutionId: executionId,
	});
	const webhookData = findRestartWebhook(workflow, node, nodeType, additionalData, method, suffix);
	if (!webhookData || !nodeType.webhook) {
		return notResumed(
			respond(404, {
				message: `The workflow for execution "${executionId}" does not contain a waiting webhook with a matching path/method.`,
			}),
		);
	}

	const req = fakeRequest(method, url, opts.headers ?? {}, opts.body);
	const { res, state } = fakeResponse();
	additionalData.httpRequest = req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	additionalData.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];

	let webhookResult: IWebhookResponseData | undefined;
	let webhookError: unknown;
	let response: WebhookHttpResponse | undefined;
	let workflowData: IWebhookResponseData['workflowData'];
	let mergeIntoRunData: Partial<IRunExecutionData> | undefined;
	try {
		const webhookContext = new WebhookContext(
			workflow,
			node,
			additionalData,
			context.mode,
			webhookData,
			[],
			runExecutionData,
		);
		webhookResult = isNodeClassInstance(nodeType)
			? await nodeType.webhook(webhookContext)
			: await nodeType.webhook.call(webhookContext);
		workflowData = webhookResult.workflowData;
	} catch (error) {
		webhookError = error;
		response = respond(500, { message: 'Workflow Webhook Error: Workflow could not be started!' });
		const e = error as Error;
		mergeIntoRunData = {
			resultData: {
				runData: {},
				lastNodeExecuted,
				error: { ...e, message: e.message, stack: e.stack } as never,
			},
		};
		workflowData = [[{ json: {} }]];
	}

	const responseCode = Number(webhookData.webhookDescription.responseCode ?? 200);
	if (!response && webhookResult?.noWebhookResponse === true) {
		response = { statusCode: state.statusCode, headers: state.headers, body: state.body };
	}
	if (workflowData === undefined) {
		response ??=
			webhookResult?.webhookResponse !== undefined
				? respond(responseCode, webhookResult.webhookResponse)
				: respond(responseCode, { message: 'Webhook call received' });
		return { response, webhookResult, resumed: false, result: waiting };
	}
	response ??= respond(responseCode, { message: 'Workflow was started' });

	// prepareExecutionData(): the webhook's data becomes the waiting node's input = its output.
	stack[0].data.main = workflowData;
	stack[0].metadata = { ...stack[0].metadata, forwardAllOutputs: true };
	if (mergeIntoRunData) Object.assign(runExecutionData, mergeIntoRunData);

	const run = await executeAndCollect(
		new WorkflowExecute(additionalData, context.mode, runExecutionData),
		hooks,
		context.mode,
		(we) => we.processRunExecutionData(workflow),
		opts.abortSignal,
	);
	const result = buildResult(run, workflow, additionalData, context, sink);
	return { response, webhookResult, webhookError, resumed: true, result };
}

/**
 * What n8n's WaitTracker does once `waitTill` has passed: re-runs the execution from its saved state;
 * the waiting node is disabled and outputs its input items unchanged (not what execute() returned).
 */
export async function resumeAfterDeadline(
	waiting: RunNodeResult,
	abortSignal?: AbortSignal,
): Promise<RunNodeResult> {
	ensureN8nCoreContainer();
	const { context } = waiting;
	if (waiting.status !== 'waiting' || !isLatestRun(waiting)) {
		throw new Error(
			`Harness: execution ${context.executionId} is not waiting (or was resumed already)`,
		);
	}
	const runExecutionData: IRunExecutionData = structuredClone(waiting.runExecutionData);
	const sink: ErrorSink = {};
	const workflow = newWorkflow(context, sink);
	const hooks = new ExecutionLifecycleHooks(
		context.mode,
		context.executionId,
		context.workflowData,
	);
	const additionalData = createAdditionalData({
		hooks,
		credentialsHelper: context.credentialsHelper,
		executionId: context.executionId,
		workflowId: workflow.id,
		variables: context.variables as IDataObject | undefined,
		restartExecutionId: context.executionId,
	});
	const run = await executeAndCollect(
		new WorkflowExecute(additionalData, context.mode, runExecutionData),
		hooks,
		context.mode,
		(we) => we.processRunExecutionData(workflow),
		abortSignal,
	);
	return buildResult(run, workflow, additionalData, context, sink);
}
