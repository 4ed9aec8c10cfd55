/** Email Finder: POST/GET /email/find/single and /email/find/bulk (as Enrow's docs give them). */
import { json, type Reply } from '../core/http';
import type { Job } from './state';
import {
	enrowEndpoint,
	enrowError,
	objectBody,
	pick,
	refuseIfBalanceTooLow,
	textField,
	unknownJobReply,
	webhookSetting,
	type EnrowRoute,
} from './common';
import { bulkProgress, estimatedMinutes, lookupJob, rowsInListingOrder, startJob } from './jobs';
import { companyNameFromDomain, findEmail, type FinderOutcome } from './rules';
import { bulkSearchFinished, singleSearchFinished } from './webhooks';

export const FIND_SINGLE_PATH = '/email/find/single';
export const FIND_BULK_PATH = '/email/find/bulk';
const BULK_LIMIT = 5000;

interface FinderRow extends FinderOutcome {
	refund: number;
	fullname: string;
	companyName?: string;
	/** The search's fields as sent, echoed as `raw_params`. */
	rawParams: Record<string, unknown>;
	custom: unknown;
}

function finderRow(
	search: Record<string, unknown>,
	retrieveGender: boolean,
	missPercent: number,
): FinderRow {
	const fullname = textField(search, 'fullname') ?? '';
	const companyDomain = textField(search, 'company_domain');
	const companyName = textField(search, 'company_name');
	const outcome = findEmail({ fullname, companyDomain, companyName, retrieveGender }, missPercent);
	return {
		...outcome,
		refund: outcome.found ? 0 : 1,
		fullname,
		companyName,
		rawParams: pick(search, ['company_domain', 'company_name', 'fullname']),
		custom: search.custom,
	};
}

const hasCompany = (search: Record<string, unknown>) =>
	textField(search, 'company_domain') !== undefined ||
	textField(search, 'company_name') !== undefined;

const wantsGender = (body: Record<string, unknown>) =>
	objectBody(body.settings)?.retrieve_gender === true;

/** The single GET's completed body, also the `result` of single_search_finished. */
function singleResult(row: FinderRow): Record<string, unknown> {
	if (!row.found) return { email: null, custom: row.custom, qualification: 'invalid' };
	const { domain, fullname, firstname, lastname, gender } = row;
	return {
		email: row.email,
		custom: row.custom,
		info: { company_domain: domain, fullname, firstname, lastname, ...(gender ? { gender } : {}) },
		qualification: 'valid',
	};
}

export const postFindSingle: EnrowRoute = enrowEndpoint((ctx, state, apiKey) => {
	const body = objectBody(ctx.body) ?? {};
	if (!textField(body, 'fullname')) return enrowError(400, 'input payload is missing fullname');
	if (!hasCompany(body)) {
		return enrowError(
			400,
			'both company_domain and company_name are absent, input payload needs at least one of them',
		);
	}
	const refused = refuseIfBalanceTooLow(state, apiKey, 1, 'single');
	if (refused) return refused;
	const row = finderRow(body, wantsGender(body), state.config.finderMissPercent);
	const job = startJob(state, {
		kind: 'findSingle',
		path: FIND_SINGLE_PATH,
		apiKey,
		input: [body],
		rows: [row],
		custom: body.custom,
		webhook: webhookSetting(body),
		reserved: 1,
		// A failed single job has no documented result to send, so it sends no webhook.
		notification: (done) =>
			done.status === 'failed'
				? null
				: singleSearchFinished(done.id, row.found ? 1 : 0, singleResult(row)),
	});
	return json(200, { message: 'Single search operating', id: job.id, credits_used: 1 });
});

export const getFindSingle: EnrowRoute = enrowEndpoint((ctx, state, apiKey) => {
	const id = ctx.query.id;
	if (!id) return enrowError(400, 'Missing id in the query params');
	const job = lookupJob<FinderRow>(state, id, 'findSingle', apiKey);
	if (!job) return unknownJobReply(state, 'single', 'search');
	if (job.status === 'ongoing') return json(202, { qualification: 'ongoing' });
	// Undocumented: a failed single job answers like an id Enrow cannot retrieve (the new docs' 500).
	if (job.status === 'failed') return enrowError(500, 'Could not retrieve single search results');
	return json(200, singleResult(job.rows[0]));
});

