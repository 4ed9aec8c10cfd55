import type { INodeProperties } from 'n8n-workflow';

import type { JobType } from '../../EnrowApi/jobKinds';
import { toolDescriptionProperty } from '../../shared/toolDescription';
import { DEFAULT_POLL_INTERVAL_SECONDS, DEFAULT_TIMEOUT_MINUTES } from '../engine/runOptions';

const timeoutDescription =
	"How long to wait before giving up, from when the node starts: waits for Enrow's rate limit (another workflow or n8n worker using the same key) count too. The job keeps running at Enrow and no credits are lost: read it later with Get Result (polling names the job ID in its error; a paused execution keeps the IDs in its custom data).";

/** Single jobs take seconds; a 5,000-row bulk job can take many minutes. */
function timeoutProperty(jobType: JobType): INodeProperties {
	const minutes = DEFAULT_TIMEOUT_MINUTES[jobType];
	return {
		displayName: 'Timeout (Minutes)',
		name: 'timeoutMinutes',
		noDataExpression: true,
		type: 'number',
		typeOptions: { minValue: 1 },
		default: minutes,
		displayOptions: { show: { waitMode: ['poll', 'webhook'] } },
		description: timeoutDescription,
	};
}

/** How the node waits for an asynchronous Enrow job. */
function waitProperties(jobType: JobType): INodeProperties[] {
	return [
		{
			displayName: 'Wait Mode',
			name: 'waitMode',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Poll Until Done',
					value: 'poll',
					description: 'Ask Enrow for the result until the job is done, then output it',
				},
				{
					name: 'Pause and Resume When Enrow Calls Back',
					value: 'webhook',
					description:
						'Pause this execution (no polling) until Enrow reports the job done, then output the results. Needs an n8n reachable by Enrow over HTTPS.',
				},
				{
					name: 'Return Job ID Immediately',
					value: 'none',
					description:
						'Output the job ID at once (credits are reserved). Read the result later with Get Result, or receive it in an Enrow Trigger.',
				},
			],
			default: 'poll',
			description: 'Enrow works in the background. Choose whether this node waits for the result.',
		},
		timeoutProperty(jobType),
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			noDataExpression: true,
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 30 },
			default: DEFAULT_POLL_INTERVAL_SECONDS,
			displayOptions: { show: { waitMode: ['poll'] } },
			description:
				'Seconds before the first check; the default suits most runs. Each later check waits half as long again, up to 30 seconds, so long jobs cost few requests.',
		},
	];
}

const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	noDataExpression: true,
	type: 'boolean',
	default: true,
	description:
		'Whether to return clean fields (email, qualification, found...) instead of the raw response from Enrow',
};

const includeInputFieldsOption: INodeProperties = {
	displayName: 'Include Input Fields',
	name: 'includeInputFields',
	noDataExpression: true,
	type: 'boolean',
	default: false,
	description:
		'Whether to output each input item with the result fields added to it, instead of the result fields alone. A result field replaces the input field of the same name (status, jobId, qualification, email…, also those of an earlier Enrow node): to keep all of yours, also set "Put Result in Field".',
};

const resultFieldOption: INodeProperties = {
	displayName: 'Put Result in Field',
	name: 'resultField',
	noDataExpression: true,
	type: 'string',
	default: '',
	placeholder: 'enrow',
	description:
		'The name of one field to put the result in, e.g. "enrow": the found email is then in enrow.email, and with Include Input Fields no field of the input item is replaced. Empty: the result fields at the top level. An error stays in the top-level "error" field; Output Mode "Summary" is not affected.',
};

/** Options → Row Reference (README, "Row references"). */
const rowReferenceOption: INodeProperties = {
	displayName: 'Row Reference',
	name: 'rowReference',
	type: 'string',
	default: '',
	placeholder: 'e.g. the CRM record ID, mapped from the previous node',
	description:
		"Your own ID for each item, e.g. the CRM record ID mapped from the previous node. It is sent to Enrow with the item's row and comes back with its result as rowReference: in this node's output, in Get Result and in an Enrow Trigger's items, so results that arrive later can be matched to the record. Duplicates are sent once; each keeps its own reference. Text, at most 255 characters.",
};

