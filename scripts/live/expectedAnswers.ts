/**
 * What the nodes expect of each answer the live check asks for, from the newest revision of
 * Enrow's docs (where its revisions disagree, the README's "Where Enrow's docs disagree" gives
 * the choice) and ValidEmailChecker's docs of May 2026. One place: the live check
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
		source: "Enrow's docs, GET /account/info; webhooks may be absent (newest revision)",
		status: [200],
		body: object({ credits: number, webhooks: optional(list(text())) }),
	},

	'findSingle.start': {
		source: "Enrow's docs, POST /email/find/single",
		status: [200],
		body: object({ message: text(), id: text(), credits_used: number }),
	},
	'findSingle.running': singleRunning(
		{ qualification: text(['ongoing']) },
		"Enrow's docs, GET /email/find/single; 202 (newest revision)",
	),
	'findSingle.finished': {
		source: "Enrow's docs, GET /email/find/single",
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
		"Enrow's docs, GET /email/find/single (the new docs: 500 for single endpoints; no text documented)",
	),

	'findBulk.start': {
		source: "Enrow's docs, POST /email/find/bulk",
		status: [201],
		body: object({ message: text(), id: text(), credits_used: number, estimated_duration: number }),
	},
	'findBulk.running': bulkRunning(
		"Enrow's GET /email/find/bulk page (200; the older docs say 202)",
		[200, 202],
	),
	'findBulk.finished': {
		source: "Enrow's docs and their GET /email/find/bulk page",
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
		"Enrow's GET /email/find/bulk page",
		'Could not retrieve bulk search results',
	),

	'verifySingle.start': {
		source: "Enrow's docs and their POST /email/verify/single page",
		status: [200],
		body: object({ message: text(), id: text(), credits_used: number, credits: creditsSpent }),
	},
	'verifySingle.running': singleRunning(
		{ qualification: text(['ongoing']) },
		"Enrow's docs, GET /email/verify/single; 202 (newest revision)",
	),
	'verifySingle.finished': {
		source: "Enrow's docs, GET /email/verify/single",
		status: [200],
		body: object({
			email: text(),
			custom: optional(anything),
			qualification: text(VERIFIER_VERDICTS),
		}),
	},
	'verifySingle.unknownId': unknownSingleJob(
		"Enrow's docs, GET /email/verify/single",
		'Could not retrieve single verification results',
	),
	'verifySingle.invalidJson': shapeRefusal(
		"Enrow's newest docs revision: lower case on this endpoint",
		'invalid JSON input',
	),

	'verifyBulk.start': {
		source: "Enrow's newest docs revision (with a credits object)",
		status: [201],
		body: object({
			message: text(),
			id: text(),
			credits_used: number,
			estimated_duration: number,
			credits: creditsSpent,
		}),
	},
	'verifyBulk.running': bulkRunning("Enrow's GET /email/verify/bulk page (200 while running)"),
	'verifyBulk.finished': {
		source: "Enrow's docs and their GET /email/verify/bulk page",
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
		"Enrow's docs, GET /email/verify/bulk",
		'Could not retrieve bulk verification results',
	),
	'verifyBulk.olderKey': shapeRefusal(
		"Enrow's newest docs revision: the API reads `verifications`, not `emails`",
		'At least 1 verification must be present in the payload',
	),

	'phoneSingle.start': {
		source: "Enrow's docs, POST /phone/single",
		status: [201],
		body: object({ credits_used: number, id: text(), message: text(), credits: creditsSpent }),
	},
	'phoneSingle.running': singleRunning(
		{ params: anyObject, custom: optional(anything), qualification: text(['ongoing']) },
		"Enrow's docs, GET /phone/single (202, the same shape)",
	),
	'phoneSingle.finished': {
		source: "Enrow's docs, GET /phone/single",
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
		"Enrow's docs, GET /phone/single (the new docs: 500 for single endpoints; no text documented)",
	),
	// Not established by any source; this is the simulator's strict reading (a 400).
	'phoneSingle.olderNames': shapeRefusal(
		'undocumented: the simulator refuses a search named only by first_name/last_name',
	),

	'phoneBulk.start': {
		source: "Enrow's docs, POST /phone/bulk",
		status: [201],
		body: object({ credits_used: number, estimated_duration: number, id: text(), message: text() }),
	},
	'phoneBulk.running': bulkRunning("Enrow's docs, GET /phone/bulk (200 while running)"),
	'phoneBulk.finished': {
		source: "Enrow's docs, GET /phone/bulk (the new docs' stats)",
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
		"Enrow's docs, GET /phone/bulk",
		'Could not retrieve bulk search results',
	),

	'vec.verify': {
		source: "ValidEmailChecker's docs: POST /api/verify-single and its answer",
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
		source: "ValidEmailChecker's docs: errors (the JSON wrapper is not documented)",
		status: [400],
		body: anyObject,
		errorText: 'Email is required',
	},
} satisfies Record<string, ExpectedAnswer>;

export type ExpectedAnswerName = keyof typeof EXPECTED_ANSWERS;

export function expectedAnswer(name: string): ExpectedAnswer | undefined {
	return (EXPECTED_ANSWERS as Record<string, ExpectedAnswer>)[name];
}
