import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { createEnrowSession } from '../transport';
import { failureItem, resultItem } from '../../shared/outputItems';
import type { AnyJobKind, JobType } from './jobKind';
import { readJob } from './readJob';
import { asNodeError } from './runSteps';

/**
 * Get Result: reads each input item's job once, without waiting. A finished bulk job
 * gives one item per result row; a running job one item with its progress.
 */
export async function runGetResult(
	context: IExecuteFunctions,
	kind: AnyJobKind,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const session = createEnrowSession();
	const simplify = context.getNodeParameter('simplify', 0, true) as boolean;
	const output: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const jobId = String(context.getNodeParameter('jobId', itemIndex, '') ?? '').trim();
			const jobType = context.getNodeParameter('jobType', itemIndex, 'single') as JobType;
			if (!jobId) {
				throw new NodeOperationError(context.getNode(), `Job ID of item ${itemIndex} is empty`, {
					itemIndex,
					description:
						'Map the jobId field that an Enrow node output earlier, e.g. {{ $json.jobId }}.',
				});
			}
			const state = await readJob(context, session, kind, jobType, jobId, itemIndex);
			for (const json of resultsOf(
				kind,
				jobType,
				jobId,
				state.body,
				state.done,
				state.failed,
				simplify,
			)) {
				output.push(resultItem(items, itemIndex, json, false));
			}
		} catch (error) {
			const failure = asNodeError(context, error, itemIndex);
			if (!context.continueOnFail()) throw failure;
			output.push(failureItem(items, itemIndex, failure, {}, false));
		}
	}
	return output;
}

function resultsOf(
	kind: AnyJobKind,
	jobType: JobType,
	jobId: string,
	body: IDataObject,
	done: boolean,
	failed: boolean,
	simplify: boolean,
): IDataObject[] {
	if (!done || failed) {
		const stats = (body.stats as IDataObject | undefined) ?? {};
		const progress: IDataObject = { jobId, status: failed ? 'failed' : 'ongoing' };
		if (stats.finished !== undefined) progress.finished = stats.finished;
		if (stats.requested !== undefined) progress.requested = stats.requested;
		return [simplify ? progress : { ...body, ...progress }];
	}
	if (jobType === 'single') return [simplify ? kind.simplifySingle(body, undefined, jobId) : body];
	const rows = (body.results as IDataObject[] | undefined) ?? [];
	return rows.map((row) => (simplify ? kind.simplifyRow(row, undefined, jobId) : row));
}
