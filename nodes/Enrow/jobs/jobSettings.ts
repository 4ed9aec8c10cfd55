import type { IDataObject } from 'n8n-workflow';

import type { ItemParameters, JobSettings } from './jobKind';

/**
 * The `settings` every kind of job takes. The Webhook URL option only applies when the
 * node does not wait: in "Poll Until Done" the node reads the result itself.
 */
export function jobSettings(context: ItemParameters, itemIndex: number): JobSettings {
	const settings: JobSettings = {};
	const waitMode = context.getNodeParameter('waitMode', 0, 'poll') as string;
	if (waitMode !== 'none') return settings;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (typeof options.webhookUrl === 'string' && options.webhookUrl.trim()) {
		settings.webhook = options.webhookUrl.trim();
	}
	return settings;
}

/** A request body with its `settings`, left out when there are none. */
export function withSettings(body: IDataObject, settings: JobSettings): IDataObject {
	return Object.keys(settings).length > 0 ? { ...body, settings } : body;
}
