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
			'All input items go to Enrow as one bulk phone search (split into jobs of 3,000). Costs 40 credits per phone found (50 on legacy plans); duplicates are searched once.',
		fields: phoneFields,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, job);
}
