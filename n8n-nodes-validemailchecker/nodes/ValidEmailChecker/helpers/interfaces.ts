/**
 * ValidEmailChecker's answers, as documented for `POST /api/verify-single`
 * (docs of May 2026). One place for these shapes, so the transport, the output and the
 * tests agree on them.
 */

/** The ten documented verdicts. */
export const VERIFICATION_STATUSES = [
	'safe',
	'risky',
	'catch_all',
	'role_account',
	'inbox_full',
	'unknown',
	'invalid',
	'disposable',
	'disabled',
	'spamtrap',
] as const;

export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export type Deliverability = 'high' | 'medium' | 'low' | 'unknown';

/** The 200 answer: every field, every time (the docs say so; the node still checks). */
export interface VerificationResult {
	email: string;
	/** One of VERIFICATION_STATUSES; any other status is not a verdict (verificationResult.ts). */
	status: VerificationStatus | string;
	is_valid: boolean;
	is_disposable: boolean;
	is_role_account: boolean;
	is_catch_all: boolean;
	is_free_email: boolean;
	mx_found: boolean;
	domain: string;
	/** 0–100, lower is safer. */
	risk_score: number;
	deliverability: Deliverability | string;
	/** Usually 1; 0 for `unknown`, which is refunded. */
	credits_used: number;
	/** ISO 8601. */
	verified_at: string;
	reason: string;
}

/**
 * Error answers. The docs list only the status codes (400, 401, 402, 403, 429, 500);
 * bodies seen so far carry `error` (a short code) and `message` (human text).
 */
export interface VerificationErrorBody {
	error?: string;
	message?: string;
}
