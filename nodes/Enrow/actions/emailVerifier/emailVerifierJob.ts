import { isPlausibleEmail } from '../../../shared/emailSyntax';
import type { VerifierBulkRow, VerifierSingleResult } from '../../helpers/interfaces';
import { readText } from '../../../shared/readText';
import type { ItemParameters, JobKind } from '../../jobs/jobKind';
import { jobSettings, withSettings } from '../../jobs/jobSettings';

export interface VerifierFields {
	email: string;
}

function addressKey(email: string): string {
	return email.trim().toLowerCase();
}

/**
 * Email Verifier: `/email/verify/single` and `/email/verify/bulk`. 0.25 credit per check.
 * Bulk rows carry no reference of ours (their `index` is a UUID Enrow makes up), so rows
 * are matched back to items by address.
 */
export const emailVerifierJob: JobKind<VerifierFields, VerifierSingleResult, VerifierBulkRow> = {
	noun: 'email verification',
	getResultLabel: 'Email Verifier → Get a verification result',
	singlePath: '/email/verify/single',
	bulkPath: '/email/verify/bulk',
	bulkLimit: 5000,

	readInput(context: ItemParameters, itemIndex: number) {
		const email = readText(context, 'email', itemIndex, {
			label: 'Email',
			required: true,
			numbersAsText: false,
			maxLength: 320,
			example: '{{ $json.email }} ("pam.beesly@dundermifflin.com")',
		})!;
		return { fields: { email }, settings: jobSettings(context, itemIndex) };
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
	rowRef: (fields) => addressKey(fields.email),

	singleBody(fields, settings) {
		return withSettings({ email: fields.email }, settings);
	},

	bulkBody(rows, settings) {
		return withSettings({ emails: rows.map((row) => row.fields.email) }, settings);
	},

	resultRowRef(row) {
		return typeof row.email === 'string' ? addressKey(row.email) : undefined;
	},

	simplifySingle(result, fields, jobId) {
		return {
			email: result.email ?? fields?.email ?? null,
			qualification: result.qualification,
			valid: result.qualification === 'valid',
			jobId,
			status: 'completed',
		};
	},

	simplifyRow(row, fields, jobId) {
		return {
			email: fields?.email ?? row.email,
			qualification: row.qualification,
			valid: row.qualification === 'valid',
			jobId,
			status: 'completed',
		};
	},
};
