import { ENROW_JOB_KINDS, JOB_TYPES, type AnyJobKind, type JobType } from './jobKinds';

export interface EnrowEvent {
	name: string;
	label: string;
	kind: AnyJobKind;
	jobType: JobType;
}

/** The six completion events Enrow sends, and the job each one reports: two per kind of job. */
export const ENROW_EVENTS: readonly EnrowEvent[] = ENROW_JOB_KINDS.flatMap((kind) =>
	JOB_TYPES.map((jobType) => ({ ...kind.events[jobType], kind, jobType })),
);

export function findEvent(name: unknown): EnrowEvent | undefined {
	return ENROW_EVENTS.find((event) => event.name === name);
}
