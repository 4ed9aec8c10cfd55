import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { JOB_TYPES, type AnyJobKind } from '../../EnrowApi/jobKinds';
import { getJobResults, refuseResume, resumeJobs, runJobs, type JobOperation } from '../engine';
import * as account from './account';
import { jobOperationOf } from './jobResource';
import { JOB_RESOURCES } from './jobResources';

/** What an operation of the node does: start jobs, read one (Get Result), or read the account. */
type Operation =
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	| { job: JobOperation<any> }
	| { getResultOf: AnyJobKind }
	| { execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> };

/** The node's operations by "resource:operation", built from its resources. */
const operations = new Map<string, Operation>([
	...JOB_RESOURCES.flatMap((resource) => [
		...JOB_TYPES.map((jobType): [string, Operation] => [
			`${resource.resource}:${resource.operations[jobType].value}`,
			{ job: jobOperationOf(resource, jobType) },
		]),
		[
			`${resource.resource}:${resource.operations.getResult.value}`,
			{ getResultOf: resource.kind },
		] as [string, Operation],
	]),
	['account:get', { execute: account.getCredits }],
]);

function operationOf(resource: unknown, operation: unknown): Operation | undefined {
	return operations.get(`${String(resource)}:${String(operation)}`);
}

/**
 * The chosen operation's run. Not async, so that no frame of its own stays between the node's
 * execute(), which awaits the run, and the engine (test/architecture/callDepth.test.ts).
 */
export function runOperation(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const handler = operationOf(resource, operation);
	if (!handler) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	if ('job' in handler) return runJobs(context, handler.job);
	if ('getResultOf' in handler) return getJobResults(context, handler.getResultOf);
	return handler.execute.call(context);
}

/** A call to the resume URL of an execution this node paused; not async, as runOperation. */
export function resumeOperation(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const handler = operationOf(
		context.getNodeParameter('resource', ''),
		context.getNodeParameter('operation', ''),
	);
	if (!handler || !('job' in handler)) {
		return Promise.resolve(
			refuseResume(context, 403, 'This execution is not waiting for an Enrow job'),
		);
	}
	return resumeJobs(context, handler.job);
}
