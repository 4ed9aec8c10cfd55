import type { INodeProperties } from 'n8n-workflow';

export const verifierFields: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description:
			'The address to verify. Addresses that cannot exist (no "@", spaces...) are not sent and cost nothing: they come back as invalid with reason "syntax".',
	},
];
