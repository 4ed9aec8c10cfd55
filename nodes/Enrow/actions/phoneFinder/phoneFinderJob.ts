import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { PhoneBulkRow, PhoneSingleResult } from '../../helpers/interfaces';
import { readText } from '../../../shared/readText';
import type { ItemParameters, JobKind } from '../../jobs/jobKind';
import { textOrNull } from '../../helpers/textOrNull';
import { jobSettings, withSettings } from '../../jobs/jobSettings';

export interface PhoneFields {
	linkedinUrl?: string;
	firstName?: string;
	lastName?: string;
	companyDomain?: string;
	companyName?: string;
}

/** The person as Enrow takes it: the LinkedIn URL when there is one (it takes precedence), else name and company. */
function person(fields: PhoneFields, bulk: boolean): IDataObject {
	if (fields.linkedinUrl) return { linkedin_url: fields.linkedinUrl };
	const body: IDataObject = { first_name: fields.firstName, last_name: fields.lastName };
	// Enrow's docs disagree on the bulk row's name fields (first_name vs firstname): send both.
	if (bulk) Object.assign(body, { firstname: fields.firstName, lastname: fields.lastName });
	if (fields.companyDomain) body.company_domain = fields.companyDomain;
	if (fields.companyName) body.company_name = fields.companyName;
	return body;
}

function simplify(
	result: { number?: string; country?: string; qualification: string },
	jobId: string,
): IDataObject {
	return {
		number: textOrNull(result.number),
		country: textOrNull(result.country),
		qualification: result.qualification,
		found: result.qualification === 'found',
		jobId,
		status: 'completed',
	};
}

/**
 * Phone Finder: `/phone/single` and `/phone/bulk`. 40 credits per phone found (50 on
 * legacy plans). Bulk jobs hold at most 3,000 rows: Enrow's docs say 3,000 or 5,000, and
 * 3,000 is accepted under both.
 */
export const phoneFinderJob: JobKind<PhoneFields, PhoneSingleResult, PhoneBulkRow> = {
	noun: 'phone search',
	getResultLabel: 'Phone Finder → Get a phone result',
	singlePath: '/phone/single',
	bulkPath: '/phone/bulk',
	bulkLimit: 3000,

	readInput(context: ItemParameters, itemIndex: number) {
		const read = (parameter: string, label: string, example: string, maxLength = 200) =>
			readText(context, parameter, itemIndex, {
				label,
				maxLength,
				example,
				// Only a company name can be a number; a name, domain or URL that is one is a wrong mapping.
				numbersAsText: parameter === 'companyName',
			});
		const linkedinUrl = read(
			'linkedinUrl',
			'LinkedIn URL',
			'"https://www.linkedin.com/in/michael-scott/"',
			500,
		);
		const fields: PhoneFields = {
			linkedinUrl,
			firstName: read('firstName', 'First Name', '{{ $json.firstName }} ("Michael")'),
			lastName: read('lastName', 'Last Name', '{{ $json.lastName }} ("Scott")'),
			companyDomain: read('companyDomain', 'Company Domain', '"dundermifflin.com"', 253),
			companyName: read('companyName', 'Company Name', '"Dunder Mifflin"'),
		};
		if (linkedinUrl && !/linkedin\.com\//i.test(linkedinUrl)) {
			throw new NodeOperationError(
				context.getNode(),
				`LinkedIn URL of item ${itemIndex} is not a LinkedIn profile URL`,
				{
					itemIndex,
					description:
						'Use the profile URL, like https://www.linkedin.com/in/michael-scott/, or leave it empty and give name and company.',
				},
			);
		}
		const byName =
			fields.firstName && fields.lastName && (fields.companyDomain || fields.companyName);
		if (!linkedinUrl && !byName) {
			throw new NodeOperationError(
				context.getNode(),
				`Item ${itemIndex} has no LinkedIn URL and no complete name and company`,
				{
					itemIndex,
					description:
						'Give a LinkedIn profile URL (best), or First Name, Last Name and a Company Domain or Company Name.',
				},
			);
		}
		return { fields, settings: jobSettings(context, itemIndex) };
	},

	dedupeKey(fields) {
		if (fields.linkedinUrl) return `in:${fields.linkedinUrl.toLowerCase().replace(/\/+$/, '')}`;
		return JSON.stringify(
			[fields.firstName, fields.lastName, fields.companyDomain, fields.companyName].map((part) =>
				(part ?? '').toLowerCase(),
			),
		);
	},

	singleBody(fields, settings) {
		return withSettings(person(fields, false), settings);
	},

	bulkBody(rows, settings) {
		return withSettings(
			{ searches: rows.map((row) => ({ ...person(row.fields, true), custom: row.ref })) },
			settings,
		);
	},

	resultRowRef(row, sentRows) {
		if (typeof row.custom === 'string') return row.custom;
		// Enrow's phone results show no `custom`; their integer `index` is the row's position.
		return sentRows[Number(row.index)]?.ref;
	},

	simplifySingle: (result, _fields, jobId) => simplify(result, jobId),
	simplifyRow: (row, _fields, jobId) => simplify(row, jobId),
};
