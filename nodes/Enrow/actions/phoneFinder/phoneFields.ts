import type { INodeProperties } from 'n8n-workflow';

import { COMPANY_DOMAIN_DESCRIPTION } from '../companyInput';

/** How Phone Finder identifies the person: the value of "Find Person By". */
export type PersonLookup = 'linkedinUrl' | 'nameAndCompany' | 'either';

export const PERSON_LOOKUPS: PersonLookup[] = ['linkedinUrl', 'nameAndCompany', 'either'];

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

const companyFields: INodeProperties[] = [
	{
		displayName: 'Company Domain',
		name: 'companyDomain',
		type: 'string',
		default: '',
		placeholder: 'dundermifflin.com',
		description: COMPANY_DOMAIN_DESCRIPTION,
		hint: 'Give Company Domain or Company Name',
		displayOptions: shownFor('nameAndCompany', 'either'),
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		placeholder: 'Dunder Mifflin',
		description: 'The company name, used when no domain is given',
		displayOptions: shownFor('nameAndCompany', 'either'),
	},
];

/**
 * Phone Finder's input fields: "Find Person By" shows only the fields of the chosen way.
 * "Either" is for a list where some contacts have a LinkedIn URL and others only a name.
 * Fields the choice hides are not read, whatever an imported workflow holds in them.
 */
export const phoneFields: INodeProperties[] = [
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
	...companyFields,
];