export const postFindBulk: EnrowRoute = enrowEndpoint((ctx, state, apiKey) => {
	const body = objectBody(ctx.body);
	if (!body || Object.keys(body).length === 0) return enrowError(400, 'Missing payload');
	const searches = body.searches;
	if (!Array.isArray(searches) || searches.length === 0) {
		return enrowError(400, 'Missing searches payload');
	}
	if (searches.length > BULK_LIMIT) {
		return enrowError(400, `Too many searches. Limit is currently at ${BULK_LIMIT} per batch.`);
	}
	const invalidAt = searches.findIndex((search) => {
		const fields = objectBody(search);
		return !fields || !textField(fields, 'fullname') || !hasCompany(fields);
	});
	if (invalidAt !== -1) {
		return enrowError(
			400,
			`Missing mandatory property on search n°${invalidAt + 1} of ${searches.length}`,
		);
	}
	// Every row is reserved, duplicates included: Enrow does not dedupe.
	const refused = refuseIfBalanceTooLow(state, apiKey, searches.length, 'bulk');
	if (refused) return refused;
	const gender = wantsGender(body);
	const { finderMissPercent } = state.config;
	const job = startJob(state, {
		kind: 'findBulk',
		path: FIND_BULK_PATH,
		apiKey,
		input: searches,
		rows: searches.map((search) =>
			finderRow(search as Record<string, unknown>, gender, finderMissPercent),
		),
		custom: body.custom,
		webhook: webhookSetting(body),
		reserved: searches.length,
		notification: (done) => bulkSearchFinished(done.id, done.reserved - done.refunded),
	});
	return json(201, {
		message: 'Bulk search operating',
		id: job.id,
		credits_used: searches.length,
		estimated_duration: estimatedMinutes(job),
	});
});

function bulkResultRow(row: FinderRow, position: number): Record<string, unknown> {
	return {
		index: String(position), // a string here (the new docs), unlike phone bulk's integer
		qualification: row.found ? 'valid' : 'invalid',
		email: row.email,
		...(row.found
			? {
					info: {
						domain: row.domain,
						firstname: row.firstname,
						lastname: row.lastname,
						companyInfo: { name: row.companyName ?? companyNameFromDomain(row.domain) },
					},
				}
			: {}),
		raw_params: row.rawParams,
		custom: row.custom,
	};
}

function completedBulk(job: Job<FinderRow>): Record<string, unknown> {
	const valid = job.rows.filter((row) => row.found).length;
	return {
		general: { id: job.id, status: 'completed', custom: job.custom },
		stats: {
			...bulkProgress(job),
			valid,
			credits_cost: {
				initial: job.reserved,
				refunded: job.refunded,
				final: job.reserved - job.refunded,
			},
		},
		results: rowsInListingOrder(job).map(({ row, position }) => bulkResultRow(row, position)),
	};
}

export const getFindBulk: EnrowRoute = enrowEndpoint((ctx, state, apiKey): Reply => {
	const id = ctx.query.id;
	if (!id) return enrowError(400, 'Missing id in the query params');
	const job = lookupJob<FinderRow>(state, id, 'findBulk', apiKey);
	if (!job) return unknownJobReply(state, 'bulk', 'search');
	if (job.status === 'ongoing') {
		return json(state.config.findBulkOngoingStatus, {
			general: { id: job.id, status: 'ongoing' },
			stats: bulkProgress(job),
		});
	}
	if (job.status === 'failed') {
		// Documented status value; no results. Every reserved credit is refunded.
		return json(200, {
			general: { id: job.id, status: 'failed' },
			stats: {
				finished: 0,
				requested: job.rows.length,
				valid: 0,
				credits_cost: { initial: job.reserved, refunded: job.refunded, final: 0 },
			},
		});
	}
	return json(200, completedBulk(job));
});
