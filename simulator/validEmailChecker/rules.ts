/**
 * Deterministic verdicts of the simulated ValidEmailChecker. The address is trimmed; the local part
 * (before the last `@`) and the domain are compared lowercased. The first matching rule wins:
 *
 *  1. not `local@domain`, empty part, whitespace, or a domain without a dot  -> invalid (mx_found false)
 *  2. domain in mailinator.com, 10minutemail.com, guerrillamail.com, tempmail.dev -> disposable
 *  3. local part contains `spamtrap` or `trap`                                 -> spamtrap
 *  4. local part contains `disabled`                                          -> disabled
 *  5. local part contains `invalid` or `bounce`                               -> invalid
 *  6. local part contains `unknown`                                           -> unknown (credits_used 0, refunded)
 *  7. local part contains `full`                                              -> inbox_full
 *  8. local part contains `catchall`, or the domain starts with `catchall.`   -> catch_all
 *  9. local part contains `risky`                                             -> risky
 * 10. local part is exactly info, support, admin, sales, contact, hello or team -> role_account
 * 11. anything else                                                           -> safe
 *     unless `vec.statusMixPercent` gives this address another status: hash('vec|' + lowercased
 *     address) % 100 falls into that status's share (shares taken in the order listed above).
 *
 * Flags: is_free_email for gmail.com, yahoo.com, outlook.com, hotmail.com; is_role_account for the
 * role names of rule 10 and is_disposable for the domains of rule 2, whatever the status;
 * is_catch_all when the status is catch_all; mx_found false only under rule 1.
 *
 * Per status (is_valid, deliverability, risk_score):
 *   safe (true, high, 5)       role_account (true, high, 7)   catch_all (true, medium, 45)
 *   risky (true, medium, 60)   inbox_full (false, low, 65)    unknown (false, unknown, 50)
 *   invalid (false, low, 95)   disposable (false, low, 90)    disabled (false, low, 90)
 *   spamtrap (false, low, 100)
 * is_valid follows the docs' "true if deliverable": the Safe and Risky/conditional groups are
 * deliverable except inbox_full (full now) and unknown (no answer); the Invalid group is not.
 */

import { hashOf } from '../core/hash';

export type VecStatus =
	| 'safe'
	| 'risky'
	| 'catch_all'
	| 'role_account'
	| 'inbox_full'
	| 'unknown'
	| 'invalid'
	| 'disposable'
	| 'disabled'
	| 'spamtrap';

export interface VecVerdict {
	email: string;
	status: VecStatus;
	is_valid: boolean;
	is_disposable: boolean;
	is_role_account: boolean;
	is_catch_all: boolean;
	is_free_email: boolean;
	mx_found: boolean;
	domain: string;
	risk_score: number;
	deliverability: 'high' | 'medium' | 'low' | 'unknown';
	credits_used: number;
	verified_at: string;
	reason: string;
}

export const DISPOSABLE_DOMAINS = [
	'mailinator.com',
	'10minutemail.com',
	'guerrillamail.com',
	'tempmail.dev',
];
export const FREE_EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com'];
export const ROLE_LOCAL_PARTS = ['info', 'support', 'admin', 'sales', 'contact', 'hello', 'team'];

const PROFILE: Record<
	VecStatus,
	{ isValid: boolean; deliverability: VecVerdict['deliverability']; risk: number; reason: string }
> = {
	safe: {
		isValid: true,
		deliverability: 'high',
		risk: 5,
		reason: 'Mailbox exists and accepts mail',
	},
	role_account: { isValid: true, deliverability: 'high', risk: 7, reason: 'Role account detected' },
	catch_all: {
		isValid: true,
		deliverability: 'medium',
		risk: 45,
		reason: 'Domain accepts all addresses; mailbox cannot be confirmed',
	},
	risky: {
		isValid: true,
		deliverability: 'medium',
		risk: 60,
		reason: 'Deliverable but flagged as risky',
	},
	inbox_full: { isValid: false, deliverability: 'low', risk: 65, reason: 'Mailbox is full' },
	unknown: {
		isValid: false,
		deliverability: 'unknown',
		risk: 50,
		reason: 'Mail server did not respond; credit refunded',
	},
	invalid: { isValid: false, deliverability: 'low', risk: 95, reason: 'Mailbox does not exist' },
	disposable: {
		isValid: false,
		deliverability: 'low',
		risk: 90,
		reason: 'Disposable email address',
	},
	disabled: {
		isValid: false,
		deliverability: 'low',
		risk: 90,
		reason: 'Account has been disabled',
	},
	spamtrap: { isValid: false, deliverability: 'low', risk: 100, reason: 'Known spam trap' },
};

function splitAddress(email: string): { local: string; domain: string; wellFormed: boolean } {
	const at = email.lastIndexOf('@');
	const local = at === -1 ? email : email.slice(0, at);
	const domain = at === -1 ? '' : email.slice(at + 1);
	const wellFormed =
		at > 0 &&
		!/\s/.test(email) &&
		!local.includes('@') &&
		/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain);
	return { local, domain, wellFormed };
}

function statusOf(local: string, domain: string): VecStatus {
	const has = (...words: string[]) => words.some((word) => local.includes(word));
	if (DISPOSABLE_DOMAINS.includes(domain)) return 'disposable';
	if (has('spamtrap', 'trap')) return 'spamtrap';
	if (has('disabled')) return 'disabled';
	if (has('invalid', 'bounce')) return 'invalid';
	if (has('unknown')) return 'unknown';
	if (has('full')) return 'inbox_full';
	if (has('catchall') || domain.startsWith('catchall.')) return 'catch_all';
	if (has('risky')) return 'risky';
	if (ROLE_LOCAL_PARTS.includes(local)) return 'role_account';
	return 'safe';
}

const MIX_ORDER: VecStatus[] = [
	'disposable',
	'spamtrap',
	'disabled',
	'invalid',
	'unknown',
	'inbox_full',
	'catch_all',
	'risky',
	'role_account',
];

/** The status `statusMixPercent` gives an otherwise safe address, if any. */
function mixedStatus(
	lowerEmail: string,
	mix: Partial<Record<VecStatus, number>>,
): VecStatus | undefined {
	const draw = hashOf(`vec|${lowerEmail}`) % 100;
	let upTo = 0;
	for (const status of MIX_ORDER) {
		upTo += mix[status] ?? 0;
		if (draw < upTo) return status;
	}
	return undefined;
}

export function verdictFor(
	rawEmail: string,
	now: Date = new Date(),
	statusMixPercent: Partial<Record<VecStatus, number>> = {},
): VecVerdict {
	const email = rawEmail.trim();
	const { local, domain, wellFormed } = splitAddress(email.toLowerCase());
	let status: VecStatus = wellFormed ? statusOf(local, domain) : 'invalid';
	if (status === 'safe') status = mixedStatus(email.toLowerCase(), statusMixPercent) ?? 'safe';
	const profile = PROFILE[status];
	return {
		email,
		status,
		is_valid: profile.isValid,
		is_disposable: DISPOSABLE_DOMAINS.includes(domain) || status === 'disposable',
		is_role_account: ROLE_LOCAL_PARTS.includes(local) || status === 'role_account',
		is_catch_all: status === 'catch_all',
		is_free_email: FREE_EMAIL_DOMAINS.includes(domain),
		mx_found: wellFormed,
		domain,
		risk_score: profile.risk,
		deliverability: profile.deliverability,
		credits_used: status === 'unknown' ? 0 : 1,
		verified_at: now.toISOString(),
		reason: wellFormed ? profile.reason : 'Invalid email syntax or domain has no MX records',
	};
}
