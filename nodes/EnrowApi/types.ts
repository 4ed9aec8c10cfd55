/**
 * Enrow's answers to starting a job and to the account request, from Enrow's docs. What a
 * job's own answers hold (results, rows) is in jobKinds/answers.ts.
 */

export interface StartJobResponse {
	message?: string;
	id: string;
	credits_used?: number;
	/** Bulk only: minutes, "not guaranteed". */
	estimated_duration?: number;
}

export interface AccountInfo {
	/** A number in the docs; text such as "1,250" is read too (account.ts). */
	credits: number;
	webhooks: string[];
}
