import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import { emailVerifierJob } from '../../../EnrowApi/jobKinds';
import type { VerifierFields } from '../../../EnrowApi/jobKinds/emailVerifier';
import { runJobs, type JobOperation } from '../../engine';
import { jobOperationProperties, TOOL_REFUSAL_NOTE } from '../common.descriptions';
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
		toolDescription: [
			'Check with Enrow whether an email address is deliverable: the mailbox exists and accepts mail.',
			'Use it before sending to an address you were given or found elsewhere; to find an address you do not have, use an email finder.',
			'Parameter: the email address.',
			'Cost: 0.25 Enrow credit per address; an address that cannot exist (no "@", spaces...) is answered at once and costs nothing. Takes a few seconds.',
			'Answer: a JSON list with one result: email, valid (true = deliverable, false = do not send), qualification ("valid" or "invalid"), reason ("syntax" for an address that cannot exist), and Enrow\'s jobId and status ("completed").',
			TOOL_REFUSAL_NOTE,
		].join(' '),
		creditNotice:
			"0.25 Enrow credit per address checked, valid or not: each item's check reserves 0.25 credit when it starts, so your balance must cover every item (at most: items × 0.25 credit; an address that fails the syntax check is not sent and costs nothing).",
		fields: verifierFields,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, job);
}
