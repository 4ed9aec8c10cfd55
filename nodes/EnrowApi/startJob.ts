import type { IDataObject } from 'n8n-workflow';

import type { AnyJobKind, JobType } from './jobKinds';
import type { EnrowAnswer, EnrowCall, EnrowClient } from './transport';
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
 * The request that starts one Enrow job: a paid POST, paced and never repeated once it may have
 * reached Enrow (the client's rules, nodes/EnrowApi/transport/index.ts).
 */
export function jobStartCall(job: JobToStart): EnrowCall {
	return {
		method: 'POST',
		path: job.kind.paths[job.jobType],
		body: job.body,
		itemIndex: job.itemIndex,
		itemsLabel: job.itemsLabel,
	};
}

/**
 * The started job in Enrow's answer to `call`. An answer without a job ID is not taken for a
 * job start: the error says a job may exist, since Enrow may have started one and reserved its
 * credits.
 */
export function startedJobOf(
	client: EnrowClient,
	call: EnrowCall,
	answer: EnrowAnswer,
): StartJobResponse {
	const id = jobIdOf(answer.body);
	if (id === undefined) {
		const { method, path, itemIndex, itemsLabel } = call;
		const failed = { method, path, itemIndex, itemsLabel, attempts: 1, waitedMs: 0 };
		throw enrowNoJobIdError(client.context.getNode(), failed, answer.body, client.redact);
	}
	return { ...(answer.body as StartJobResponse), id };
}
