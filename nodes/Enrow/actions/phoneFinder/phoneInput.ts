import { NodeOperationError } from 'n8n-workflow';

import type { PhoneFields } from '../../../EnrowApi/jobKinds/phoneFinder';
import { readText } from '../../../shared/readText';
import { readJobSettings, type JobInputReader } from '../../engine';

/** Phone Finder's input: a LinkedIn profile URL, or first name, last name and a company, per item. */
export const phoneInput: JobInputReader<PhoneFields> = {
	getResultLabel: 'Phone Finder → Get a phone result',

	readInput(params, itemIndex) {
		const read = (parameter: string, label: string, example: string, maxLength = 200) =>
			readText(params, parameter, itemIndex, {
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
				params.getNode(),
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
				params.getNode(),
				`Item ${itemIndex} has no LinkedIn URL and no complete name and company`,
				{
					itemIndex,
					description:
						'Give a LinkedIn profile URL (best), or First Name, Last Name and a Company Domain or Company Name.',
				},
			);
		}
		return { fields, settings: readJobSettings(params, itemIndex) };
	},

	dedupeKey(fields) {
		if (fields.linkedinUrl) return `in:${fields.linkedinUrl.toLowerCase().replace(/\/+$/, '')}`;
		return JSON.stringify(
			[fields.firstName, fields.lastName, fields.companyDomain, fields.companyName].map((part) =>
				(part ?? '').toLowerCase(),
			),
		);
	},
};
