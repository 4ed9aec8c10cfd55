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
	jobType: 'single',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneFinder'], operation: ['find'] } },
	jobOperationProperties({
		jobType: job.jobType,
		creditNotice:
			'Costs 40 Enrow credits per phone number found (50 on legacy plans), reserved when the search starts and refunded when nothing is found. At most: items × 50 credits.',
		fields: phoneFields,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, job);
}
