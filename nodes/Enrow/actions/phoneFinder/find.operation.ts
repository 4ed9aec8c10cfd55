import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import { phoneFinderJob } from '../../../EnrowApi/jobKinds';
import type { PhoneFields } from '../../../EnrowApi/jobKinds/phoneFinder';
import { runJobs, type JobOperation } from '../../engine';
import { jobOperationProperties, TOOL_REFUSAL_NOTE } from '../common.descriptions';
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
		toolDescription: [
			"Find a person's mobile phone number with Enrow, from their LinkedIn profile URL (best) or their first name, last name and company.",
			'Expensive: use it only when a phone number is what the user asked for.',
			'Parameters: the LinkedIn profile URL (e.g. "https://www.linkedin.com/in/michael-scott"); or the first name, last name and the company\'s domain or name. Fill in the ones this tool asks for (its Find Person By setting decides which); leave any you do not use empty.',
			'Cost: 40 Enrow credits per number found (50 on legacy plans); nothing when none is found (refunded). Takes a few seconds to a minute.',
			'Answer: a JSON list with one result: found (true or false), number (or null), country, qualification ("found" or "not_found"), and Enrow\'s jobId and status ("completed").',
			TOOL_REFUSAL_NOTE,
		].join(' '),
		creditNotice:
			"40 Enrow credits per phone number found (50 on legacy plans): each item's search reserves them when it starts and gets them back when nothing is found, so your balance must cover every item (at most: items × 50 credits).",
		fields: phoneFields,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, job);
}
