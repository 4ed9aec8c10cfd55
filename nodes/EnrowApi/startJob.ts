import type { IDataObject } from 'n8n-workflow';

import type { AnyJobKind, JobType } from './jobKinds';
import { enrowRequest, type EnrowContext, type EnrowSession } from './transport';
import { enrowNoJobIdError } from './transport/errors';
import type { StartJobResponse } from './types';

export interface JobToStart {
	kind: AnyJobKind;
	jobType: JobType;
	body: IDataObject;
	/** The first input item the job serves, and all of them as words, for error messages. */
	itemIndex: number;
	itemsLabel: string;
}

/** The job ID in Enrow's answer to starting a job, as the node reads it; undefined when there is none. */
export function jobIdOf(answer: unknown): string | undefined {
	if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return undefined;
	const { id } = answer as { id?: unknown };
	if (typeof id === 'number' && Number.isFinite(id)) return String(id);
	return typeof id === 'string' && id.trim() ? id.trim() : undefined;
}

/**
 * Starts one Enrow job (a paid request, paced and never repeated once it may have reached
 * Enrow). An answer without a job ID is not taken for a job start: the error says a job
 * may exist, since Enrow may have started one and reserved its credits.
 */
export async function startJob(
	context: EnrowContext,
	session: EnrowSession,
	job: JobToStart,
): Promise<StartJobResponse> {
	const call = {
		method: 'POST' as const,
		path: job.kind.paths[job.jobType],
		itemIndex: job.itemIndex,
		itemsLabel: job.itemsLabel,
	};
	const answer = await enrowRequest<unknown>(context, session, { ...call, body: job.body });
	const id = jobIdOf(answer);
	if (id === undefined) {
		const failed = { ...call, attempts: 1, waitedMs: 0 };
		throw enrowNoJobIdError(context.getNode(), failed, answer, session.redact);
	}
	return { ...(answer as StartJobResponse), id };
}
