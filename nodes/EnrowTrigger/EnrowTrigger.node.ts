import {
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { ENROW_EVENTS, findEvent } from '../EnrowApi/events';
import { parseNotification } from '../EnrowApi/parseNotification';
import { asNodeError } from '../shared/asNodeError';
import { connectionTypes } from '../shared/supportedN8n';
import { NOT_STARTED, answerUnfinished } from './answerUnfinished';
import { finishedJobItems, isJobId, payloadItems } from './notificationItems';
import { readNotifiedJob, type NotifiedJob } from './readNotifiedJob';
import { copiesSeen, forget, seenBefore } from './seenNotifications';
import { tokenMatches } from './verifyToken';

const ALL_EVENT_NAMES = ENROW_EVENTS.map((event) => event.name);
/**
 * The Events parameter: a list, or a comma-separated text when set by an expression, where the
 * names may also come in another case.
 */
function eventNames(value: unknown): string[] {
	const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return names
		.filter((name): name is string => typeof name === 'string')
		.map((name) => name.trim().toLowerCase());
}

/**
 * The canvas subtitle: "Every finished job" with all events selected, else the selected
 * events' labels ("Email Search Finished (Bulk)").
 */
function eventsSubtitle(): string {
	const labels = JSON.stringify(
		Object.fromEntries(ENROW_EVENTS.map((event) => [event.name, event.label])),
	);
	return `={{ ((events) => events.length >= ${ENROW_EVENTS.length} ? "Every finished job" : events.length === 0 ? "No events selected" : events.map((name) => (${labels})[name] ?? name).join(", "))($parameter["events"] || []) }}`;
}

const connections = connectionTypes('Enrow Trigger');

export class EnrowTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Enrow Trigger',
		name: 'enrowTrigger',
		icon: { light: 'file:../../icons/enrow.svg', dark: 'file:../../icons/enrow.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventsSubtitle(),
		description: 'Starts the workflow when Enrow finishes a search or verification',
		defaults: { name: 'Enrow Trigger' },
		inputs: [],
		outputs: [connections.Main],
		credentials: [{ name: 'enrowApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					"Enrow calls this node's URL when a job finishes. Copy the Production URL above into an Enrow node's Webhook URL option (only that node's jobs) or into your Enrow dashboard (Integrations → webhook: every job of the account, including jobs other workflows start), and publish this workflow. Enrow only calls HTTPS URLs.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: ENROW_EVENTS.map((event) => ({ name: event.label, value: event.name })),
				// Every event: a new trigger starts on whatever job finishes.
				default: [...ALL_EVENT_NAMES],
				description:
					'Which finished jobs start the workflow. Other notifications are acknowledged and ignored.',
			},
			{
				displayName: 'Fetch Results',
				name: 'fetchResults',
				type: 'boolean',
				default: true,
				description:
					"Whether to read each notified job from Enrow (free, with the credential) and start the workflow with Enrow's own record: one item per result row for a bulk job, one item for a single job. Off: single events give the notification's own result, bulk events one item with the notification.",
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Secret',
						name: 'secret',
						type: 'string',
						typeOptions: { password: true },
						default: '',
						description:
							'Enrow does not sign its webhooks. Set a secret and add ?token=&lt;secret&gt; to the URL you give Enrow: calls without it are refused with 401.',
					},
				],
			},
		],
	};

	// Enrow has no API to register webhooks: the user pastes the URL. These only keep n8n's lifecycle complete.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const secret = typeof options.secret === 'string' ? options.secret : '';
		if (secret && !tokenMatches((this.getQueryData() as IDataObject).token, secret)) {
			this.getResponseObject().status(401).json({ message: 'Invalid or missing token' });
			return { noWebhookResponse: true };
		}

		const notification = parseNotification(this.getBodyData());
		const event = findEvent(notification.event);
		const selected = eventNames(this.getNodeParameter('events', []));
		// Unknown events, unselected ones, and notifications without a usable job ID start nothing.
		if (!event || !selected.includes(event.name) || !isJobId(notification.jobId)) {
			return { webhookResponse: NOT_STARTED };
		}
		const jobId = notification.jobId;
		// Enrow may deliver a notification more than once: the same event for the same job starts
		// the workflow once. It stays handled only once its job was read finished.
		const staticData = this.getWorkflowStaticData('node');
		const scope = `${this.getWorkflow().id ?? ''}\n${this.getNode().name}`;
		const key = `${event.name}:${jobId}`;
		if (seenBefore(staticData, scope, key)) {
			return { webhookResponse: { ...NOT_STARTED, duplicate: true } };
		}
		if (!(this.getNodeParameter('fetchResults', true) as boolean)) {
			// Nothing is read: the payload is taken as sent.
			return { workflowData: [this.helpers.returnJsonArray(payloadItems(event, notification))] };
		}
		let read: NotifiedJob;
		try {
			read = await readNotifiedJob(this, event, jobId, () => copiesSeen(scope, key));
		} catch (error) {
			forget(staticData, scope, key);
			throw asNodeError(this, error, 0);
		}
		if (read.outcome !== 'finished') {
			forget(staticData, scope, key);
			return answerUnfinished(this, event, jobId, read);
		}
		const items = finishedJobItems(event, notification, read.job);
		return { workflowData: [this.helpers.returnJsonArray(items)] };
	}
}
