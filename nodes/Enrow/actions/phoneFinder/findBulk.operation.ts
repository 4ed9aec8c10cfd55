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
	jobType: 'bulk',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneFinder'], operation: ['findBulk'] } },
	jobOperationProperties({
		jobType: job.jobType,
		toolDescription: [
			'Find mobile phone numbers with Enrow in one bulk job: every item this tool receives is one row (a LinkedIn profile URL, or a first name, last name and company).',
			'Called by an AI agent or an MCP client, each call is one row: to look up one person, prefer the single phone finder (Find a phone number). Expensive: use it only when phone numbers are what the user asked for.',
			'Cost: 40 Enrow credits per row (50 on legacy plans), reserved for every row when the job starts and refunded for the rows where nothing is found; duplicate rows are searched once.',
			'Answer: a JSON list with one result per row: found (true or false), number (or null), country, qualification ("found" or "not_found"), jobId and status.',
			TOOL_REFUSAL_NOTE,
		].join(' '),
		creditNotice:
			'40 Enrow credits per phone number found (50 on legacy plans): the job reserves them for every row when it starts and gives back the rows not found, so your balance must cover the whole list (at most: unique rows × 50 credits; duplicates are searched once).',
		fields: phoneFields,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, job);
}
