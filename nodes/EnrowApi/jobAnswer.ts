import type { IDataObject } from 'n8n-workflow';

import {
	referencesInCustom,
	type AnyJobKind,
	type BulkJobResult,
	type BulkRow,
	type JobType,
} from './jobKinds';
import type { JobState } from './readJob';

/** A result of a job: a single job's answer, or one row of a bulk job's results. */
export interface JobResult {
	/** The node's row key Enrow echoed with a bulk row (`BulkRow.ref`); undefined when it has none. */
	ref: string | undefined;
	/** Enrow's own result, as it came: the output when Simplify is off. */
	raw: IDataObject;
	/** The row references Enrow echoed for it (jobKinds/rowReferences.ts), in input order. */
	references(): string[];
	/** The simplified output; `fields` are what was sent for it, when known. */
	simplified(fields?: unknown): IDataObject;
}

/** What one of Enrow's answers says of a job, read once for the engine, Get Result and the trigger. */
export interface JobAnswer {
	status: 'completed' | 'ongoing' | 'failed';
	/** A bulk job's rows done and asked for, when Enrow gives them. */
	progress: { finished?: number; requested?: number };
	/** What a finished bulk job cost, when Enrow gives it. */
	credits: number | undefined;
	/** A single job's answer as one result, or a bulk job's result rows (none when Enrow sent none). */
	results: JobResult[];
	/** The whole answer, as it came. */
	raw: IDataObject;
}

/** The job an answer is about; `sentRows` are a bulk job's rows in sent order, when known. */
export interface AnsweredJob {
	kind: AnyJobKind;
	jobType: JobType;
	jobId: string;
	sentRows?: Array<BulkRow<unknown>>;
}

/** Credits a finished bulk job cost: a number on verifier and phone jobs, `{ final }` on finder jobs. */
export function jobCredits(body: Partial<BulkJobResult<unknown>> | undefined): number | undefined {
	const cost = body?.stats?.credits_cost;
	if (typeof cost === 'number') return cost;
	if (typeof cost?.final === 'number') return cost.final;
	return undefined;
}

/** The result rows of a bulk job's answer (none when Enrow sent none). */
function bulkResultRows<Row>(body: IDataObject): Row[] {
	const { results } = body as Partial<BulkJobResult<Row>>;
	return Array.isArray(results) ? results.filter((row) => row && typeof row === 'object') : [];
}

function singleResult(job: AnsweredJob, body: IDataObject): JobResult {
	return {
		ref: undefined,
		raw: body,
		references: () => referencesInCustom(body.custom),
		simplified: (fields) => ({
			...job.kind.simplify(body, 'single', fields),
			jobId: job.jobId,
			status: 'completed',
		}),
	};
}

function rowResult(job: AnsweredJob, body: IDataObject, row: IDataObject): JobResult {
	return {
		ref: job.kind.resultRowRef(row, job.sentRows ?? []),
		raw: row,
		references: () => job.kind.resultRowReferences(row, body),
		simplified: (fields) => ({
			...job.kind.simplify(row, 'bulk', fields),
			jobId: job.jobId,
			status: 'completed',
		}),
	};
}

/** Reads a job's answer: its status (from `state`), progress, credits and results. */
export function readJobAnswer(
	job: AnsweredJob,
	state: Pick<JobState, 'done' | 'failed' | 'body'>,
): JobAnswer {
	const { body } = state;
	const stats = (body as Partial<BulkJobResult<unknown>>).stats ?? {};
	const progress: JobAnswer['progress'] = {};
	if (stats.finished !== undefined) progress.finished = stats.finished;
	if (stats.requested !== undefined) progress.requested = stats.requested;
	return {
		status: state.failed ? 'failed' : state.done ? 'completed' : 'ongoing',
		progress,
		credits: jobCredits(body),
		results:
			job.jobType === 'single'
				? [singleResult(job, body)]
				: bulkResultRows<IDataObject>(body).map((row) => rowResult(job, body, row)),
		raw: body,
	};
}

/**
 * A bulk job's results by the row key Enrow echoed; a row Enrow answered twice counts once,
 * its first answer.
 */
export function resultsByRef(results: JobResult[]): Map<string, JobResult> {
	const byRef = new Map<string, JobResult>();
	for (const result of results) {
		if (result.ref !== undefined && !byRef.has(result.ref)) byRef.set(result.ref, result);
	}
	return byRef;
}

/** Reads the answer of a job known to be finished: a completed job's results, or a notification's. */
export function readFinishedJob(job: AnsweredJob, body: IDataObject): JobAnswer {
	return readJobAnswer(job, { done: true, failed: false, body });
}
