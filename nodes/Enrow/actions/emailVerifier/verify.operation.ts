import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import { emailVerifierJob } from '../../../EnrowApi/jobKinds';
import type { VerifierFields } from '../../../EnrowApi/jobKinds/emailVerifier';
import { runJobs, type JobOperation } from '../../engine';
import { jobOperationProperties } from '../common.descriptions';
import { verifierFields } from './verifierFields';
import { verifierInput } from './verifierInput';

/** What this operation starts at Enrow; a paused execution resumes with it too. */
export const job: JobOperation<VerifierFields> = {
	kind: emailVerifierJob,
	input: verifierInput,
	jobType: 'single',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['emailVerifier'], operation: ['verify'] } },
	jobOperationProperties({
		jobType: job.jobType,
		creditNotice:
			'Costs 0.25 Enrow credit per address checked. At most: items × 0.25 credit. Addresses that fail the syntax check are not sent and cost nothing.',
		fields: verifierFields,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, job);
}
