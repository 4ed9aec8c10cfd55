import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../shared/isObject';
import type { AnyJobKind, BulkJobResult, JobType } from './jobKinds';
import type { EnrowClient } from './transport';

export interface JobState {
	done: boolean;
	failed: boolean;
	/**
	 * Set when Enrow reported a status its docs do not list (`general.status` of a bulk job,
	 * `qualification` of a single one), as a timeout error names it: `the status "queued"`,
	 * `no status`. The job is read as still running.
	 */
	unknownStatus?: string;
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

/** The documented status of a job that is still running, on single and bulk jobs alike. */
const RUNNING = 'ongoing';
/** The documented end of a bulk job (`general.status`); `failed` also ends a single job. */
const FAILED = 'failed';
const COMPLETED = 'completed';

/** The status text of a job's answer: `qualification` on single jobs, `general.status` on bulk jobs. */
function statusOf(jobType: JobType, body: IDataObject): unknown {
	if (jobType === 'single') return body.qualification;
	return (body as Partial<BulkJobResult<unknown>>).general?.status;
}

/**
 * A job's state from one answer to its GET. Completion is read from the body: Enrow answers
 * "ongoing" with 200 on bulk jobs. A 202 always means "still running" (Enrow's newest docs),
 * even when its body is empty or not JSON.
 *
 * Only what Enrow documents ends the wait: a bulk job's `completed` or `failed`, a single
 * job's verdict for its kind (`valid`/`invalid`, `found`/`not_found`) or `failed`. Any other
 * status (a word no docs revision lists, such as the `pending` or `processing` Enrow's SDKs
 * wait on, or none at all) is read as still running, so polling goes on until the Timeout,
 * whose error names it. Taken for the end, it gave a finished job without its rows ("no
 * row… run these items again"): the user paid for the rows again.
 */
export function jobStateOf(
	job: Pick<JobToRead, 'kind' | 'jobType'>,
	statusCode: number,
	body: unknown,
): JobState {
	const safeBody: IDataObject = isObject(body) ? body : {};
	if (statusCode === 202) return { done: false, failed: false, body: safeBody };
	const status = statusOf(job.jobType, safeBody);
	const statusText = typeof status === 'string' ? status.trim().toLowerCase() : '';
	const finished =
		job.jobType === 'bulk'
			? statusText === COMPLETED
			: job.kind.finalQualifications.includes(statusText);
	if (finished || statusText === FAILED) {
		return { done: true, failed: statusText === FAILED, body: safeBody };
	}
	const state: JobState = { done: false, failed: false, body: safeBody };
	if (statusText !== RUNNING) state.unknownStatus = describeStatus(status);
	return state;
}

/** A status as an error quotes it: `the status "queued"`, or `no status`. */
function describeStatus(status: unknown): string {
	if (status === undefined || status === null || status === '') return 'no status';
	const text = typeof status === 'string' ? status : JSON.stringify(status);
	return `the status "${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;
}

/** Reads a job's current state once (a free GET). */
export async function readJob(client: EnrowClient, job: JobToRead): Promise<JobState> {
	const answer = await client.request({
		method: 'GET',
		path: job.kind.paths[job.jobType],
		qs: { id: job.id },
		itemIndex: job.itemIndex,
	});
	return jobStateOf(job, answer.statusCode, answer.body);
}
