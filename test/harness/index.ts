/**
 * Integration-test harness: runs a node's real `execute()` inside n8n-core 2.41's real
 * `WorkflowExecute`, with n8n's real request helpers (`this.helpers.httpRequestWithAuthentication`
 * → axios → real HTTP), so tests can point a node at a local HTTP server (our API simulator).
 *
 * Shape of a run (what n8n's own NodeTestHarness does, packages/core/nodes-testing, rebuilt small):
 *
 *   [Source] --main--> [node under test]
 *
 * `Source` is a test-only node that outputs `input` (one item per object). The workflow runs with
 * `new WorkflowExecute(additionalData, mode).run({ workflow, startNode })`; the result is the IRun
 * that `workflowExecuteAfter` receives. `additionalData` carries a credentials helper that serves the
 * test's credentials and applies the credential type's `authenticate` (generic or function form).
 *
 * A run that ends 'waiting' (putExecutionToWait) can be continued with runWebhook() (the callback
 * to `$execution.resumeUrl`) or resumeAfterDeadline() (what n8n does when waitTill passes).
 *
 * runTriggerWebhook() (trigger.ts) is a request to a trigger node's production webhook URL: the
 * node's webhook() in a real WebhookContext, and the HTTP answer n8n would give.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	IWorkflowBase,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper';
import { ensureN8nCoreContainer } from './di';
import { buildResult, createAdditionalData, createNodeTypes, executeAndCollect } from './execution';
import type { HarnessRunContext, RunNodeResult } from './execution';
import { SOURCE_NODE_NAME, SOURCE_NODE_TYPE } from './node-types';
import type { ErrorSink } from './node-types';
import { workflowNode, type NodeUnderTest } from './nodeUnderTest';

export { harnessErrorReports, harnessLog } from './di';
export { HarnessCredentialsHelper } from './credentials-helper';
export { HARNESS_URLS } from './execution';
export type { HarnessRunContext, RunNodeResult } from './execution';
export { resumeAfterDeadline, resumeUrlOf, runWebhook } from './webhook';
export type { RunWebhookOptions, RunWebhookResult, WebhookHttpResponse } from './webhook';
export { N8N_PAYLOAD_SIZE_MAX_BYTES, runTriggerWebhook } from './trigger';
export type {
	RunTriggerWebhookOptions,
	RunTriggerWebhookResult,
	TriggerWebhookResponse,
} from './trigger';

export interface RunNodeOptions extends NodeUnderTest {
	/** The items fed into the node (each becomes `{ json }`). Default: one empty item. */
	input?: IDataObject[];
	/** Sets `node.onError = 'continueRegularOutput'` (n8n 2.x), so `this.continueOnFail()` is true. */
	continueOnFail?: boolean;
	/** Extra INode fields (retryOnFail, maxTries, waitBetweenTries, alwaysOutputData, executeOnce, onError...). */
	nodeOverrides?: Partial<Omit<INode, 'parameters' | 'type' | 'name' | 'credentials'>>;
	/** Default 'manual' (an editor run). 'trigger' / 'webhook' / 'integrated' for production-like runs. */
	executionMode?: WorkflowExecuteMode;
	/** Default: a fresh numeric string per run. */
	executionId?: string;
	/** Default `{ executionOrder: 'v1' }`, like new workflows. */
	workflowSettings?: IWorkflowSettings;
	/** `$vars` */
	variables?: IDataObject;
	/** Cancels the execution when it aborts (the editor's Stop button): the node's `getExecutionCancelSignal()` aborts. */
	abortSignal?: AbortSignal;
}

let executionCounter = 0;

/** Runs `[Source] → [node under test]` through n8n-core's WorkflowExecute. */
export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	ensureN8nCoreContainer();

	const { nodeType } = opts;
	const mode = opts.executionMode ?? 'manual';
	const executionId = opts.executionId ?? String(++executionCounter);
	const credentials = opts.credentials ?? {};
	const sourceItems = opts.input ?? [{}];

	const testedNode = workflowNode(opts, {
		id: 'harness-tested-node',
		position: [240, 0],
		...opts.nodeOverrides,
	});
	const { name: nodeName, type: typeName } = testedNode;
	if (opts.continueOnFail) testedNode.onError = 'continueRegularOutput';

	const settings: IWorkflowSettings = { executionOrder: 'v1', ...opts.workflowSettings };
	const workflowData = {
		id: 'harness-workflow',
		name: 'Harness workflow',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [
			{
				id: 'harness-source-node',
				name: SOURCE_NODE_NAME,
				type: SOURCE_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			testedNode,
		],
		connections: {
			[SOURCE_NODE_NAME]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] },
		},
		settings,
	} as IWorkflowBase;

	const context: HarnessRunContext = {
		nodeType,
		typeName,
		nodeName,
		mode,
		executionId,
		workflowData: structuredClone(workflowData),
		credentialsHelper: new HarnessCredentialsHelper(credentials, opts.credentialTypes ?? []),
		variables: opts.variables,
		sourceItems,
	};

	const sink: ErrorSink = {};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes: createNodeTypes(context, sink),
		settings,
	});

	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const additionalData = createAdditionalData({
		hooks,
		credentialsHelper: context.credentialsHelper,
		executionId,
		workflowId: workflowData.id,
		variables: opts.variables,
	});
	const run = await executeAndCollect(
		new WorkflowExecute(additionalData, mode),
		hooks,
		mode,
		(we) => we.run({ workflow, startNode: workflow.getNode(SOURCE_NODE_NAME)! }),
		opts.abortSignal,
	);
	return buildResult(run, workflow, additionalData, context, sink);
}
