import { jobOperation } from '../jobOperation';
import { emailVerifierJob } from './emailVerifierJob';
import { verifierFields } from './verifierFields';

export const { description, execute } = jobOperation({
	resource: 'emailVerifier',
	operation: 'verifyBulk',
	kind: emailVerifierJob,
	size: 'bulk',
	creditNotice:
		'All input items go to Enrow as one bulk verification (split into jobs of 5,000). Costs 0.25 credit per address; duplicates and impossible addresses cost nothing.',
	fields: verifierFields,
});
