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
	jobType: 'bulk',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['emailFinder'], operation: ['findBulk'] } },
	jobOperationProperties({
		jobType: job.jobType,
		creditNotice:
			'All input items go to Enrow as one bulk search (jobs of 5,000). Enrow reserves 1 credit per row when a job starts, so your balance must cover the whole list, and refunds the rows not found. At most: unique rows × 1 credit (duplicates are searched once).',
		fields: finderFields,
		options: finderOptions,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, job);
}
