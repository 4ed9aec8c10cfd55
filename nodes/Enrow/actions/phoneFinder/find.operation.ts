import { jobOperation } from '../jobOperation';
import { phoneFinderJob } from './phoneFinderJob';
import { phoneFields } from './phoneFields';

export const { description, execute } = jobOperation({
	resource: 'phoneFinder',
	operation: 'find',
	kind: phoneFinderJob,
	size: 'single',
	creditNotice:
		'Costs 40 Enrow credits per phone number found (50 on legacy plans). Searches that find nothing are refunded.',
	fields: phoneFields,
});
