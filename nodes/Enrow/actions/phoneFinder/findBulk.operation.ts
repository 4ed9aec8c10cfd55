import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import { phoneFinderJob } from '../../../EnrowApi/jobKinds';
import type { PhoneFields } from '../../../EnrowApi/jobKinds/phoneFinder';
import { runJobs, type JobOperation } from '../../engine';
import { jobOperationProperties } from '../common.descriptions';
import { phoneFields } from './phoneFields';
import { phoneInput } from './phoneInput';

/** What this operation starts at Enrow; a paused execution resumes with it too. */
export const job: JobOperation<PhoneFields> = {
	kind: phoneFinderJob,
	input: phoneInput,
	jobType: 'bulk',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneFinder'], operation: ['findBulk'] } },
	jobOperationProperties({
		jobType: job.jobType,
		creditNotice:
			'All input items go to Enrow as one bulk phone search (jobs of 3,000). Enrow reserves 40 credits per row (50 on legacy plans) when a job starts, so your balance must cover the whole list, and refunds the rows not found. At most: unique rows × 50 credits (duplicates are searched once).',
		fields: phoneFields,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, job);
}
