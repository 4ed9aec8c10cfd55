import { NodeOperationError } from 'n8n-workflow';

import type { PhoneFields } from '../../../EnrowApi/jobKinds/phoneFinder';
import { readText } from '../../../shared/readText';
import {
	readChoice,
	readJobSettings,
	type ItemParameters,
	type JobInputReader,
} from '../../engine';
import { noCompanyError, readCompany, type CompanyInput } from '../companyInput';
import {
	isPlaceholder,
	normalizeGiven as normalized,
	normalizeLinkedinUrl,
	normalizeText,
	sameText,
} from '../normalizeInput';
import { PERSON_LOOKUPS, type PersonLookup } from './phoneFields';

function readPersonLookup(params: ItemParameters, itemIndex: number): PersonLookup {
	return readChoice(
		params.getNode(),
		params.getNodeParameter('findPersonBy', itemIndex, 'linkedinUrl'),
		{
			label: 'Find Person By',
			allowed: PERSON_LOOKUPS,
			meaning:
				'linkedinUrl: LinkedIn URL; nameAndCompany: Name and Company; either: LinkedIn URL, Else Name and Company',
		},
	);
}

/** The item gives nothing to search by, in the way "Find Person By" says. */
function missingPerson(params: ItemParameters, itemIndex: number, lookup: PersonLookup) {
	const texts: Record<PersonLookup, [string, string]> = {
		linkedinUrl: [
			`Item ${itemIndex} has no LinkedIn URL`,
			'Map the LinkedIn profile URL, or set Find Person By to "LinkedIn URL, Else Name and Company" for a list where some contacts have none.',
		],
		nameAndCompany: [
			`Item ${itemIndex} has no complete name and company`,
			'Map First Name, Last Name, and Company Domain or Company Name.',
		],
		either: [
			`Item ${itemIndex} has no LinkedIn URL and no complete name and company`,
			'Give a LinkedIn profile URL, or First Name, Last Name, and Company Domain or Company Name.',
		],
	};
	const [message, description] = texts[lookup];
	return new NodeOperationError(params.getNode(), message, { itemIndex, description });
}

/** Phone Finder's input: a LinkedIn profile URL, or first name, last name and a company, per item. */
export const phoneInput: JobInputReader<PhoneFields> = {
	getResultLabel: 'Phone Finder → Get Result',

	readInput(params, itemIndex) {
		const read = (parameter: string, label: string, example: string, maxLength = 200) =>
			readText(params, parameter, itemIndex, {
				label,
				maxLength,
				example,
				// A name or URL that is a number is a wrong mapping.
				numbersAsText: false,
			});
		const lookup = readPersonLookup(params, itemIndex);
		const byUrl = lookup !== 'nameAndCompany';
		const byName = lookup !== 'linkedinUrl';
		const urlGiven = byUrl
			? read('linkedinUrl', 'LinkedIn URL', '"https://www.linkedin.com/in/michael-scott/"', 500)
			: undefined;
		// "N/A" or "-" in a mixed list means "no URL": the name and company are searched instead.
		const linkedinUrl =
			urlGiven && !isPlaceholder(urlGiven) ? normalizeLinkedinUrl(urlGiven) : undefined;
		const fields: PhoneFields = { linkedinUrl };
		let company: CompanyInput = {};
		if (byName) {
			fields.firstName = normalized(
				read('firstName', 'First Name', '{{ $json.firstName }} ("Michael")'),
				normalizeText,
			);
			fields.lastName = normalized(
				read('lastName', 'Last Name', '{{ $json.lastName }} ("Scott")'),
				normalizeText,
			);
			company = readCompany(params, itemIndex);
			fields.companyDomain = company.companyDomain;
			fields.companyName = company.companyName;
		}
		if (linkedinUrl && !/linkedin\.com\//i.test(linkedinUrl)) {
			throw new NodeOperationError(
				params.getNode(),
				`LinkedIn URL of item ${itemIndex} is not a LinkedIn profile URL`,
				{
					itemIndex,
					description: byName
						? 'Use the profile URL, like https://www.linkedin.com/in/michael-scott/, or leave it empty to search by name and company.'
						: 'Use the profile URL, like https://www.linkedin.com/in/michael-scott/.',
				},
			);
		}
		if (!linkedinUrl) {
			const named = fields.firstName && fields.lastName;
			if (named && !fields.companyDomain && !fields.companyName && company.domainSetAside) {
				const alternative = byUrl ? ', or a LinkedIn profile URL' : '';
				throw noCompanyError(params.getNode(), itemIndex, company, alternative);
			}
			if (!named || !(fields.companyDomain || fields.companyName)) {
				throw missingPerson(params, itemIndex, lookup);
			}
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
