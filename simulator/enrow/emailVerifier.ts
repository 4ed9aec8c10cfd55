/** Email Verifier: POST/GET /email/verify/single and /email/verify/bulk, as Enrow's docs give them. */
import { randomUUID } from 'crypto';
import { json } from '../core/http';
import type { Job } from './state';
import {
	enrowEndpoint,
	enrowError,
	objectBody,
	creditsSpent,
	refuseIfBalanceTooLow,
	unknownJobReply,
	webhookSetting,
	type EnrowRoute,
} from './common';
import { bulkProgress, estimatedMinutes, lookupJob, rowsInListingOrder, startJob } from './jobs';
import { looksLikeEmail, verifyEmail } from './rules';
import { bulkVerificationFinished, verificationFinished } from './webhooks';

export const VERIFY_SINGLE_PATH = '/email/verify/single';
export const VERIFY_BULK_PATH = '/email/verify/bulk';
const BULK_LIMIT = 5000;
const COST = 0.25;

interface VerifierRow {
	refund: number;
	email: string;
	qualification: 'valid' | 'invalid';
	/** Bulk only: a random UUID per row, not a position (the new docs). */
	index: string;
	custom?: unknown;
}

const verifierRow = (email: string, invalidPercent: number, custom?: unknown): VerifierRow => ({
	refund: 0, // a verification is charged whatever its verdict
	email,
	qualification: verifyEmail(email, invalidPercent),
	index: randomUUID(),
	custom,
});

export const postVerifySingle: EnrowRoute = enrowEndpoint(
	(ctx, state, apiKey) => {
		const body = objectBody(ctx.body) ?? {};
		const email = body.email;
		if (typeof email !== 'string' || !looksLikeEmail(email)) {
			return enrowError(400, 'invalid email format');
		}
		const refused = refuseIfBalanceTooLow(state, apiKey, COST, 'single');
		if (refused) return refused;
		const row = verifierRow(email, state.config.verifierInvalidPercent, body.custom);
		const job = startJob(state, {
			kind: 'verifySingle',
			path: VERIFY_SINGLE_PATH,
			apiKey,
			input: [body],
			rows: [row],
			custom: body.custom,
			webhook: webhookSetting(body),
			reserved: COST,
			// A failed single job has no documented result to send, so it sends no webhook.
			notification: (done) =>
				done.status === 'failed'
					? null
					: verificationFinished(done.id, {
							email: row.email,
							qualification: row.qualification,
							custom: row.custom,
						}),
		});
		return json(200, {
			message: 'Single verification operating',
			id: job.id,
			credits_used: COST,
			credits: creditsSpent(state, COST),
		});
	},
	// Lower case on this endpoint in the newest docs revision; the others keep the older docs' text.
	{ invalidJsonText: 'invalid JSON input' },
);

export const getVerifySingle: EnrowRoute = enrowEndpoint((ctx, state, apiKey) => {
	const id = ctx.query.id;
	if (!id) return enrowError(400, 'The single verif id is missing in the URL query string');
	const job = lookupJob<VerifierRow>(state, id, 'verifySingle', apiKey);
	if (!job) return unknownJobReply(state, 'single', 'verification');
	if (job.status === 'ongoing') return json(202, { qualification: 'ongoing' });
	// Undocumented: a failed single job answers like an id Enrow cannot retrieve (the new docs' 500).
	if (job.status === 'failed')
		return enrowError(500, 'Could not retrieve single verification results');
	const { email, custom, qualification } = job.rows[0];
	return json(200, { email, custom, qualification });
});

export const postVerifyBulk: EnrowRoute = enrowEndpoint((ctx, state, apiKey) => {
	const body = objectBody(ctx.body);
	if (!body || Object.keys(body).length === 0) return enrowError(400, 'Missing payload');
	// The API reads `verifications` (newest docs revision, Enrow's MCP server); a request with
	// only the older `emails` key is answered as one without addresses.
	const emails = body.verifications;
	if (!Array.isArray(emails) || emails.length === 0)
		return enrowError(400, 'At least 1 verification must be present in the payload');
	if (emails.length > BULK_LIMIT) {
		return enrowError(
			400,
			`Too many verifications. Limit is currently at ${BULK_LIMIT} per batch.`,
		);
	}
	// Invented text: the docs give none for an entry that is not a string. Find-bulk's docs list
	// a message cut off at "Error while par…", completed here as a guess.
	if (emails.some((email) => typeof email !== 'string')) {
		return enrowError(400, 'Error while parsing verifications payload');
	}
	const cost = COST * emails.length; // duplicates are charged per row
	const refused = refuseIfBalanceTooLow(state, apiKey, cost, 'bulk');
	if (refused) return refused;
	const job = startJob(state, {
		kind: 'verifyBulk',
		path: VERIFY_BULK_PATH,
		apiKey,
		input: emails,
		rows: (emails as string[]).map((email) =>
			verifierRow(email, state.config.verifierInvalidPercent),
		),
		custom: body.custom,
		webhook: webhookSetting(body),
		reserved: cost,
		notification: (done) => bulkVerificationFinished(done.id, done.reserved - done.refunded),
	});
	return json(201, {
		message: 'Bulk verification operating',
		id: job.id,
		credits_used: cost,
		estimated_duration: estimatedMinutes(job),
		credits: creditsSpent(state, cost),
	});
});

function completedBulk(job: Job<VerifierRow>): Record<string, unknown> {
	return {
		general: { id: job.id, status: 'completed', custom: job.custom },
		results: rowsInListingOrder(job).map(({ row }) => ({
			email: row.email,
			index: row.index,
			qualification: row.qualification,
		})),
		// credits_cost is a plain number here, unlike find-bulk's object.
		stats: {
			credits_cost: job.reserved - job.refunded,
			requested: job.rows.length,
			valid: job.rows.filter((row) => row.qualification === 'valid').length,
		},
	};
}

export const getVerifyBulk: EnrowRoute = enrowEndpoint((ctx, state, apiKey) => {
	const id = ctx.query.id;
	if (!id) return enrowError(400, 'Missing id in the query params');
	const job = lookupJob<VerifierRow>(state, id, 'verifyBulk', apiKey);
	if (!job) return unknownJobReply(state, 'bulk', 'verification');
	if (job.status === 'ongoing') {
		// 200 while ongoing (the new docs), not 202.
		return json(200, { general: { id: job.id, status: 'ongoing' }, stats: bulkProgress(job) });
	}
	if (job.status === 'failed') {
		return json(200, {
			general: { id: job.id, status: 'failed' },
			stats: { credits_cost: 0, requested: job.rows.length, valid: 0 },
		});
	}
	return json(200, completedBulk(job));
});
