import type { FaultRule } from '../../simulator';

/**
 * A fault that answers a verification read the way Enrow answers a job ID it does not know: 400
 * "Could not retrieve…" on a bulk read, 500 "Could not retrieve…" on a single one. A passing
 * fault at Enrow looks the same, for a job that exists.
 */
export function unknownJobAnswer(jobType: 'single' | 'bulk', times = 1): FaultRule {
	return {
		type: 'status',
		status: jobType === 'bulk' ? 400 : 500,
		body: { message: `Could not retrieve ${jobType} verification results` },
		match: { method: 'GET', path: `/email/verify/${jobType}` },
		times,
	};
}
