import { emailFinderJob } from './emailFinder';
import { emailVerifierJob } from './emailVerifier';
import type { AnyJobKind } from './jobKind';
import { phoneFinderJob } from './phoneFinder';

export { emailFinderJob, emailVerifierJob, phoneFinderJob };
export type * from './answers';
export type { FinderFields } from './emailFinder';
export { addressKey, type VerifierFields } from './emailVerifier';
export type { PhoneFields } from './phoneFinder';
export * from './jobKind';
export * from './rowReferences';

/** Enrow's three kinds of job, in the order the Enrow node and the Enrow Trigger list them. */
export const ENROW_JOB_KINDS: readonly AnyJobKind[] = [
	emailFinderJob,
	emailVerifierJob,
	phoneFinderJob,
];
