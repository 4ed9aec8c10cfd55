import { jobOperation } from '../jobOperation';
import { emailVerifierJob } from './emailVerifierJob';
import { verifierFields } from './verifierFields';

export const { description, execute } = jobOperation({
	resource: 'emailVerifier',
	operation: 'verify',
	kind: emailVerifierJob,
	size: 'single',
	creditNotice:
		'Costs 0.25 Enrow credit per address checked. Addresses that fail the syntax check are not sent and cost nothing.',
	fields: verifierFields,
});