const webhookUrlOption: INodeProperties = {
	displayName: 'Webhook URL',
	name: 'webhookUrl',
	type: 'string',
	default: '',
	placeholder: 'https://your-n8n.example.com/webhook/…',
	displayOptions: { show: { '/waitMode': ['none'] } },
	description:
		"URL Enrow notifies when the job is done, e.g. an Enrow Trigger node's production URL. Must be HTTPS. Overrides the webhook set in your Enrow dashboard.",
};

const bulkOptions: INodeProperties[] = [
	{
		displayName: 'Deduplicate',
		name: 'deduplicate',
		noDataExpression: true,
		type: 'boolean',
		default: true,
		description:
			'Whether to send identical rows to Enrow once and give the result to each of them, so duplicates cost nothing',
	},
	{
		displayName: 'Output Mode',
		name: 'outputMode',
		noDataExpression: true,
		type: 'options',
		options: [
			{
				name: 'One Item per Input Item',
				value: 'perItem',
				description: "Each input item gets its own row's result, in input order",
			},
			{
				name: 'Summary',
				value: 'summary',
				description: 'One item with the job IDs, counts per outcome, credits spent and all results',
			},
		],
		default: 'perItem',
	},
];

/** The credit guard (README, "Credits and limits"). */
const creditGuardOptions: INodeProperties[] = [
	{
		displayName: 'Max Credits',
		name: 'maxCredits',
		noDataExpression: true,
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			'The most this run may spend: rows to send × the price per row, counted before anything is sent (before refunds). Above it nothing is sent and the node fails; with Settings → On Error set to "Continue", every item carries the error. 0 means no cap.',
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		noDataExpression: true,
		type: 'boolean',
		default: false,
		description:
			'Whether to only estimate the run: nothing paid is sent, and each item says whether it would be sent and what it can cost at most (with Output Mode "Summary": the totals and your balance)',
	},
];

/** The "Options" collection of a job-starting operation. */
function jobOptions(jobType: JobType, extra: INodeProperties[] = []): INodeProperties {
	const options = [
		...extra,
		...(jobType === 'bulk' ? bulkOptions : []),
		...creditGuardOptions,
		includeInputFieldsOption,
		resultFieldOption,
		rowReferenceOption,
		webhookUrlOption,
	].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** The end of every paid operation's tool description: a refusal is something to relay. */
export const TOOL_REFUSAL_NOTE =
	'A refused call (for example one that could cost more than the Max Credits set on this tool, or an account out of credits) answers with an error that says why; nothing was charged.';

export interface JobOperationPanel {
	jobType: JobType;
	/** What it costs, shown at the top of the panel. */
	creditNotice: string;
	/** What a model reads about the operation as a tool (shared/toolDescription.ts). */
	toolDescription: string;
	fields: INodeProperties[];
	options?: INodeProperties[];
}

/** The parameters of a job-starting operation: tool description (tool variant only), credit
 *  notice, its fields, wait mode, simplify, options. */
export function jobOperationProperties(panel: JobOperationPanel): INodeProperties[] {
	return [
		toolDescriptionProperty(panel.toolDescription),
		{ displayName: panel.creditNotice, name: 'creditNotice', type: 'notice', default: '' },
		...panel.fields,
		...waitProperties(panel.jobType),
		simplifyProperty,
		jobOptions(panel.jobType, panel.options),
	];
}

/** Get Result: which job to read, and whether to simplify what it gives. */
export function getResultProperties(toolDescription: string): INodeProperties[] {
	return [
		toolDescriptionProperty(toolDescription),
		{
			displayName: 'Job ID',
			name: 'jobId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '0cf517bc-16e8-45bc-b967-ab9116b3c804',
			description:
				"The ID Enrow returned when the job started (the jobId field of this node's output)",
		},
		{
			displayName: 'Job Type',
			name: 'jobType',
			type: 'options',
			options: [
				{ name: 'Single', value: 'single', description: 'A job started for one item' },
				{ name: 'Bulk', value: 'bulk', description: 'A job started by a bulk operation' },
			],
			default: 'single',
			description: 'How the job was started. Bulk jobs give one item per result row.',
		},
		simplifyProperty,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [includeInputFieldsOption, resultFieldOption],
		},
	];
}
