/**
 * What the nodes expect of each answer the live check asks for, from the newest revision of
 * Enrow's docs (the table at the top of api-docs/enrow-reference.md, then the sections it
 * does not correct) and ValidEmailChecker's docs of May 2026. One place: the live check
 * compares live answers with it, and the simulator's shape test reads which fields it calls
 * optional.
 */
import { VERIFICATION_STATUSES } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/helpers/interfaces';
import type { EnrowFailureReason } from '../../nodes/EnrowApi/transport/errors';
import {
	anyObject,
	anything,
	boolean,
	integer,
	list,
	notJson,
	nothing,
	number,
	object,
	oneOf,
	optional,
	text,
	type Shape,
} from './shape';

export interface ExpectedAnswer {
	/** Where the docs say so. */
	source: string;
	/** The HTTP statuses the nodes expect. */
	status: readonly number[];
	body: Shape;
	/** The error text the docs give, as the node quotes it (`message`, else `reason`, else `error`). */
	errorText?: string;
	/** Why the Enrow node would say the request failed (transport/errors.ts). */
	nodeReason?: EnrowFailureReason;
}

/** `credits` of verifier and phone POST answers: where the credits came from. */
const creditsSpent = object({
	amount: number,
	source: text(['sub', 'paygo', 'mixed']),
	split: object({ fromPaygo: number, fromSub: number }),
});

const errorBody = object({ message: text() });

/** A single job still running: HTTP 202 whatever the body (newest revision, Enrow's MCP server). */
const singleRunning = (fields: Parameters<typeof object>[0], source: string): ExpectedAnswer => ({
	source,
	status: [202],
	body: oneOf(object(fields), notJson),
});

const bulkRunning = (source: string, status: readonly number[] = [200]): ExpectedAnswer => ({
	source,
	status,
	body: object({
		general: object({ id: text(), status: text(['ongoing']) }),
		stats: object({ finished: integer, requested: integer }),
	}),
});

const bulkGeneral = object({
	id: text(),
	status: text(['completed', 'failed']),
	custom: optional(anything),
});

const unknownSingleJob = (source: string, errorText?: string): ExpectedAnswer => ({
	source,
	status: [500],
	body: errorBody,
	errorText,
	nodeReason: 'unknownJob',
});

const unknownBulkJob = (source: string, errorText: string): ExpectedAnswer => ({
	source,
	status: [400],
	body: errorBody,
	errorText,
	nodeReason: 'unknownJob',
});

/** A request refused for its form (an older key, a body that is not JSON): the node says it and Enrow's API disagree. */
const shapeRefusal = (source: string, errorText?: string): ExpectedAnswer => ({
	source,
	status: [400],
	body: errorBody,
	errorText,
	nodeReason: 'apiMismatch',
});

const VERIFIER_VERDICTS = ['valid', 'invalid'];
const PHONE_VERDICTS = ['found', 'not_found'];

