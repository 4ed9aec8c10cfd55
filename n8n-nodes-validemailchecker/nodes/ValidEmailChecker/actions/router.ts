import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import * as email from './email/Email.resource';
import type { ValidEmailCheckerType } from './node.type';

type Operation = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> };

const operations: { [R in ValidEmailCheckerType['resource']]: Record<string, Operation> } = {
	email: { verify: email.verify },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as ValidEmailCheckerType['resource'];
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
