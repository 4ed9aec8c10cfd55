import { jobStartCall, startedJobOf } from '../../EnrowApi/startJob';
import type { EnrowClient } from '../../EnrowApi/transport';
import type { StartJobResponse } from '../../EnrowApi/types';
import { asNodeError, type NodeError } from '../../shared/asNodeError';
import { mapWithConcurrency } from '../../shared/mapWithConcurrency';
import type { JobStarts } from './jobStarts';
import { describeItems, type PlannedJob } from './planJobs';
import type { PreparedRun } from './prepareRun';

export interface StartedJob<Fields> {
	plan: PlannedJob<Fields>;
	jobId: string;
	response: StartJobResponse;
}

/**
 * Requests in flight while starting single jobs; the POST pacer keeps them under Enrow's
 * 10 per second. Bulk jobs start one after the other, so a refusal (no credits) stops the
 * run before the next job reserves anything.
 */
const PARALLEL_SINGLE_STARTS = 10;

/**
 * Starts the planned jobs. A job that cannot start fails its items only; without
 * Continue On Fail the first such failure stops the run (`stopped`), and no further job
 * is started. A request an earlier try of this node run already sent (n8n's Retry On Fail)
 * is not sent again: its job is taken over, or its failure repeated (jobStarts.ts).
 */
export async function startJobs<Fields>(
	client: EnrowClient,
	run: PreparedRun<Fields>,
	starts: JobStarts,
): Promise<{ started: Array<StartedJob<Fields>>; stopped: boolean }> {
	const { kind } = run.operation;
	let stopped = false;
	const parallel = run.plan[0]?.jobType === 'single' ? PARALLEL_SINGLE_STARTS : 1;
	const fail = (job: PlannedJob<Fields>, failure: NodeError) => {
		for (const itemIndex of job.itemIndexes) run.outcomes.fail(itemIndex, failure);
		if (!run.continueOnFail) stopped = true;
		return undefined;
	};
	const started = await mapWithConcurrency(run.plan, parallel, async (job) => {
		if (stopped) return undefined;
		const request = starts.requestOf(job);
		const earlier = starts.earlier(request);
		if (earlier && 'failure' in earlier) return fail(job, earlier.failure);
		try {
			let response = earlier?.response;
			if (!response) {
				const call = jobStartCall({
					kind,
					jobType: job.jobType,
					body: request.body,
					itemIndex: job.itemIndexes[0],
					itemsLabel: describeItems(job.itemIndexes),
				});
				response = startedJobOf(client, call, await client.request(call));
			}
			starts.started(request, response);
			const startedJob: StartedJob<Fields> = { plan: job, jobId: response.id, response };
			return startedJob;
		} catch (error) {
			const failure = asNodeError(client.context, error, job.itemIndexes[0]);
			starts.failed(request, failure);
			return fail(job, failure);
		}
	});
	return {
		started: started.filter((job): job is StartedJob<Fields> => job !== undefined),
		stopped,
	};
}
