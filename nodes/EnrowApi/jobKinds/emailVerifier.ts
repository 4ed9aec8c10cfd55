import type { IDataObject } from 'n8n-workflow';

import { batchReferencesCustom, batchReferencesOf, singleJobCustom } from './rowReferences';
import type { BulkJobResult, VerifierBulkRow, VerifierSingleResult } from './answers';
import { withCustom, withSettings, type EnrowJobKind } from './jobKind';

/** What an email verification sends. */
export interface VerifierFields {
	email: string;
}

/** How Enrow's verifier rows are told apart: the address, whatever its capitals and spaces. */
export function addressKey(email: string): string {
	return email.trim().toLowerCase();
}

/**
 * Email Verifier: `/email/verify/single` and `/email/verify/bulk`. 0.25 credit per check.
 * Bulk rows carry no reference of ours (their `index` is a UUID Enrow makes up), so rows
 * are matched back to items by address, and row references travel in the batch-level
 * `custom`, by address (rowReferences.ts).
 */
export const emailVerifierJob: EnrowJobKind<VerifierFields, VerifierSingleResult, VerifierBulkRow> =
	{
		noun: 'email verification',
		paths: { single: '/email/verify/single', bulk: '/email/verify/bulk' },
		bulkLimit: 5000,
		maxCreditsPerRow: 0.25,
		rowNoun: 'address',
		finalQualifications: ['valid', 'invalid'],
		events: {
			single: { name: 'verification_finished', label: 'Email Verification Finished (Single)' },
			bulk: { name: 'bulk_verification_finished', label: 'Bulk Verification Finished' },
		},

		rowRef: (fields) => addressKey(fields.email),

		singleBody(fields, settings, references) {
			return withSettings(
				withCustom({ email: fields.email }, singleJobCustom(references)),
				settings,
			);
		},

		bulkBody(rows, settings) {
			// `verifications`, not `emails`: the key Enrow's API reads (its newest docs and MCP server).
			const body: IDataObject = { verifications: rows.map((row) => row.fields.email) };
			const custom = batchReferencesCustom(
				rows.map((row) => ({ key: row.ref, references: row.references })),
			);
			return withSettings(withCustom(body, custom), settings);
		},

		resultRowRef(row) {
			return typeof row.email === 'string' ? addressKey(row.email) : undefined;
		},

		resultRowReferences(row, body) {
			if (typeof row.email !== 'string') return [];
			const general = (body as Partial<BulkJobResult<unknown>>).general;
			return batchReferencesOf(general?.custom, addressKey(row.email));
		},

		simplify(result, jobType, fields) {
			// A bulk row shared by duplicates gives each item its own spelling of the address; a
			// single job's answer gives the address as Enrow read it.
			const email =
				jobType === 'bulk'
					? (fields?.email ?? result.email)
					: (result.email ?? fields?.email ?? null);
			return {
				email,
				qualification: result.qualification,
				valid: result.qualification === 'valid',
			};
		},
	};
