import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { apiErrorText } from '../../shared/apiErrorText';
import { isObject } from '../../shared/isObject';
import { VERIFICATION_STATUSES, type VerificationResult } from './interfaces';

type FieldType = 'string' | 'boolean' | 'integer';

/** The documented fields, in the documented order, with their documented types. */
const RESULT_FIELDS: ReadonlyArray<[keyof VerificationResult, FieldType]> = [
	['email', 'string'],
	['status', 'string'],
	['is_valid', 'boolean'],
	['is_disposable', 'boolean'],
	['is_role_account', 'boolean'],
	['is_catch_all', 'boolean'],
	['is_free_email', 'boolean'],
	['mx_found', 'boolean'],
	['domain', 'string'],
	['risk_score', 'integer'],
	['deliverability', 'string'],
	['credits_used', 'integer'],
	['verified_at', 'string'],
	['reason', 'string'],
];

export const RESULT_FIELD_NAMES = RESULT_FIELDS.map(([name]) => name);

function asType(value: unknown, type: FieldType): string | boolean | number | null {
	if (value === undefined || value === null) return null;
	if (type === 'string') {
		return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
	}
	if (type === 'boolean') {
		if (typeof value === 'boolean') return value;
		if (value === 'true' || value === 1 || value === '1') return true;
		if (value === 'false' || value === 0 || value === '0') return false;
		return null;
	}
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? Math.round(number) : null;
}

function domainOf(email: string): string {
	const at = email.lastIndexOf('@');
	return at >= 0 ? email.slice(at + 1).toLowerCase() : '';
}

/** True when a 200 body is a verification result at all (an object with a status). */
export function looksLikeVerification(body: unknown): body is IDataObject {
	return isObject(body) && typeof body.status === 'string';
}

/**
 * The verdicts ValidEmailChecker documents (interfaces.ts), compared without capitals and with
 * spaces or hyphens read as underscores ("Catch-All", "Inbox Full"), plus the spellings its
 * help pages use for two of them (`role`, `spam_trap`): its API reference and its help pages
 * spell some verdicts differently, and a real verdict must not turn into an error.
 */
const VERDICTS = new Set<string>([...VERIFICATION_STATUSES, 'role', 'spam_trap']);

/** True when `status` is one of ValidEmailChecker's verdicts, false for anything else ("error", ""). */
export function isDocumentedVerdict(status: unknown): boolean {
	return (
		typeof status === 'string' &&
		VERDICTS.has(
			status
				.trim()
				.toLowerCase()
				.replace(/[\s-]+/g, '_'),
		)
	);
}

/** The item an answer is for; `sameAddressAs` when the item is a duplicate of the one sent. */
export interface AnsweredItem {
	itemIndex: number;
	sameAddressAs?: number;
}

/**
 * A 200 whose `status` is no verdict (`"error"`, say): the address was not verified, so it is
 * an error for its item, not a result a later IF node would route as one. It says what
 * ValidEmailChecker answered, what that cost (a request that fails on ValidEmailChecker's side
 * is refunded, its refund pages say) and what to do. `redact` removes the API key from quoted text.
 */
export function undocumentedVerdictError(
	node: INode,
	item: AnsweredItem,
	body: IDataObject,
	redact: (text: string) => string,
): NodeOperationError {
	const status = redact(String(body.status).slice(0, 60));
	const said = apiErrorText(body);
	const answered = said ? ` ("${redact(said)}")` : '';
	const credits =
		typeof body.credits_used === 'number' || typeof body.credits_used === 'string'
			? ` Its answer says credits_used: ${redact(String(body.credits_used))};`
			: '';
	const duplicate =
		item.sameAddressAs === undefined
			? ''
			: ` Item ${item.itemIndex} has the same address as item ${item.sameAddressAs}, which got this answer.`;
	return new NodeOperationError(
		node,
		`ValidEmailChecker gave no verdict for item ${item.itemIndex}: status "${status}"`,
		{
			itemIndex: item.itemIndex,
			description: `ValidEmailChecker answered status "${status}"${answered}, which is none of its verdicts (${VERIFICATION_STATUSES.join(', ')}), so the address was not verified.${duplicate}${credits} ValidEmailChecker refunds a request that fails on its side (check Credits History in app.validemailchecker.com). Run this item again later; if the answer stays the same, contact ValidEmailChecker support with the address.`,
		},
	);
}

/**
 * The output of one verification: every documented field in its documented type, so
 * later nodes (IF, Switch, spreadsheets) can rely on `is_valid` being a boolean and
 * `risk_score` a number. A field the API left out is null; fields the API adds later
 * are kept, after the documented ones.
 */
export function verificationOutput(body: IDataObject, sentEmail: string): IDataObject {
	const output: IDataObject = {};
	for (const [name, type] of RESULT_FIELDS) output[name] = asType(body[name], type);
	output.email ??= sentEmail;
	output.domain ??= domainOf(output.email as string);
	for (const [name, value] of Object.entries(body)) {
		if (!(name in output)) output[name] = value;
	}
	return output;
}

export const SYNTAX_REASON = 'Syntax: not a valid email address (not sent, no credit used)';

/**
 * The answer for an address that cannot exist: shaped like the API's, so a bad address
 * flows down the same branch as one the API found invalid, but it was never sent and
 * cost nothing (`credits_used: 0`).
 */
export function syntaxInvalidResult(email: string, now: Date): VerificationResult {
	return {
		email,
		status: 'invalid',
		is_valid: false,
		is_disposable: false,
		is_role_account: false,
		is_catch_all: false,
		is_free_email: false,
		mx_found: false,
		domain: domainOf(email),
		risk_score: 100,
		deliverability: 'low',
		credits_used: 0,
		verified_at: now.toISOString(),
		reason: SYNTAX_REASON,
	};
}
