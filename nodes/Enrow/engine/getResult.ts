import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { AnyJobKind, JobType } from '../../EnrowApi/jobKinds';
import { bulkResultRows, readJob, type JobState } from '../../EnrowApi/readJob';
import { createEnrowSession } from '../../EnrowApi/transport';
import type { BulkJobResult } from '../../EnrowApi/types';
import { asNodeError } from '../../shared/asNodeError';
import { failureItem, resultItem } from '../../shared/outputItems';

/**
 * Get Result: reads each input item's job once, without waiting. A finished bulk job
 * gives one item per result row; a running job one item with its progress.
 */
export async function getJobResults(
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
			const state = await readJob(context, session, { kind, jobType, id: jobId, itemIndex });
			for (const json of resultsOf(kind, { jobType, jobId, state, simplify })) {
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

interface ReadJob {
	jobType: JobType;
	jobId: string;
	state: JobState;
	simplify: boolean;
}

function resultsOf(kind: AnyJobKind, { jobType, jobId, state, simplify }: ReadJob): IDataObject[] {
	const { body, done, failed } = state;
	if (!done || failed) {
		const stats = (body as Partial<BulkJobResult<unknown>>).stats ?? {};
		const progress: IDataObject = { jobId, status: failed ? 'failed' : 'ongoing' };
		if (stats.finished !== undefined) progress.finished = stats.finished;
		if (stats.requested !== undefined) progress.requested = stats.requested;
		return [simplify ? progress : { ...body, ...progress }];
	}
	if (jobType === 'single') return [simplify ? kind.simplifySingle(body, undefined, jobId) : body];
	return bulkResultRows<IDataObject>(body).map((row) =>
		simplify ? kind.simplifyRow(row, undefined, jobId) : row,
	);
}
