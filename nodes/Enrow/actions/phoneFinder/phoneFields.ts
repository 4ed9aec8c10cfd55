import type { INodeProperties } from 'n8n-workflow';

export const phoneFields: INodeProperties[] = [
	{
		displayName:
			'Give a LinkedIn URL (best), or First Name, Last Name and a company. The LinkedIn URL wins when both are set.',
		name: 'phoneInputNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'LinkedIn URL',
		name: 'linkedinUrl',
		type: 'string',
		default: '',
		placeholder: 'https://www.linkedin.com/in/michael-scott/',
		description: "The person's LinkedIn profile URL",
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		placeholder: 'Michael',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		placeholder: 'Scott',
	},
	{
		displayName: 'Company Domain',
		name: 'companyDomain',
		type: 'string',
		default: '',
		placeholder: 'dundermifflin.com',
		description: "The company's website domain, used with the name",
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		placeholder: 'Dunder Mifflin',
		description: 'The company name, used with the name when no domain is given',
	},
];
