import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { jobCredits } from '../../EnrowApi/jobAnswer';
import type { ItemOutcomes } from './itemOutcomes';
import type { StartedJob } from './startJobs';
import type { JobOutcome } from './waitForJobs';

/**
 * Output Mode "Summary": one item for the whole run, with the job IDs, counts per
 * outcome, credits and every item's result in input order. Paired with all input items.
 */
export function summaryItem(
	itemCount: number,
	outcomes: ItemOutcomes,
	jobs: Array<StartedJob<unknown>>,
	results: Map<string, JobOutcome>,
): INodeExecutionData {
	const perItem = outcomes.jsonInOrder();
	const byQualification: IDataObject = {};
	let errors = 0;
	for (const json of perItem) {
		if (json.error !== undefined) errors++;
		const key = typeof json.qualification === 'string' ? json.qualification : json.status;
		if (typeof key === 'string') byQualification[key] = ((byQualification[key] as number) ?? 0) + 1;
	}

	let credits = 0;
	let creditsKnown = jobs.length > 0;
	for (const { jobId } of jobs) {
		const outcome = results.get(jobId);
		const cost = outcome && outcome.state === 'completed' ? jobCredits(outcome.body) : undefined;
		if (cost === undefined) creditsKnown = false;
		else credits += cost;
	}
	const statuses = jobs.map(({ jobId }) => results.get(jobId)?.state ?? 'ongoing');
	const status = statuses.every((state) => state === 'completed')
		? 'completed'
		: statuses.some((state) => state === 'timedOut' || state === 'ongoing')
			? 'ongoing'
			: 'failed';

	return {
		json: {
			status,
			jobIds: jobs.map(({ jobId }) => jobId),
			stats: {
				items: itemCount,
				rowsSent: jobs.reduce((sum, job) => sum + job.plan.rows.length, 0),
				errors,
				byQualification,
			},
			creditsSpent: creditsKnown ? credits : null,
			results: perItem,
		},
		pairedItem: Array.from({ length: itemCount }, (_, item) => ({ item })),
	};
}
