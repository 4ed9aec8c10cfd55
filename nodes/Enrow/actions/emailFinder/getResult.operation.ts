import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import { emailFinderJob } from '../../../EnrowApi/jobKinds';
import { getJobResults } from '../../engine';
import { getResultProperties } from '../common.descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['emailFinder'], operation: ['getResult'] } },
	getResultProperties(),
);

/** Reads each item's job once, by Job ID and Job Type, without waiting. */
export async function execute(this: IExecuteFunctions) {
	return await getJobResults(this, emailFinderJob);
}
