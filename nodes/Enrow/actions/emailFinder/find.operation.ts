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
	jobType: 'single',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['emailFinder'], operation: ['find'] } },
	jobOperationProperties({
		jobType: job.jobType,
		toolDescription: [
			"Find a person's professional (work) email address with Enrow, from their full name and their company.",
			'Use it when you know who someone is and where they work but not their email address.',
			'Parameters: the full name (e.g. "Dwight Schrute"); the company\'s website domain (e.g. "dundermifflin.com"; best results; a URL works too); the company name (e.g. "Dunder Mifflin"), used when no domain is known. Give the domain or the name; leave the other empty.',
			'Cost: 1 Enrow credit when an email is found; nothing when none is found (the credit reserved for the search is refunded). Usually takes a few seconds, sometimes up to a minute.',
			'Answer: a JSON list with one result: found (true or false), email (the address, or null), qualification ("valid" when found, "invalid" when not), firstName, lastName, fullName, companyDomain, companyName, and Enrow\'s jobId and status ("completed").',
			TOOL_REFUSAL_NOTE,
		].join(' '),
		creditNotice:
			"1 Enrow credit per email found: each item's search reserves 1 credit when it starts and gets it back when nothing is found, so your balance must cover every item (at most: items × 1 credit).",
		fields: finderFields,
		options: finderOptions,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, job);
}
