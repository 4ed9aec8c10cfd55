/** Enrow's control requests: `POST /__sim/complete-jobs` and `GET /__sim/jobs/:id`. */
import { json, type Reply, type RequestContext } from '../core/http';
import { completeAllJobs, jobSummary } from './jobs';
import type { EnrowState } from './state';
import type { JobDetails } from './types';

export function jobDetails(state: EnrowState, id: string): JobDetails | undefined {
	const job = state.jobs.get(id);
	if (!job) return undefined;
	return {
		...jobSummary(job),
		custom: job.custom,
		failed: job.failOnCompletion,
		reserved: job.reserved,
		refunded: job.refunded,
		input: job.input,
		results: job.rows,
	};
}

/** The answer to one of Enrow's control requests, or undefined for any other. */
export function enrowControl(ctx: RequestContext, state: EnrowState): Reply | undefined {
	if (ctx.method === 'POST' && ctx.path === '/__sim/complete-jobs') {
		return json(200, { ok: true, completed: completeAllJobs(state) });
	}
	const jobId = ctx.method === 'GET' ? /^\/__sim\/jobs\/([^/]+)$/.exec(ctx.path)?.[1] : undefined;
	if (!jobId) return undefined;
	const details = jobDetails(state, decodeURIComponent(jobId));
	return details ? json(200, details) : json(404, { message: 'Job not found' });
}
