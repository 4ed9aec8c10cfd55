import { updateDisplayOptions, type IExecuteFunctions, type IWebhookFunctions } from 'n8n-workflow';

import { phoneFinderJob } from '../../../EnrowApi/jobKinds';
import type { PhoneFields } from '../../../EnrowApi/jobKinds/phoneFinder';
import { resumeJobs, runJobs, type JobOperation } from '../../engine';
import { jobOperationProperties } from '../common.descriptions';
import { phoneFields } from './phoneFields';
import { phoneInput } from './phoneInput';

const operation: JobOperation<PhoneFields> = {
	kind: phoneFinderJob,
	input: phoneInput,
	jobType: 'single',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneFinder'], operation: ['find'] } },
	jobOperationProperties({
		jobType: operation.jobType,
		creditNotice:
			'Costs 40 Enrow credits per phone number found (50 on legacy plans). Searches that find nothing are refunded.',
		fields: phoneFields,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, operation);
}

/** Wait mode "Pause and resume": Enrow's call to the resume URL. */
export async function webhook(this: IWebhookFunctions) {
	return await resumeJobs(this, operation);
}
