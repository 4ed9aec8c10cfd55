import type { IDataObject } from 'n8n-workflow';

import { enrowRequest, type EnrowContext, type EnrowSession } from '../transport';
import type { AnyJobKind, JobType } from './jobKind';

export interface JobState {
	done: boolean;
	failed: boolean;
	body: IDataObject;
}

/** Statuses that mean "not finished yet". Enrow documents only "ongoing"; its SDKs also wait on these. */
const RUNNING = new Set(['ongoing', 'pending', 'processing', 'queued']);

/**
 * Reads a job's current state once. Completion is read from the body, never from the
 * HTTP code: Enrow answers "ongoing" with 202 on single jobs and with 200 on bulk jobs.
 */
export async function readJob(
	context: EnrowContext,
	session: EnrowSession,
	kind: AnyJobKind,
	type: JobType,
	id: string,
	itemIndex?: number,
): Promise<JobState> {
	const body = await enrowRequest<IDataObject>(context, session, {
		method: 'GET',
		path: type === 'single' ? kind.singlePath : kind.bulkPath,
		qs: { id },
		itemIndex,
	});
	const safeBody: IDataObject = body && typeof body === 'object' ? body : {};
	const status =
		type === 'single'
			? safeBody.qualification
			: (safeBody.general as IDataObject | undefined)?.status;
	const statusText = typeof status === 'string' ? status.toLowerCase() : 'ongoing';
	return {
		done: !RUNNING.has(statusText),
		failed: statusText === 'failed',
		body: safeBody,
	};
}
