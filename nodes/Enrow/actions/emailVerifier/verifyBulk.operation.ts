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
	jobType: 'bulk',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['emailVerifier'], operation: ['verifyBulk'] } },
	jobOperationProperties({
		jobType: job.jobType,
		creditNotice:
			'All input items go to Enrow as one bulk verification (jobs of 5,000). Costs 0.25 credit per address, reserved for every row when a job starts. At most: unique addresses × 0.25 credit (duplicates and impossible addresses cost nothing).',
		fields: verifierFields,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, job);
}
