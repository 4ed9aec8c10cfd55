import type { INodeProperties } from 'n8n-workflow';

import { addressKey, emailVerifierJob, type VerifierFields } from '../../EnrowApi/jobKinds';
import { isPlausibleEmail } from '../../shared/emailSyntax';
import { readText } from '../../shared/readText';
import { readJobSettings, type JobInputReader } from '../engine';
import type { JobResource } from './jobResource';

const fields: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description:
			'The address to verify. Addresses that cannot exist (no "@", spaces...) are not sent and cost nothing: they come back as invalid with reason "syntax".',
	},
];

/** Email Verifier's input: one address per item. Addresses that cannot exist are answered without a request. */
const input: JobInputReader<VerifierFields> = {
	readInput(params, itemIndex) {
		const email = readText(params, 'email', itemIndex, {
			label: 'Email',
			required: true,
			numbersAsText: false,
			maxLength: 320,
			example: '{{ $json.email }} ("pam.beesly@dundermifflin.com")',
		})!;
		return { fields: { email }, settings: readJobSettings(params, itemIndex) };
	},

	resultWithoutRequest(fields) {
		if (isPlausibleEmail(fields.email)) return undefined;
		return {
			email: fields.email,
			qualification: 'invalid',
			valid: false,
			reason: 'syntax',
			jobId: null,
			status: 'completed',
		};
	},

	dedupeKey: (fields) => addressKey(fields.email),
};

/** Email Verifier: the Enrow node's resource for this kind of job. */
export const emailVerifierResource: JobResource<VerifierFields> = {
	resource: 'emailVerifier',
	displayName: 'Email Verifier',
	kind: emailVerifierJob,
	input,
	fields,
	operations: {
		single: {
			value: 'verify',
			name: 'Verify',
			action: 'Verify an email',
			description:
				'Check with Enrow whether an address can receive email, one check per item (0.25 credit). For a real-time answer with disposable and catch-all flags, use the ValidEmailChecker node.',
			toolDescription: [
				'Check with Enrow whether an email address is deliverable: the mailbox exists and accepts mail.',
				'Use it before sending to an address you were given or found elsewhere; to find an address you do not have, use an email finder.',
				'Parameter: the email address.',
				'Cost: 0.25 Enrow credit per address; an address that cannot exist (no "@", spaces...) is answered at once and costs nothing. Takes a few seconds.',
				'Answer: a JSON list with one result: email, valid (true = deliverable, false = do not send), qualification ("valid" or "invalid"), reason ("syntax" for an address that cannot exist), and Enrow\'s jobId and status ("completed").',
			],
			creditNotice:
				"0.25 Enrow credit per address checked, valid or not: each item's check reserves 0.25 credit when it starts, so your balance must cover every item (at most: items × 0.25 credit; an address that fails the syntax check is not sent and costs nothing).",
		},
		bulk: {
			value: 'verifyBulk',
			name: 'Verify in Bulk',
			action: 'Verify emails in bulk',
			description:
				'All items in one Enrow job (5,000 addresses a job): the cheapest way to clean a list, duplicates checked once',
			toolDescription: [
				'Check with Enrow whether email addresses are deliverable, in one bulk job: every item this tool receives is one address.',
				'Called by an AI agent or an MCP client, each call is one address: to check one address, prefer the single verifier (Verify an email).',
				'Cost: 0.25 Enrow credit per address, reserved for every address when the job starts; duplicates and addresses that cannot exist cost nothing. A bulk job can take minutes.',
				'Answer: a JSON list with one result per address: email, valid (true = deliverable), qualification ("valid" or "invalid"), reason ("syntax" for an address that cannot exist), jobId and status.',
			],
			creditNotice:
				'0.25 Enrow credit per address checked, valid or not: the job reserves 0.25 credit for every row when it starts, so your balance must cover the whole list (at most: unique addresses × 0.25 credit; duplicates and addresses that fail the syntax check cost nothing).',
		},
		getResult: {
			value: 'getResult',
			name: 'Get Result',
			action: 'Get a verification result',
			description:
				'Read, for free, the verdicts of a verification started with Wait Mode "Return Job ID Immediately", by its job ID',
			toolDescription: [
				'Read, once and without waiting, the result of an Enrow email verification started earlier. Free.',
				'Use it when an earlier answer or error named a job ID (e.g. a verification that was still running when the wait ended).',
				'Parameters: the job ID; the job type, "single" (one address) or "bulk".',
				'Answer: a JSON list: the results as the verifier gives them (email, valid, qualification, jobId, status "completed"), or one item with status "ongoing" and the progress (finished, requested) while the job still runs: ask again later.',
			],
		},
	},
};
