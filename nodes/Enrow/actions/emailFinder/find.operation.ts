import { jobOperation } from '../jobOperation';
import { emailFinderJob } from './emailFinderJob';
import { finderFields, finderOptions } from './finderFields';

export const { description, execute } = jobOperation({
	resource: 'emailFinder',
	operation: 'find',
	kind: emailFinderJob,
	size: 'single',
	creditNotice: 'Costs 1 Enrow credit per email found. Searches that find nothing are refunded.',
	fields: finderFields,
	options: finderOptions,
});
