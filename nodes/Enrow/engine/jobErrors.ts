import { NodeOperationError, type INode } from 'n8n-workflow';

import type { BulkJobResult, JobType } from '../../EnrowApi/jobKinds';
import { affectedText, enrowFailureReason } from '../../EnrowApi/transport/errors';
import type { NodeError } from '../../shared/asNodeError';
import { describeItems } from './planJobs';
import type { JobOutcome } from './waitForJobs';

/** What an error about one Enrow job names: the job, its input items, and where to read it later. */
export interface JobInQuestion {
	node: INode;
	/** "email search", "email verification", "phone search". */
	noun: string;
	getResultLabel: string;
	jobId: string;
	jobType: JobType;
	/** The input items the error is about (all of the job's, or one row's duplicates). */
	itemIndexes: number[];
}

/** Which items and which Enrow job an error is about: for the description, never the title. */
function affected(job: JobInQuestion, detail = ''): string {
	return affectedText(`${describeItems(job.itemIndexes)}${detail}, Enrow job ${job.jobId}`);
}

/** "45 seconds", "30 minutes": how long a run waited. */
export function waitedText(timeoutMs: number): string {
	return timeoutMs < 90_000
		? `${Math.round(timeoutMs / 1000)} seconds`
		: `${Math.round((timeoutMs / 60_000) * 10) / 10} minutes`;
}

function timeoutError(
	job: JobInQuestion,
	timeoutMs: number,
	last: {
		progress?: Partial<BulkJobResult<unknown>>;
		readError?: NodeError;
		/** `the status "queued"`: what Enrow last reported, when its docs do not list it. */
		unknownStatus?: string;
	} = {},
): NodeOperationError {
	const readLater = `Read its result later with "${job.getResultLabel}" (Job ID ${job.jobId}, Job Type ${job.jobType})`;
	if (last.readError && enrowFailureReason(last.readError) === 'unknownJob') {
		return new NodeOperationError(
			job.node,
			`Enrow kept answering that it cannot find the ${job.noun} for ${waitedText(timeoutMs)}`,
			{
				itemIndex: job.itemIndexes[0],
				description: `${affected(job)} This run started the job, so it exists; Enrow answers this way for a moment sometimes, and for a job that failed. Its credits may be spent or refunded: before running these items again, ${readLater.charAt(0).toLowerCase()}${readLater.slice(1)}, or check the job in app.enrow.io. Last answer: ${last.readError.message}.`,
			},
		);
	}
	if (last.readError) {
		return new NodeOperationError(
			job.node,
			`Could not read Enrow's result of the ${job.noun} within ${waitedText(timeoutMs)}`,
			{
				itemIndex: job.itemIndexes[0],
				description: `${affected(job)} The job was started and keeps running at Enrow; reading it kept failing (reading is free and was repeated until the timeout). Last answer: ${last.readError.message}. ${readLater}.`,
			},
		);
	}
	const stats = last.progress?.stats;
	const done =
		stats && typeof stats.finished === 'number' && typeof stats.requested === 'number'
			? ` (${stats.finished} of ${stats.requested} rows done)`
			: '';
	if (last.unknownStatus) {
		return new NodeOperationError(
			job.node,
			`Enrow reported ${last.unknownStatus} for the ${job.noun} until the timeout (${waitedText(timeoutMs)})`,
			{
				itemIndex: job.itemIndexes[0],
				description: `${affected(job, done)} Enrow's docs do not list ${last.unknownStatus} as finished or failed, so the node took the job as still running and kept reading it (free) until "Timeout (Minutes)". No credits are lost. ${readLater}; if Enrow keeps answering this, check the job in app.enrow.io and report it to Enrow support with the job ID.`,
			},
		);
	}
	return new NodeOperationError(
		job.node,
		`Enrow has not finished the ${job.noun} after ${waitedText(timeoutMs)}`,
		{
			itemIndex: job.itemIndexes[0],
			description: `${affected(job, done)} No credits are lost: the job keeps running at Enrow. ${readLater}, or raise "Timeout (Minutes)".`,
		},
	);
}

function failedJobError(job: JobInQuestion): NodeOperationError {
	return new NodeOperationError(job.node, `Enrow reports that the ${job.noun} failed`, {
		itemIndex: job.itemIndexes[0],
		description: `${affected(job)} Enrow could not run this job. Credits reserved for unfinished rows are refunded by Enrow. Run these items again, and contact Enrow support with the job ID if it keeps failing.`,
	});
}

export function missingRowError(job: JobInQuestion): NodeOperationError {
	return new NodeOperationError(job.node, `Enrow's results have no row for this ${job.noun}`, {
		itemIndex: job.itemIndexes[0],
		description: `${affected(job)} The job finished but left this ${job.noun} out. Run these items again; if it keeps happening, contact Enrow support with the job ID.`,
	});
}

/** Maps a job's wait outcome to an error and the status its items carry, or undefined when the job completed. */
export function outcomeError(
	job: JobInQuestion,
	outcome: JobOutcome | undefined,
	timeoutMs: number,
): { error: NodeError; status: string } | undefined {
	if (!outcome || outcome.state === 'timedOut') {
		const last = {
			progress: outcome?.body,
			readError: outcome?.lastReadError,
			unknownStatus: outcome?.unknownStatus,
		};
		return { error: timeoutError(job, timeoutMs, last), status: 'ongoing' };
	}
	if (outcome.state === 'failed') return { error: failedJobError(job), status: 'failed' };
	// A read Enrow refused (a rejected key, say): the job itself may still be running.
	if (outcome.state === 'error') return { error: outcome.error, status: 'ongoing' };
	return undefined;
}
