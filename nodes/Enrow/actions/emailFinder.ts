import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { emailFinderJob, type FinderFields } from '../../EnrowApi/jobKinds';
import { readText, withoutInvisible } from '../../shared/readText';
import { readJobSettings, type JobInputReader } from '../engine';
import { companyFields, noCompanyError, readCompany } from './companyInput';
import type { JobResource } from './jobResource';
import { normalizeText, sameText } from './normalizeInput';

const fields: INodeProperties[] = [
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Dwight Schrute',
		description: "The person's first and last name",
	},
	...companyFields,
];

const options: INodeProperties[] = [
	{
		displayName: 'Country Code',
		name: 'countryCode',
		type: 'string',
		default: '',
		placeholder: 'US',
		description:
			"Two-letter country code (ISO 3166-1) of the company, to find the right company when only its name is given. Enrow's default is US.",
	},
	{
		displayName: 'Retrieve Gender',
		name: 'retrieveGender',
		type: 'boolean',
		default: false,
		description: "Whether to also return the person's likely gender (male or female)",
	},
];

/** Email Finder's input: a full name and a company domain or name, per item. */
const input: JobInputReader<FinderFields> = {
	readInput(params, itemIndex) {
		const fullname = readText(params, 'fullName', itemIndex, {
			label: 'Full Name',
			required: true,
			numbersAsText: false,
			maxLength: 200,
			example: '{{ $json.name }} ("Dwight Schrute")',
		})!;
		const { companyDomain, companyName, ...setAside } = readCompany(params, itemIndex);
		if (!companyDomain && !companyName) {
			throw noCompanyError(params.getNode(), itemIndex, setAside);
		}
		const options = params.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const settings = readJobSettings(params, itemIndex);
		const countryCode =
			typeof options.countryCode === 'string' ? withoutInvisible(options.countryCode).trim() : '';
		if (countryCode) settings.country_code = countryCode.toUpperCase();
		if (options.retrieveGender === true) settings.retrieve_gender = true;
		return { fields: { fullname: normalizeText(fullname), companyDomain, companyName }, settings };
	},

	dedupeKey(fields) {
		return JSON.stringify(
			[fields.fullname, fields.companyDomain, fields.companyName].map(sameText),
		);
	},
};

/** Email Finder: the Enrow node's resource for this kind of job. */
export const emailFinderResource: JobResource<FinderFields> = {
	resource: 'emailFinder',
	displayName: 'Email Finder',
	kind: emailFinderJob,
	input,
	fields,
	options,
	operations: {
		single: {
			value: 'find',
			name: 'Find',
			action: 'Find an email',
			description:
				"One search per item, answered in seconds: for a few leads at a time, a form, or an AI agent's tool",
			toolDescription: [
				"Find a person's professional (work) email address with Enrow, from their full name and their company.",
				'Use it when you know who someone is and where they work but not their email address.',
				'Parameters: the full name (e.g. "Dwight Schrute"); the company\'s website domain (e.g. "dundermifflin.com"; best results; a URL works too); the company name (e.g. "Dunder Mifflin"), used when no domain is known. Give the domain or the name; leave the other empty.',
				'Cost: 1 Enrow credit when an email is found; nothing when none is found (the credit reserved for the search is refunded). Usually takes a few seconds, sometimes up to a minute.',
				'Answer: a JSON list with one result: found (true or false), email (the address, or null), qualification ("valid" when found, "invalid" when not), firstName, lastName, fullName, companyDomain, companyName, and Enrow\'s jobId and status ("completed").',
			],
			creditNotice:
				"1 Enrow credit per email found: each item's search reserves 1 credit when it starts and gets it back when nothing is found, so your balance must cover every item (at most: items × 1 credit).",
		},
		bulk: {
			value: 'findBulk',
			name: 'Find in Bulk',
			action: 'Find emails in bulk',
			description:
				'All items in one Enrow job (5,000 rows a job): for lists of leads, with one wait for the whole list and duplicates searched once',
			toolDescription: [
				'Find work email addresses with Enrow in one bulk job: every item this tool receives is one row (a full name, and a company domain or company name).',
				'Called by an AI agent or an MCP client, each call is one row: to look up one person, prefer the single email finder (Find an email).',
				'Cost: 1 Enrow credit per row, reserved for every row when the job starts and refunded for the rows where nothing is found; duplicate rows are searched once. A bulk job can take minutes.',
				'Answer: a JSON list with one result per row: found (true or false), email (or null), qualification, firstName, lastName, fullName, companyDomain, companyName, jobId and status.',
			],
			creditNotice:
				'1 Enrow credit per email found: the job reserves 1 credit for every row when it starts and gives back the rows not found, so your balance must cover the whole list (at most: unique rows × 1 credit; duplicates are searched once).',
		},
		getResult: {
			value: 'getResult',
			name: 'Get Result',
			action: 'Get a finder result',
			description:
				'Read, for free, the emails of a search started with Wait Mode "Return Job ID Immediately", by its job ID',
			toolDescription: [
				'Read, once and without waiting, the result of an Enrow email search started earlier. Free.',
				'Use it when an earlier answer or error named a job ID (e.g. a search that was still running when the wait ended).',
				'Parameters: the job ID; the job type, "single" (one search) or "bulk".',
				'Answer: a JSON list: the results as the email finder gives them (found, email, qualification, names, company, jobId, status "completed"), or one item with status "ongoing" and the progress (finished, requested) while the job still runs: ask again later.',
			],
		},
	},
};
