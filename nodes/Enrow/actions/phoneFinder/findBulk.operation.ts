import { jobOperation } from '../jobOperation';
import { phoneFinderJob } from './phoneFinderJob';
import { phoneFields } from './phoneFields';

export const { description, execute } = jobOperation({
	resource: 'phoneFinder',
	operation: 'findBulk',
	kind: phoneFinderJob,
	size: 'bulk',
	creditNotice:
		'All input items go to Enrow as one bulk phone search (split into jobs of 3,000). Costs 40 credits per phone found (50 on legacy plans); duplicates are searched once.',
	fields: phoneFields,
});
