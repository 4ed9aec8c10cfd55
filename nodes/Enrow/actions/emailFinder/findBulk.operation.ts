import { jobOperation } from '../jobOperation';
import { emailFinderJob } from './emailFinderJob';
import { finderFields, finderOptions } from './finderFields';

export const { description, execute } = jobOperation({
	resource: 'emailFinder',
	operation: 'findBulk',
	kind: emailFinderJob,
	size: 'bulk',
	creditNotice:
		'All input items go to Enrow as one bulk search (split into jobs of 5,000). Costs 1 credit per email found; duplicates are searched once.',
	fields: finderFields,
	options: finderOptions,
});