export const EXPECTED_ANSWERS = {
	'account.info': {
		source: 'enrow-reference.md §3.13; webhooks may be absent (newest revision)',
		status: [200],
		body: object({ credits: number, webhooks: optional(list(text())) }),
	},

	'findSingle.start': {
		source: 'enrow-reference.md §3.1',
		status: [200],
		body: object({ message: text(), id: text(), credits_used: number }),
	},
	'findSingle.running': singleRunning(
		{ qualification: text(['ongoing']) },
		'enrow-reference.md §3.2; 202 (newest revision)',
	),
	'findSingle.finished': {
		source: 'enrow-reference.md §3.2',
		status: [200],
		body: object({
			email: oneOf(text(), nothing),
			custom: optional(anything),
			info: optional(
				object({
					company_domain: text(),
					fullname: text(),
					firstname: text(),
					lastname: text(),
					gender: optional(text()),
				}),
			),
			qualification: text(VERIFIER_VERDICTS),
		}),
	},
	'findSingle.unknownId': unknownSingleJob(
		'enrow-reference.md §3.2 (DOCS-new: 500 for single endpoints; no text documented)',
	),

	'findBulk.start': {
		source: 'enrow-reference.md §3.3',
		status: [201],
		body: object({ message: text(), id: text(), credits_used: number, estimated_duration: number }),
	},
	'findBulk.running': bulkRunning('enrow-get-find-bulk.txt (200; LLMS says 202)', [200, 202]),
	'findBulk.finished': {
		source: 'enrow-reference.md §3.4, enrow-get-find-bulk.txt',
		status: [200],
		body: object({
			general: bulkGeneral,
			stats: object({
				finished: integer,
				requested: integer,
				valid: integer,
				credits_cost: object({ initial: number, refunded: number, final: number }),
			}),
			results: list(
				object({
					index: text(),
					qualification: text(VERIFIER_VERDICTS),
					email: oneOf(text(), nothing),
					info: optional(
						object({
							domain: text(),
							firstname: text(),
							lastname: text(),
							fullname: optional(text()),
							gender: optional(text()),
							companyInfo: optional(object({ name: text() })),
						}),
					),
					raw_params: object({
						company_domain: optional(text()),
						company_name: optional(text()),
						fullname: text(),
					}),
					custom: optional(anything),
				}),
			),
		}),
	},
	'findBulk.unknownId': unknownBulkJob(
		'enrow-get-find-bulk.txt',
		'Could not retrieve bulk search results',
	),

	'verifySingle.start': {
		source: 'enrow-reference.md §3.5, enrow-post-verify-single.nl.txt',
		status: [200],
		body: object({ message: text(), id: text(), credits_used: number, credits: creditsSpent }),
	},
	'verifySingle.running': singleRunning(
		{ qualification: text(['ongoing']) },
		'enrow-reference.md §3.6; 202 (newest revision)',
	),
	'verifySingle.finished': {
		source: 'enrow-reference.md §3.6',
		status: [200],
		body: object({
			email: text(),
			custom: optional(anything),
			qualification: text(VERIFIER_VERDICTS),
		}),
	},
	'verifySingle.unknownId': unknownSingleJob(
		'enrow-reference.md §3.6',
		'Could not retrieve single verification results',
	),
	'verifySingle.invalidJson': shapeRefusal(
		'enrow-reference.md, newest revision: lower case on this endpoint',
		'invalid JSON input',
	),

	'verifyBulk.start': {
		source: 'enrow-reference.md, newest revision (with a credits object)',
		status: [201],
		body: object({
			message: text(),
			id: text(),
			credits_used: number,
			estimated_duration: number,
			credits: creditsSpent,
		}),
	},
	'verifyBulk.running': bulkRunning('enrow-get-verify-bulk.nl.txt (200 while running)'),
	'verifyBulk.finished': {
		source: 'enrow-reference.md §3.8, enrow-get-verify-bulk.nl.txt',
		status: [200],
		body: object({
			general: bulkGeneral,
			results: list(
				object({ email: text(), index: text(), qualification: text(VERIFIER_VERDICTS) }),
			),
			stats: object({ credits_cost: number, requested: integer, valid: integer }),
		}),
	},
	'verifyBulk.unknownId': unknownBulkJob(
		'enrow-reference.md §3.8',
		'Could not retrieve bulk verification results',
	),
	'verifyBulk.olderKey': shapeRefusal(
		'enrow-reference.md, newest revision: the API reads `verifications`, not `emails`',
		'At least 1 verification must be present in the payload',
	),

	'phoneSingle.start': {
		source: 'enrow-reference.md §3.9',
		status: [201],
		body: object({ credits_used: number, id: text(), message: text(), credits: creditsSpent }),
	},
	'phoneSingle.running': singleRunning(
		{ params: anyObject, custom: optional(anything), qualification: text(['ongoing']) },
		'enrow-reference.md §3.10 (202, the same shape)',
	),
	'phoneSingle.finished': {
		source: 'enrow-reference.md §3.10',
		status: [200],
		body: object({
			params: anyObject,
			custom: optional(anything),
			number: optional(text()),
			country: optional(text()),
			qualification: text(PHONE_VERDICTS),
		}),
	},
	'phoneSingle.unknownId': unknownSingleJob(
		'enrow-reference.md §3.10 (DOCS-new: 500 for single endpoints; no text documented)',
	),
	// Not established by any source; this is the simulator's strict reading (a 400).
	'phoneSingle.olderNames': shapeRefusal(
		'undocumented: the simulator refuses a search named only by first_name/last_name',
	),

	'phoneBulk.start': {
		source: 'enrow-reference.md §3.11',
		status: [201],
		body: object({ credits_used: number, estimated_duration: number, id: text(), message: text() }),
	},
	'phoneBulk.running': bulkRunning('enrow-reference.md §3.12 (200 while running)'),
	'phoneBulk.finished': {
		source: 'enrow-reference.md §3.12 (DOCS-new stats)',
		status: [200],
		body: object({
			general: bulkGeneral,
			results: list(
				object({
					country: optional(text()),
					index: integer,
					number: optional(text()),
					params: anyObject,
					qualification: text(PHONE_VERDICTS),
					custom: optional(anything),
				}),
			),
			stats: object({
				credits_cost: number,
				credits_to_refund: number,
				found: integer,
				requested: integer,
			}),
		}),
	},
	'phoneBulk.unknownId': unknownBulkJob(
		'enrow-reference.md §3.12',
		'Could not retrieve bulk search results',
	),

	'vec.verify': {
		source: 'validemailchecker-reference.md §4.2-4.3, validemailchecker-verify-single.txt',
		status: [200],
		body: object({
			email: text(),
			status: text(VERIFICATION_STATUSES),
			is_valid: boolean,
			is_disposable: boolean,
			is_role_account: boolean,
			is_catch_all: boolean,
			is_free_email: boolean,
			mx_found: boolean,
			domain: text(),
			risk_score: integer,
			deliverability: text(['high', 'medium', 'low', 'unknown']),
			credits_used: integer,
			verified_at: text(),
			reason: text(),
		}),
	},
	// The credential test relies on it: a request without an address is refused, free.
	'vec.noEmail': {
		source: 'validemailchecker-reference.md §8.1 (the JSON wrapper is not documented)',
		status: [400],
		body: anyObject,
		errorText: 'Email is required',
	},
} satisfies Record<string, ExpectedAnswer>;

export type ExpectedAnswerName = keyof typeof EXPECTED_ANSWERS;

export function expectedAnswer(name: string): ExpectedAnswer | undefined {
	return (EXPECTED_ANSWERS as Record<string, ExpectedAnswer>)[name];
}
