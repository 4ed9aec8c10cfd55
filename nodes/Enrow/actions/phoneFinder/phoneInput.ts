import { NodeOperationError } from 'n8n-workflow';

import type { PhoneFields } from '../../../EnrowApi/jobKinds/phoneFinder';
import { readText } from '../../../shared/readText';
import { readJobSettings, type JobInputReader } from '../../engine';
import {
	normalizeDomain,
	normalizeGiven as normalized,
	normalizeLinkedinUrl,
	normalizeText,
	sameText,
} from '../normalizeInput';

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
		const linkedinUrl = normalized(
			read('linkedinUrl', 'LinkedIn URL', '"https://www.linkedin.com/in/michael-scott/"', 500),
			normalizeLinkedinUrl,
		);
		const fields: PhoneFields = {
			linkedinUrl,
			firstName: normalized(
				read('firstName', 'First Name', '{{ $json.firstName }} ("Michael")'),
				normalizeText,
			),
			lastName: normalized(
				read('lastName', 'Last Name', '{{ $json.lastName }} ("Scott")'),
				normalizeText,
			),
			companyDomain: normalized(
				read('companyDomain', 'Company Domain', '"dundermifflin.com"', 253),
				normalizeDomain,
			),
			companyName: normalized(
				read('companyName', 'Company Name', '"Dunder Mifflin"'),
				normalizeText,
			),
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
		if (fields.linkedinUrl) return `in:${sameText(fields.linkedinUrl)}`;
		return JSON.stringify(
			[fields.firstName, fields.lastName, fields.companyDomain, fields.companyName].map(sameText),
		);
	},
};
