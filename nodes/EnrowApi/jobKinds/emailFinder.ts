import type { IDataObject } from 'n8n-workflow';

import {
	bulkRowCustom,
	referencesInCustom,
	rowKeyOfCustom,
	singleJobCustom,
} from './rowReferences';
import type { FinderBulkRow, FinderSingleResult } from './answers';
import { withCustom, withSettings, type BulkRow, type EnrowJobKind } from './jobKind';
import { textOrNull } from './textOrNull';

/** What an email search sends: the person and at least one of the company's domain and name. */
export interface FinderFields {
	fullname: string;
	companyDomain?: string;
	companyName?: string;
}

/** The `info` of a single job's answer or of a bulk row. */
type FinderInfo = NonNullable<FinderSingleResult['info']> & NonNullable<FinderBulkRow['info']>;

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
	finalQualifications: ['valid', 'invalid'],
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

	simplify(result, _jobType, fields) {
		// A single job's `info` has `company_domain`; a bulk row's has `domain`, `companyInfo` and
		// the row's `raw_params` beside it.
		const info: FinderInfo = result.info ?? {};
		const rawParams = 'raw_params' in result ? result.raw_params : undefined;
		const simplified: IDataObject = {
			email: textOrNull(result.email),
			qualification: result.qualification,
			found: result.qualification === 'valid',
			firstName: textOrNull(info.firstname),
			lastName: textOrNull(info.lastname),
			fullName:
				textOrNull(info.fullname) ?? textOrNull(rawParams?.fullname) ?? fields?.fullname ?? null,
			companyDomain:
				textOrNull(info.company_domain) ?? textOrNull(info.domain) ?? fields?.companyDomain ?? null,
			companyName: textOrNull(info.companyInfo?.name) ?? fields?.companyName ?? null,
		};
		if (info.gender !== undefined) simplified.gender = info.gender;
		return simplified;
	},
};
