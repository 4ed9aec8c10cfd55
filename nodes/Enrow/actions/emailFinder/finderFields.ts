import type { INodeProperties } from 'n8n-workflow';

import { COMPANY_DOMAIN_DESCRIPTION } from '../companyInput';

export const finderFields: INodeProperties[] = [
	{
		displayName: 'Full Name',
		name: 'fullName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Dwight Schrute',
		description: "The person's first and last name",
	},
	{
		displayName: 'Company Domain',
		name: 'companyDomain',
		type: 'string',
		default: '',
		placeholder: 'dundermifflin.com',
		description: COMPANY_DOMAIN_DESCRIPTION,
		hint: 'Give Company Domain or Company Name',
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		placeholder: 'Dunder Mifflin',
		description: 'The company name, used when no domain is given',
	},
];

export const finderOptions: INodeProperties[] = [
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
