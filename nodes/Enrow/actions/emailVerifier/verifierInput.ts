import { addressKey, type VerifierFields } from '../../../EnrowApi/jobKinds/emailVerifier';
import { isPlausibleEmail } from '../../../shared/emailSyntax';
import { readText } from '../../../shared/readText';
import { readJobSettings, type JobInputReader } from '../../engine';

/** Email Verifier's input: one address per item. Addresses that cannot exist are answered without a request. */
export const verifierInput: JobInputReader<VerifierFields> = {
	getResultLabel: 'Email Verifier → Get Result',

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
