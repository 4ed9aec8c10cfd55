import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import { emailFinderJob } from '../../../EnrowApi/jobKinds';
import type { FinderFields } from '../../../EnrowApi/jobKinds/emailFinder';
import { runJobs, type JobOperation } from '../../engine';
import { jobOperationProperties } from '../common.descriptions';
import { finderFields, finderOptions } from './finderFields';
import { finderInput } from './finderInput';

/** What this operation starts at Enrow; a paused execution resumes with it too. */
export const job: JobOperation<FinderFields> = {
	kind: emailFinderJob,
	input: finderInput,
	jobType: 'single',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['emailFinder'], operation: ['find'] } },
	jobOperationProperties({
		jobType: job.jobType,
		creditNotice:
			'Costs 1 Enrow credit per email found: Enrow reserves 1 credit per search when it starts and refunds it when nothing is found. At most: items × 1 credit.',
		fields: finderFields,
		options: finderOptions,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, job);
}
