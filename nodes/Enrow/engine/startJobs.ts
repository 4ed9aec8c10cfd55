import type { JobSettings } from '../../EnrowApi/jobKinds';
import { startJob } from '../../EnrowApi/startJob';
import type { EnrowContext, EnrowSession } from '../../EnrowApi/transport';
import type { StartJobResponse } from '../../EnrowApi/types';
import { asNodeError } from '../../shared/asNodeError';
import { mapWithConcurrency } from '../../shared/mapWithConcurrency';
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
 * is started.
 */
export async function startJobs<Fields>(
	context: EnrowContext,
	session: EnrowSession,
	run: PreparedRun<Fields>,
	extraSettings: JobSettings = {},
): Promise<{ started: Array<StartedJob<Fields>>; stopped: boolean }> {
	const { kind } = run.operation;
	let stopped = false;
	const parallel = run.plan[0]?.jobType === 'single' ? PARALLEL_SINGLE_STARTS : 1;
	const started = await mapWithConcurrency(run.plan, parallel, async (job) => {
		if (stopped) return undefined;
		const settings = { ...job.settings, ...extraSettings };
		try {
			const response = await startJob(context, session, {
				kind,
				jobType: job.jobType,
				body:
					job.jobType === 'single'
						? kind.singleBody(job.rows[0].fields, settings, job.rows[0].references)
						: kind.bulkBody(job.rows, settings),
				itemIndex: job.itemIndexes[0],
				itemsLabel: describeItems(job.itemIndexes),
			});
			const startedJob: StartedJob<Fields> = { plan: job, jobId: response.id, response };
			return startedJob;
		} catch (error) {
			const failure = asNodeError(context, error, job.itemIndexes[0]);
			for (const itemIndex of job.itemIndexes) run.outcomes.fail(itemIndex, failure);
			if (!run.continueOnFail) stopped = true;
			return undefined;
		}
	});
	return {
		started: started.filter((job): job is StartedJob<Fields> => job !== undefined),
		stopped,
	};
}
