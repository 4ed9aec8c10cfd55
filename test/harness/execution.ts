/**
 * Pieces shared by runNode() and the resume helpers: additionalData, running WorkflowExecute and
 * collecting the IRun, and turning it into a RunNodeResult.
 */
import type { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { createRunExecutionData } from 'n8n-workflow';
import type {
	ExecutionBaseError,
	ExecutionStatus,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IRunExecutionData,
	ITaskData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentials-helper';
import { HarnessNodeTypes, SOURCE_NODE_TYPE, makeSourceNodeType } from './node-types';
import type { ErrorSink } from './node-types';

/** Base URLs handed to n8n-core; `$execution.resumeUrl` is `<webhookWaitingBaseUrl>/<executionId>?signature=<token>`. */
export const HARNESS_URLS = {
	instanceBaseUrl: 'http://127.0.0.1:5678/',
	restApiUrl: 'http://127.0.0.1:5678/rest',
	webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
	webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
	webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
	formBaseUrl: 'http://127.0.0.1:5678/form',
	formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
	formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
	mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
	mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
} as const;

/** What a later resume (runWebhook / resumeAfterDeadline) needs to know about the original run. */
export interface HarnessRunContext {
	nodeType: INodeType | IVersionedNodeType;
	typeName: string;
	nodeName: string;
	mode: WorkflowExecuteMode;
	executionId: string;
	/** The workflow as saved (before n8n filled parameter defaults), like the execution's workflowData in the DB. */
	workflowData: IWorkflowBase;
	credentialsHelper: HarnessCredentialsHelper;
	variables?: IDataObject;
	sourceItems: IDataObject[];
}

export interface RunNodeResult {
	/**
	 * 'success' | 'error' | 'waiting' | 'canceled' ...: the status n8n saves for the execution
	 * (its determineFinalExecutionStatus: 'error' whenever resultData.error is set, 'waiting' when waitTill is).
	 */
	status: ExecutionStatus;
	/** The status WorkflowExecute itself reported in the IRun (can say 'success' where n8n saves 'error'). */
	engineStatus: ExecutionStatus;
	/** The node's first output of its last run; pairedItem kept. Empty when it produced nothing or failed. */
	output: INodeExecutionData[];
	/** All outputs of the node's last run. */
	outputs: INodeExecutionData[][];
	/**
	 * The node's error when n8n recorded one (thrown out of `execute()`, also with onError=continue...):
	 * the REAL error instance thrown (NodeApiError / NodeOperationError...), so `instanceof` works.
	 * Falls back to n8n's plain-object copy from the run data, then to the execution-level error
	 * (e.g. WorkflowHasIssuesError when a required parameter is missing).
	 */
	error?: ExecutionBaseError;
	/** n8n's stored copy of the node error (`{ ...error, message, stack }`, class lost), as the UI / DB see it. */
	taskError?: ExecutionBaseError;
	/** The node's task data of its last run. */
	taskData?: ITaskData;
	/** For advanced assertions (waitTill, resultData.metadata = custom data, lastNodeExecuted...). */
	runExecutionData: IRunExecutionData;
	/** The whole IRun as returned by WorkflowExecute. */
	run: IRun;
	/** The tested node as it ran (parameters with n8n's defaults filled in). */
	node: INode;
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
	credentialsHelper: HarnessCredentialsHelper;
	/** For runWebhook() / resumeAfterDeadline(). */
	context: HarnessRunContext;
}

function unsupported(what: string) {
	return async () => {
		throw new Error(`Harness: ${what} is not supported`);
	};
}

/** An `IWorkflowExecuteAdditionalData` with test values for everything n8n-core 2.41 reads. */
export function createAdditionalData(opts: {
	hooks: ExecutionLifecycleHooks;
	credentialsHelper: HarnessCredentialsHelper;
	executionId: string;
	workflowId: string;
	variables?: IDataObject;
	restartExecutionId?: string;
}): IWorkflowExecuteAdditionalData {
	const additionalData: Partial<IWorkflowExecuteAdditionalData> & IDataObject = {
		...HARNESS_URLS,
		hooks: opts.hooks,
		credentialsHelper: opts.credentialsHelper,
		executionId: opts.executionId,
		restartExecutionId: opts.restartExecutionId,
		workflowId: opts.workflowId,
		userId: 'harness-user',
		projectId: 'harness-project',
		variables: opts.variables ?? {},
		currentNodeParameters: undefined,
		currentNodeExecutionIndex: 0,
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('startRunnerTask (Code node task runners)'),
		logAiEvent: () => {},
		externalSecretsProxy: {
			setManager: () => {},
			hasProvider: () => false,
			getSecret: () => undefined,
			hasSecret: () => false,
			listProviders: () => [],
			listSecrets: () => [],
		},
	};
	return additionalData as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Starts `start(workflowExecute)` and waits for the IRun. On cancellation n8n-core's PCancelable
 * never settles (shouldReject = false): only the `workflowExecuteAfter` hook reports, so both are raced.
 * A synchronous throw (WorkflowHasIssuesError, raised before any node runs) becomes an 'error' IRun.
 */
export async function executeAndCollect(
	workflowExecute: WorkflowExecute,
	hooks: ExecutionLifecycleHooks,
	mode: WorkflowExecuteMode,
	start: (we: WorkflowExecute) => ReturnType<WorkflowExecute['run']>,
	abortSignal?: AbortSignal,
): Promise<IRun> {
	let resolveFinished!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));

	let execution: ReturnType<WorkflowExecute['run']>;
	try {
		execution = start(workflowExecute);
	} catch (error) {
		const data = createRunExecutionData();
		data.resultData.error = error as ExecutionBaseError;
		return {
			data,
			mode,
			startedAt: new Date(),
			stoppedAt: new Date(),
			status: 'error',
			storedAt: 'db',
		};
	}
	const onAbort = () => execution.cancel();
	if (abortSignal?.aborted) onAbort();
	abortSignal?.addEventListener('abort', onAbort, { once: true });
	try {
		return await Promise.race([finished, execution]);
	} finally {
		abortSignal?.removeEventListener('abort', onAbort);
	}
}

/** Which run of an execution is the latest one, i.e. what n8n's database row would hold. */
const latestRuns = new WeakMap<HarnessRunContext, IRun>();

export function isLatestRun(result: RunNodeResult): boolean {
	return (latestRuns.get(result.context) ?? result.run) === result.run;
}

/** As n8n's determineFinalExecutionStatus (packages/cli/src/execution-lifecycle/shared/shared-hook-functions.ts). */
export function finalExecutionStatus(run: IRun): ExecutionStatus {
	if (run.waitTill) return 'waiting';
	if (run.status === 'canceled') return 'canceled';
	if (run.status === 'crashed') return 'crashed';
	if (run.status === 'error' || run.data.resultData?.error) return 'error';
	return 'success';
}

export function buildResult(
	run: IRun,
	workflow: Workflow,
	additionalData: IWorkflowExecuteAdditionalData,
	context: HarnessRunContext,
	sink: ErrorSink,
): RunNodeResult {
	const runExecutionData = run.data;
	const taskData = (runExecutionData.resultData.runData[context.nodeName] ?? []).at(-1);
	const outputs = (taskData?.data?.main ?? []).map((items) => items ?? []);
	const taskError = taskData?.error;
	const error =
		(taskError && (sink.error as ExecutionBaseError | undefined)) ??
		taskError ??
		runExecutionData.resultData.error;
	latestRuns.set(context, run);
	return {
		status: finalExecutionStatus(run),
		engineStatus: run.status,
		output: outputs[0] ?? [],
		outputs,
		error,
		taskError,
		taskData,
		runExecutionData,
		run,
		node: workflow.getNode(context.nodeName)!,
		workflow,
		additionalData,
		credentialsHelper: context.credentialsHelper,
		context,
	};
}

/** The node types of a harness workflow; errors thrown by the tested node's execute() go to `sink`. */
export function createNodeTypes(context: HarnessRunContext, sink: ErrorSink): HarnessNodeTypes {
	return new HarnessNodeTypes({ typeName: context.typeName, sink })
		.add(SOURCE_NODE_TYPE, makeSourceNodeType(context.sourceItems))
		.add(context.typeName, context.nodeType);
}
