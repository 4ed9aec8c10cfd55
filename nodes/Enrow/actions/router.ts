import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import * as account from './account/Account.resource';
import * as emailFinder from './emailFinder/EmailFinder.resource';
import * as emailVerifier from './emailVerifier/EmailVerifier.resource';
import type { EnrowType } from './node.type';
import * as phoneFinder from './phoneFinder/PhoneFinder.resource';

type Operation = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> };

const operations: { [R in EnrowType['resource']]: Record<string, Operation> } = {
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

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as EnrowType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler || typeof handler.execute !== 'function') {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await handler.execute.call(this)];
}
