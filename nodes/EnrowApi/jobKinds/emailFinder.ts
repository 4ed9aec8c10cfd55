import type { IDataObject } from 'n8n-workflow';

import {
	bulkRowCustom,
	referencesInCustom,
	rowKeyOfCustom,
	singleJobCustom,
} from '../rowReferences';
import type { FinderBulkRow, FinderSingleResult } from '../types';
import { withCustom, withSettings, type BulkRow, type EnrowJobKind } from './jobKind';
import { textOrNull } from './textOrNull';

/** What an email search sends: the person and at least one of the company's domain and name. */
export interface FinderFields {
	fullname: string;
	companyDomain?: string;
	companyName?: string;
}

function companyOf(fields: FinderFields): IDataObject {
	const company: IDataObject = {};
	if (fields.companyDomain) company.company_domain = fields.companyDomain;
	if (fields.companyName) company.company_name = fields.companyName;
	return company;
}

/** Email Finder: `/email/find/single` and `/email/find/bulk`. 1 credit per email found. */
export const emailFinderJob: EnrowJobKind<FinderFields, FinderSingleResult, FinderBulkRow> = {
	noun: 'email search',
	paths: { single: '/email/find/single', bulk: '/email/find/bulk' },
	bulkLimit: 5000,
	maxCreditsPerRow: 1,
	rowNoun: 'search',
	events: {
		single: { name: 'single_search_finished', label: 'Email Search Finished (Single)' },
		bulk: { name: 'bulk_search_finished', label: 'Bulk Email Search Finished' },
	},

	singleBody(fields, settings, references) {
		const body: IDataObject = { fullname: fields.fullname, ...companyOf(fields) };
		return withSettings(withCustom(body, singleJobCustom(references)), settings);
	},

	bulkBody(rows: Array<BulkRow<FinderFields>>, settings) {
		const searches = rows.map((row) => ({
			fullname: row.fields.fullname,
			...companyOf(row.fields),
			custom: bulkRowCustom(row.ref, row.references),
		}));
		return withSettings({ searches }, settings);
	},

	resultRowRef(row, sentRows) {
		const key = rowKeyOfCustom(row.custom);
		// Enrow documents `custom` as echoed; the row's position is the fallback.
		return key ?? sentRows[Number(row.index)]?.ref;
	},

	resultRowReferences: (row) => referencesInCustom(row.custom),

	simplifySingle(result, fields, jobId) {
		const info = result.info ?? {};
		const simplified: IDataObject = {
			email: textOrNull(result.email),
			qualification: result.qualification,
			found: result.qualification === 'valid',
			firstName: textOrNull(info.firstname),
			lastName: textOrNull(info.lastname),
			fullName: textOrNull(info.fullname) ?? fields?.fullname ?? null,
			companyDomain: textOrNull(info.company_domain) ?? fields?.companyDomain ?? null,
			companyName: fields?.companyName ?? null,
		};
		if (info.gender !== undefined) simplified.gender = info.gender;
		return { ...simplified, jobId, status: 'completed' };
	},

	simplifyRow(row, fields, jobId) {
		const info = row.info ?? {};
		const simplified: IDataObject = {
			email: textOrNull(row.email),
			qualification: row.qualification,
			found: row.qualification === 'valid',
			firstName: textOrNull(info.firstname),
			lastName: textOrNull(info.lastname),
			fullName:
				textOrNull(info.fullname) ??
				textOrNull(row.raw_params?.fullname) ??
				fields?.fullname ??
				null,
			companyDomain: textOrNull(info.domain) ?? fields?.companyDomain ?? null,
			companyName: textOrNull(info.companyInfo?.name) ?? fields?.companyName ?? null,
		};
		if (info.gender !== undefined) simplified.gender = info.gender;
		return { ...simplified, jobId, status: 'completed' };
	},
};
