import type { IDataObject } from 'n8n-workflow';

import type { JobSettings } from '../../EnrowApi/jobKinds';
import { withoutInvisible } from '../../shared/readText';
import type { ItemParameters } from './jobOperation';

/**
 * The `settings` every kind of job takes. The Webhook URL option only applies when the
 * node does not wait: in "Poll Until Done" the node reads the result itself.
 */
export function readJobSettings(params: ItemParameters, itemIndex: number): JobSettings {
	const settings: JobSettings = {};
	const waitMode = params.getNodeParameter('waitMode', 0, 'poll') as string;
	if (waitMode !== 'none') return settings;
	const options = params.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const webhook =
		typeof options.webhookUrl === 'string' ? withoutInvisible(options.webhookUrl).trim() : '';
	if (webhook) settings.webhook = webhook;
	return settings;
}
