import type { IDataObject } from 'n8n-workflow';

import type { AnyJobKind, JobSettings } from '../../EnrowApi/jobKinds';
import { enrowFailureReason, type EnrowFailureReason } from '../../EnrowApi/transport/errors';
import type { StartJobResponse } from '../../EnrowApi/types';
import type { NodeError } from '../../shared/asNodeError';
import { retryMemory, type RetryMemoryContext } from '../../shared/retryMemory';
import type { PlannedJob } from './planJobs';

/** A job-starting request: where it goes and what it sends. */
export interface JobRequest {
	path: string;
	body: IDataObject;
}

type StartOutcome = { response: StartJobResponse } | { failure: NodeError };

/** Failures after which Enrow may have started the job and reserved its credits. */
const MAY_HAVE_STARTED = new Set<EnrowFailureReason>([
	'serverErrorStartingJob',
	'connectionBrokeStartingJob',
	'unreadableAnswer',
	'noJobId',
]);

/**
 * The job-starting requests of one run of the node, across n8n's Retry On Fail
 * (shared/retryMemory.ts): a request that started a job is not sent again, its job is read
 * instead; one that may have reached Enrow without saying which job it started fails again
 * with the same error, unsent. Refusals that cost nothing (no credits, a rejected key, a rate
 * limit, a refused form) are not remembered, so a retry sends them again.
 */
export class JobStarts {
	private readonly sent: Map<string, StartOutcome>;

	constructor(
		context: RetryMemoryContext,
		private readonly kind: AnyJobKind,
		private readonly extraSettings: JobSettings,
	) {
		this.sent = retryMemory<StartOutcome>(context, 'enrowJobStarts');
	}

	requestOf(job: PlannedJob<unknown>): JobRequest {
		const settings = { ...job.settings, ...this.extraSettings };
		const body =
			job.jobType === 'single'
				? this.kind.singleBody(job.rows[0].fields, settings, job.rows[0].references)
				: this.kind.bulkBody(job.rows, settings);
		return { path: this.kind.paths[job.jobType], body };
	}

	/** What an earlier try of this node run got for the same request, if it was sent. */
	earlier(request: JobRequest): StartOutcome | undefined {
		return this.sent.get(keyOf(request));
	}

	/** The planned jobs no earlier try of this node run has sent. */
	notSentBefore<Fields>(plan: Array<PlannedJob<Fields>>): Array<PlannedJob<Fields>> {
		return plan.filter((job) => this.earlier(this.requestOf(job)) === undefined);
	}

	started(request: JobRequest, response: StartJobResponse): void {
		this.sent.set(keyOf(request), { response });
	}

	failed(request: JobRequest, failure: NodeError): void {
		const reason = enrowFailureReason(failure);
		if (reason && MAY_HAVE_STARTED.has(reason)) this.sent.set(keyOf(request), { failure });
	}
}

function keyOf(request: JobRequest): string {
	return `${request.path} ${JSON.stringify(request.body)}`;
}
