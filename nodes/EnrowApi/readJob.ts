import type { IDataObject } from 'n8n-workflow';

import type { AnyJobKind, JobType } from './jobKinds';
import { enrowAnswer, type EnrowContext, type EnrowSession } from './transport';
import type { BulkJobResult } from './types';

export interface JobState {
	done: boolean;
	failed: boolean;
	/** Enrow's answer: a single job's result, or a bulk job's `BulkJobResult`. */
	body: IDataObject;
}

export interface JobToRead {
	kind: AnyJobKind;
	jobType: JobType;
	id: string;
	/** The first input item the job serves, for error messages. */
	itemIndex?: number;
}

/** Statuses that mean "not finished yet". Enrow documents only "ongoing"; its SDKs also wait on these. */
const RUNNING = new Set(['ongoing', 'pending', 'processing', 'queued']);

/** The status text of a job's answer: `qualification` on single jobs, `general.status` on bulk jobs. */
function statusOf(jobType: JobType, body: IDataObject): unknown {
	if (jobType === 'single') return body.qualification;
	return (body as Partial<BulkJobResult<unknown>>).general?.status;
}

/**
 * A job's state from one answer to its GET. Completion is read from the body: Enrow answers
 * "ongoing" with 200 on bulk jobs. A 202 always means "still running" (Enrow's newest docs),
 * even when its body is empty or not JSON.
 */
export function jobStateOf(jobType: JobType, statusCode: number, body: unknown): JobState {
	const safeBody: IDataObject =
		body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
	if (statusCode === 202) return { done: false, failed: false, body: safeBody };
	const status = statusOf(jobType, safeBody);
	const statusText = typeof status === 'string' ? status.toLowerCase() : 'ongoing';
	return {
		done: !RUNNING.has(statusText),
		failed: statusText === 'failed',
		body: safeBody,
	};
}

/** Reads a job's current state once (a free GET). */
export async function readJob(
	context: EnrowContext,
	session: EnrowSession,
	job: JobToRead,
): Promise<JobState> {
	const answer = await enrowAnswer<unknown>(context, session, {
		method: 'GET',
		path: job.kind.paths[job.jobType],
		qs: { id: job.id },
		itemIndex: job.itemIndex,
	});
	return jobStateOf(job.jobType, answer.statusCode, answer.body);
}

/** The result rows of a finished bulk job's answer (none when Enrow sent none). */
export function bulkResultRows<Row>(body: IDataObject): Row[] {
	const { results } = body as Partial<BulkJobResult<Row>>;
	return Array.isArray(results) ? results.filter((row) => row && typeof row === 'object') : [];
}
