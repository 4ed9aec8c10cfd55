import { updateDisplayOptions, type IExecuteFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { emailFinderJob } from '../../../EnrowApi/jobKinds';
import type { FinderFields } from '../../../EnrowApi/jobKinds/emailFinder';
import { resumeJobs, runJobs, type JobOperation } from '../../engine';
import { jobOperationProperties } from '../common.descriptions';
import { finderFields, finderOptions } from './finderFields';
import { finderInput } from './finderInput';

const operation: JobOperation<FinderFields> = {
	kind: emailFinderJob,
	input: finderInput,
	jobType: 'single',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['emailFinder'], operation: ['find'] } },
	jobOperationProperties({
		jobType: operation.jobType,
		creditNotice: 'Costs 1 Enrow credit per email found. Searches that find nothing are refunded.',
		fields: finderFields,
		options: finderOptions,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, operation);
}

/** Wait mode "Pause and resume": Enrow's call to the resume URL. */
export async function webhook(this: IWebhookFunctions) {
	return await resumeJobs(this, operation);
}
