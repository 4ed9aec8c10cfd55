import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { FinderBulkRow, FinderSingleResult } from '../../helpers/interfaces';
import { readText } from '../../../shared/readText';
import type { BulkRow, ItemParameters, JobKind } from '../../jobs/jobKind';
import { textOrNull } from '../../helpers/textOrNull';
import { jobSettings, withSettings } from '../../jobs/jobSettings';

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
export const emailFinderJob: JobKind<FinderFields, FinderSingleResult, FinderBulkRow> = {
	noun: 'email search',
	getResultLabel: 'Email Finder → Get a finder result',
	singlePath: '/email/find/single',
	bulkPath: '/email/find/bulk',
	bulkLimit: 5000,

	readInput(context: ItemParameters, itemIndex: number) {
		const fullname = readText(context, 'fullName', itemIndex, {
			label: 'Full Name',
			required: true,
			numbersAsText: false,
			maxLength: 200,
			example: '{{ $json.name }} ("Dwight Schrute")',
		})!;
		const companyDomain = readText(context, 'companyDomain', itemIndex, {
			label: 'Company Domain',
			numbersAsText: false,
			maxLength: 253,
			example: '{{ $json.website }} ("dundermifflin.com")',
		});
		const companyName = readText(context, 'companyName', itemIndex, {
			label: 'Company Name',
			maxLength: 200,
			example: '{{ $json.company }} ("Dunder Mifflin")',
		});
		if (!companyDomain && !companyName) {
			throw new NodeOperationError(
				context.getNode(),
				`Item ${itemIndex} has neither a company domain nor a company name`,
				{
					itemIndex,
					description:
						'Enrow needs at least one of "Company Domain" and "Company Name" to find an email. The domain gives the best results.',
				},
			);
		}
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const settings = jobSettings(context, itemIndex);
		if (typeof options.countryCode === 'string' && options.countryCode.trim()) {
			settings.country_code = options.countryCode.trim().toUpperCase();
		}
		if (options.retrieveGender === true) settings.retrieve_gender = true;
		return { fields: { fullname, companyDomain, companyName }, settings };
	},

	dedupeKey(fields) {
		return JSON.stringify([
			fields.fullname.toLowerCase(),
			(fields.companyDomain ?? '').toLowerCase(),
			(fields.companyName ?? '').toLowerCase(),
		]);
	},

	singleBody(fields, settings) {
		return withSettings({ fullname: fields.fullname, ...companyOf(fields) }, settings);
	},

	bulkBody(rows: Array<BulkRow<FinderFields>>, settings) {
		const searches = rows.map((row) => ({
			fullname: row.fields.fullname,
			...companyOf(row.fields),
			custom: row.ref,
		}));
		return withSettings({ searches }, settings);
	},

	resultRowRef(row, sentRows) {
		if (typeof row.custom === 'string') return row.custom;
		// Enrow documents `custom` as echoed; the row's position is the fallback.
		return sentRows[Number(row.index)]?.ref;
	},

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
		const gender = (info as IDataObject).gender;
		if (gender !== undefined) simplified.gender = gender;
		return { ...simplified, jobId, status: 'completed' };
	},
};
