import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { refuseResume, resumeJobs, type JobOperation } from '../engine';
import * as account from './account/Account.resource';
import * as emailFinder from './emailFinder/EmailFinder.resource';
import * as emailVerifier from './emailVerifier/EmailVerifier.resource';
import type { NodeMap } from './node.type';
import * as phoneFinder from './phoneFinder/PhoneFinder.resource';

interface Operation {
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
	/** Job-starting operations: what they start, so a paused execution resumes with the same. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	job?: JobOperation<any>;
}

/** The node's operations by resource, checked against the node's parameter values. */
const operations: { [R in keyof NodeMap]: Record<NodeMap[R], Operation> } = {
	emailFinder: {
		find: emailFinder.find,
		findBulk: emailFinder.findBulk,
		getResult: emailFinder.getResult,
	},
	emailVerifier: {
		verify: emailVerifier.verify,
		verifyBulk: emailVerifier.verifyBulk,
		getResult: emailVerifier.getResult,
	},
	phoneFinder: {
		find: phoneFinder.find,
		findBulk: phoneFinder.findBulk,
		getResult: phoneFinder.getResult,
	},
	account: { get: account.get },
};

function operationOf(resource: unknown, operation: unknown): Operation | undefined {
	const ofResource = operations[resource as keyof NodeMap] as Record<string, Operation> | undefined;
	const handler = ofResource?.[String(operation)];
	return typeof handler?.execute === 'function' ? handler : undefined;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operationOf(resource, operation);
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await handler.execute.call(this)];
}

/** A call to the resume URL of an execution this node paused. */
export async function resumeRouter(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const handler = operationOf(
		this.getNodeParameter('resource', ''),
		this.getNodeParameter('operation', ''),
	);
	if (!handler?.job) {
		return refuseResume(this, 403, 'This execution is not waiting for an Enrow job');
	}
	return await resumeJobs(this, handler.job);
}
