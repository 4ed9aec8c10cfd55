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
	jobType: 'bulk',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['emailVerifier'], operation: ['verifyBulk'] } },
	jobOperationProperties({
		jobType: job.jobType,
		toolDescription: [
			'Check with Enrow whether email addresses are deliverable, in one bulk job: every item this tool receives is one address.',
			'Called by an AI agent or an MCP client, each call is one address: to check one address, prefer the single verifier (Verify an email).',
			'Cost: 0.25 Enrow credit per address, reserved for every address when the job starts; duplicates and addresses that cannot exist cost nothing. A bulk job can take minutes.',
			'Answer: a JSON list with one result per address: email, valid (true = deliverable), qualification ("valid" or "invalid"), reason ("syntax" for an address that cannot exist), jobId and status.',
			TOOL_REFUSAL_NOTE,
		].join(' '),
		creditNotice:
			'0.25 Enrow credit per address checked, valid or not: the job reserves 0.25 credit for every row when it starts, so your balance must cover the whole list (at most: unique addresses × 0.25 credit; duplicates and addresses that fail the syntax check cost nothing).',
		fields: verifierFields,
	}),
);

export async function execute(this: IExecuteFunctions) {
	return await runJobs(this, job);
}
