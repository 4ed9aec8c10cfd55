import type { AnyJobKind } from '../jobs/jobKind';
import { emailFinderJob } from './emailFinder/emailFinderJob';
import { emailVerifierJob } from './emailVerifier/emailVerifierJob';
import { phoneFinderJob } from './phoneFinder/phoneFinderJob';

const kindOfResource: Record<string, AnyJobKind> = {
	emailFinder: emailFinderJob,
	emailVerifier: emailVerifierJob,
	phoneFinder: phoneFinderJob,
};

/** The kind of job a resource/operation starts, for a paused execution's resume. */
export function jobOperationOf(
	resource: string,
	operation: string,
): { kind: AnyJobKind; isBulkOperation: boolean } | undefined {
	const kind = kindOfResource[resource];
	if (!kind || operation === 'getResult') return undefined;
	return { kind, isBulkOperation: operation.endsWith('Bulk') };
}
