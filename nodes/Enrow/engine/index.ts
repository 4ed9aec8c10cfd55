/**
 * The Enrow node's job engine: what every job-starting operation does (plan → start →
 * wait: poll or pause → pair → finish), and Get Result. nodes/Enrow/actions/ (the router and
 * each kind's input reader) uses these and nothing else of this folder.
 */
export { readChoice } from './choices';
export { getJobResults } from './getResult';
export type { ItemParameters, JobInput, JobInputReader, JobOperation } from './jobOperation';
export { readJobSettings } from './jobSettings';
export { enrowResumeWebhooks, refuseResume, resumeJobs } from './resumeJobs';
export { runJobs } from './runJobs';
