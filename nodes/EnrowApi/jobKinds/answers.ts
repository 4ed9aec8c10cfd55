/**
 * What Enrow answers for a job (a single job's result, a bulk job's rows), from Enrow's docs.
 * Where the docs contradict each other (see the README's "Where Enrow's docs disagree") both
 * forms are typed.
 */

export type JobStatus = 'completed' | 'ongoing' | 'failed';

/** Custom data comes back as sent: an object on single jobs, a string (or object) per bulk row. */
export type CustomValue = string | Record<string, unknown> | undefined;

export interface FinderSingleResult {
	email?: string | null;
	qualification: 'valid' | 'invalid' | 'ongoing' | string;
	custom?: CustomValue;
	info?: {
		company_domain?: string;
		fullname?: string;
		firstname?: string;
		lastname?: string;
		gender?: string;
	};
}

export interface VerifierSingleResult {
	email?: string;
	qualification: 'valid' | 'invalid' | 'ongoing' | string;
	custom?: CustomValue;
}

export interface PhoneSingleResult {
	params?: Record<string, unknown>;
	custom?: CustomValue;
	number?: string;
	country?: string;
	qualification: 'found' | 'not_found' | 'ongoing' | string;
}

export interface FinderBulkRow {
	index: string;
	qualification: 'valid' | 'invalid' | string;
	email: string | null;
	info?: {
		domain?: string;
		firstname?: string;
		lastname?: string;
		fullname?: string;
		gender?: string;
		companyInfo?: { name?: string };
	};
	raw_params?: { company_domain?: string; company_name?: string; fullname?: string };
	custom?: CustomValue;
}

export interface VerifierBulkRow {
	email: string;
	/** A UUID, not a position: rows are matched back by address. */
	index: string;
	qualification: 'valid' | 'invalid' | string;
}

export interface PhoneBulkRow {
	/** An integer position here, unlike the email endpoints. */
	index: number;
	qualification: 'found' | 'not_found' | string;
	number?: string;
	country?: string;
	params?: Record<string, unknown>;
	custom?: CustomValue;
}

export interface BulkJobResult<Row> {
	general: { id: string; status: JobStatus | string; custom?: CustomValue };
	stats?: {
		finished?: number;
		requested?: number;
		valid?: number;
		found?: number;
		/** An object on email-finder jobs, a number on verifier and phone jobs. */
		credits_cost?: number | { initial?: number; refunded?: number; final?: number };
		credits_to_refund?: number;
	};
	results?: Row[];
}
