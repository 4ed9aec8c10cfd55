import type { IDataObject } from 'n8n-workflow';

import {
	batchReferencesCustom,
	batchReferencesOf,
	bulkRowCustom,
	referencesInCustom,
	rowKeyOfCustom,
	singleJobCustom,
} from './rowReferences';
import type { BulkJobResult, PhoneBulkRow, PhoneSingleResult } from './answers';
import { withCustom, withSettings, type EnrowJobKind } from './jobKind';
import { textOrNull } from './textOrNull';

/** What a phone search sends: a LinkedIn profile URL, or a name and a company. */
export interface PhoneFields {
	linkedinUrl?: string;
	firstName?: string;
	lastName?: string;
	companyDomain?: string;
	companyName?: string;
}

/** The person as Enrow takes it: the LinkedIn URL when there is one (it takes precedence), else name and company. */
function person(fields: PhoneFields): IDataObject {
	if (fields.linkedinUrl) return { linkedin_url: fields.linkedinUrl };
	// `firstname` / `lastname`, no underscore: the names Enrow's API reads, in single searches and
	// bulk rows alike (its newest docs and MCP server; older docs said `first_name`).
	const body: IDataObject = { firstname: fields.firstName, lastname: fields.lastName };
	if (fields.companyDomain) body.company_domain = fields.companyDomain;
	if (fields.companyName) body.company_name = fields.companyName;
	return body;
}

/**
 * Phone Finder: `/phone/single` and `/phone/bulk`. 40 credits per phone found (50 on
 * legacy plans). Bulk jobs hold at most 3,000 rows: Enrow's docs say 3,000 or 5,000, and
 * 3,000 is accepted under both.
 */
export const phoneFinderJob: EnrowJobKind<PhoneFields, PhoneSingleResult, PhoneBulkRow> = {
	noun: 'phone search',
	paths: { single: '/phone/single', bulk: '/phone/bulk' },
	bulkLimit: 3000,
	maxCreditsPerRow: 50,
	rowNoun: 'phone search',
	finalQualifications: ['found', 'not_found'],
	events: {
		single: { name: 'single_phone_search_finished', label: 'Phone Search Finished (Single)' },
		bulk: { name: 'bulk_phone_search_finished', label: 'Bulk Phone Search Finished' },
	},

	singleBody(fields, settings, references) {
		// A phone search's `custom` is a string (LLMS): the references object as JSON text.
		const custom = singleJobCustom(references);
		const body = withCustom(person(fields), custom && JSON.stringify(custom));
		return withSettings(body, settings);
	},

	bulkBody(rows, settings) {
		const body: IDataObject = {
			searches: rows.map((row) => ({
				...person(row.fields),
				custom: bulkRowCustom(row.ref, row.references),
			})),
		};
		// Also by position in the job's own `custom`, for results that come back without theirs.
		const custom = batchReferencesCustom(
			rows.map((row, position) => ({ key: String(position), references: row.references })),
		);
		return withSettings(withCustom(body, custom), settings);
	},

	resultRowRef(row, sentRows) {
		const key = rowKeyOfCustom(row.custom);
		// Enrow's phone results show no `custom`; their integer `index` is the row's position.
		return key ?? sentRows[Number(row.index)]?.ref;
	},

	resultRowReferences(row, body) {
		if (row.custom !== undefined) return referencesInCustom(row.custom);
		const general = (body as Partial<BulkJobResult<unknown>>).general;
		return batchReferencesOf(general?.custom, String(row.index));
	},

	simplify(result) {
		return {
			number: textOrNull(result.number),
			country: textOrNull(result.country),
			qualification: result.qualification,
			found: result.qualification === 'found',
		};
	},
};
