import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import { emailFinderJob } from '../../../EnrowApi/jobKinds';
import type { FinderFields } from '../../../EnrowApi/jobKinds/emailFinder';
import { runJobs, type JobOperation } from '../../engine';
import { jobOperationProperties, TOOL_REFUSAL_NOTE } from '../common.descriptions';
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
		toolDescription: [
			'Find work email addresses with Enrow in one bulk job: every item this tool receives is one row (a full name, and a company domain or company name).',
			'Called by an AI agent or an MCP client, each call is one row: to look up one person, prefer the single email finder (Find an email).',
			'Cost: 1 Enrow credit per row, reserved for every row when the job starts and refunded for the rows where nothing is found; duplicate rows are searched once. A bulk job can take minutes.',
			'Answer: a JSON list with one result per row: found (true or false), email (or null), qualification, firstName, lastName, fullName, companyDomain, companyName, jobId and status.',
			TOOL_REFUSAL_NOTE,
		].join(' '),
		creditNotice:
			'1 Enrow credit per email found: the job reserves 1 credit for every row when it starts and gives back the rows not found, so your balance must cover the whole list (at most: unique rows × 1 credit; duplicates are searched once).',
		fields: finderFields,
		options: finderOptions,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, job);
}
