import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import { phoneFinderJob } from '../../../EnrowApi/jobKinds';
import { getJobResults } from '../../engine';
import { getResultProperties } from '../common.descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneFinder'], operation: ['getResult'] } },
	getResultProperties(
		[
			'Read, once and without waiting, the result of an Enrow phone search started earlier. Free.',
			'Use it when an earlier answer or error named a job ID (e.g. a search that was still running when the wait ended).',
			'Parameters: the job ID; the job type, "single" (one search) or "bulk".',
			'Answer: a JSON list: the results as the phone finder gives them (found, number, country, qualification, jobId, status "completed"), or one item with status "ongoing" and the progress (finished, requested) while the job still runs: ask again later.',
		].join(' '),
	),
);

/** Reads each item's job once, by Job ID and Job Type, without waiting. */
export async function execute(this: IExecuteFunctions) {
	return await getJobResults(this, phoneFinderJob);
}
