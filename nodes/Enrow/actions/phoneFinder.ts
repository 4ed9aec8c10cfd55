import { NodeOperationError, type INodeProperties } from 'n8n-workflow';

import { phoneFinderJob, type PhoneFields } from '../../EnrowApi/jobKinds';
import { readText } from '../../shared/readText';
import { readChoice, readJobSettings, type ItemParameters, type JobInputReader } from '../engine';
import { companyFields, noCompanyError, readCompany, type CompanyInput } from './companyInput';
import type { JobResource } from './jobResource';
import {
	isPlaceholder,
	normalizeGiven as normalized,
	normalizeLinkedinUrl,
	normalizeText,
	sameText,
} from './normalizeInput';

/** How Phone Finder identifies the person: the value of "Find Person By". */
type PersonLookup = 'linkedinUrl' | 'nameAndCompany' | 'either';

const PERSON_LOOKUPS: PersonLookup[] = ['linkedinUrl', 'nameAndCompany', 'either'];

const shownFor = (...lookups: PersonLookup[]) => ({ show: { findPersonBy: lookups } });

const linkedinUrlField = (required: boolean): INodeProperties => ({
	displayName: 'LinkedIn URL',
	name: 'linkedinUrl',
	type: 'string',
	required,
	default: '',
	placeholder: 'https://www.linkedin.com/in/michael-scott/',
	description: "The person's LinkedIn profile URL",
	displayOptions: shownFor(required ? 'linkedinUrl' : 'either'),
	...(required ? {} : { hint: 'When empty, the name and company below are used' }),
});

const nameField = (
	displayName: string,
	name: string,
	placeholder: string,
	required: boolean,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	required,
	default: '',
	placeholder,
	displayOptions: shownFor(required ? 'nameAndCompany' : 'either'),
});

/**
 * Phone Finder's input fields: "Find Person By" shows only the fields of the chosen way.
 * "Either" is for a list where some contacts have a LinkedIn URL and others only a name.
 * Fields the choice hides are not read, whatever an imported workflow holds in them.
 */
const fields: INodeProperties[] = [
	{
		displayName: 'Find Person By',
		name: 'findPersonBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'LinkedIn URL',
				value: 'linkedinUrl',
				description: "The person's LinkedIn profile URL: the best results",
			},
			{
				name: 'Name and Company',
				value: 'nameAndCompany',
				description: 'First name, last name, and the company domain or name',
			},
			{
				name: 'LinkedIn URL, Else Name and Company',
				value: 'either',
				description:
					'For a list where some contacts have a LinkedIn URL and others only a name: the URL when an item has one, else its name and company',
			},
		],
		default: 'linkedinUrl',
	},
	linkedinUrlField(true),
	linkedinUrlField(false),
	nameField('First Name', 'firstName', 'Michael', true),
	nameField('First Name', 'firstName', 'Michael', false),
	nameField('Last Name', 'lastName', 'Scott', true),
	nameField('Last Name', 'lastName', 'Scott', false),
	...companyFields.map((field) => ({
		...field,
		displayOptions: shownFor('nameAndCompany', 'either'),
	})),
];

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
const input: JobInputReader<PhoneFields> = {
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

/** Phone Finder: the Enrow node's resource for this kind of job. */
export const phoneFinderResource: JobResource<PhoneFields> = {
	resource: 'phoneFinder',
	displayName: 'Phone Finder',
	kind: phoneFinderJob,
	input,
	fields,
	operations: {
		single: {
			value: 'find',
			name: 'Find',
			action: 'Find a phone number',
			description:
				"One search per item, from a LinkedIn URL or a name and company: for a few contacts or an AI agent's tool",
			toolDescription: [
				"Find a person's mobile phone number with Enrow, from their LinkedIn profile URL (best) or their first name, last name and company.",
				'Expensive: use it only when a phone number is what the user asked for.',
				'Parameters: the LinkedIn profile URL (e.g. "https://www.linkedin.com/in/michael-scott"); or the first name, last name and the company\'s domain or name. Fill in the ones this tool asks for (its Find Person By setting decides which); leave any you do not use empty.',
				'Cost: 40 Enrow credits per number found (50 on legacy plans); nothing when none is found (refunded). Takes a few seconds to a minute.',
				'Answer: a JSON list with one result: found (true or false), number (or null), country, qualification ("found" or "not_found"), and Enrow\'s jobId and status ("completed").',
			],
			creditNotice:
				"40 Enrow credits per phone number found (50 on legacy plans): each item's search reserves them when it starts and gets them back when nothing is found, so your balance must cover every item (at most: items × 50 credits).",
		},
		bulk: {
			value: 'findBulk',
			name: 'Find in Bulk',
			action: 'Find phone numbers in bulk',
			description:
				'All items in one Enrow job (3,000 rows a job): for lists of contacts, with one wait for the whole list and duplicates searched once',
			toolDescription: [
				'Find mobile phone numbers with Enrow in one bulk job: every item this tool receives is one row (a LinkedIn profile URL, or a first name, last name and company).',
				'Called by an AI agent or an MCP client, each call is one row: to look up one person, prefer the single phone finder (Find a phone number). Expensive: use it only when phone numbers are what the user asked for.',
				'Cost: 40 Enrow credits per row (50 on legacy plans), reserved for every row when the job starts and refunded for the rows where nothing is found; duplicate rows are searched once.',
				'Answer: a JSON list with one result per row: found (true or false), number (or null), country, qualification ("found" or "not_found"), jobId and status.',
			],
			creditNotice:
				'40 Enrow credits per phone number found (50 on legacy plans): the job reserves them for every row when it starts and gives back the rows not found, so your balance must cover the whole list (at most: unique rows × 50 credits; duplicates are searched once).',
		},
		getResult: {
			value: 'getResult',
			name: 'Get Result',
			action: 'Get a phone result',
			description:
				'Read, for free, the numbers of a search started with Wait Mode "Return Job ID Immediately", by its job ID',
			toolDescription: [
				'Read, once and without waiting, the result of an Enrow phone search started earlier. Free.',
				'Use it when an earlier answer or error named a job ID (e.g. a search that was still running when the wait ended).',
				'Parameters: the job ID; the job type, "single" (one search) or "bulk".',
				'Answer: a JSON list: the results as the phone finder gives them (found, number, country, qualification, jobId, status "completed"), or one item with status "ongoing" and the progress (finished, requested) while the job still runs: ask again later.',
			],
		},
	},
};
