import { emailFinderResource } from './emailFinder';
import { emailVerifierResource } from './emailVerifier';
import type { AnyJobResource } from './jobResource';
import { phoneFinderResource } from './phoneFinder';

/** The Enrow node's kinds of job, in the order its panels list them. */
export const JOB_RESOURCES: readonly AnyJobResource[] = [
	emailFinderResource,
	emailVerifierResource,
	phoneFinderResource,
];
