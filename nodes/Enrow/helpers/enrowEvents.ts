import { emailFinderJob } from '../actions/emailFinder/emailFinderJob';
import { emailVerifierJob } from '../actions/emailVerifier/emailVerifierJob';
import { phoneFinderJob } from '../actions/phoneFinder/phoneFinderJob';
import type { AnyJobKind, JobType } from '../jobs/jobKind';

export interface EnrowEvent {
	name: string;
	label: string;
	kind: AnyJobKind;
	jobType: JobType;
}

/** The six completion events Enrow sends, and the job each one reports. */
export const ENROW_EVENTS: EnrowEvent[] = [
	{
		name: 'single_search_finished',
		label: 'Email Found (Single)',
		kind: emailFinderJob,
		jobType: 'single',
	},
	{
		name: 'bulk_search_finished',
		label: 'Bulk Email Search Finished',
		kind: emailFinderJob,
		jobType: 'bulk',
	},
	{
		name: 'verification_finished',
		label: 'Email Verified (Single)',
		kind: emailVerifierJob,
		jobType: 'single',
	},
	{
		name: 'bulk_verification_finished',
		label: 'Bulk Verification Finished',
		kind: emailVerifierJob,
		jobType: 'bulk',
	},
	{
		name: 'single_phone_search_finished',
		label: 'Phone Found (Single)',
		kind: phoneFinderJob,
		jobType: 'single',
	},
	{
		name: 'bulk_phone_search_finished',
		label: 'Bulk Phone Search Finished',
		kind: phoneFinderJob,
		jobType: 'bulk',
	},
];

export function findEvent(name: unknown): EnrowEvent | undefined {
	return ENROW_EVENTS.find((event) => event.name === name);
}

/** The bulk event Enrow sends when a job of this kind finishes. */
export function bulkEventOf(kind: AnyJobKind): string {
	return ENROW_EVENTS.find((event) => event.kind === kind && event.jobType === 'bulk')!.name;
}
