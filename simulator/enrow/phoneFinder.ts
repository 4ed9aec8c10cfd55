/** Phone Finder: POST/GET /phone/single and /phone/bulk (as Enrow's docs give them). */
import { json } from '../core/http';
import type { Job } from './state';
import {
	enrowEndpoint,
	enrowError,
	creditsSpent,
	objectBody,
	pick,
	refuseIfBalanceTooLow,
	textField,
	unknownJobReply,
	webhookSetting,
	type EnrowRoute,
} from './common';
import { bulkProgress, estimatedMinutes, lookupJob, rowsInListingOrder, startJob } from './jobs';
import { findPhone, isLinkedinProfileUrl, type PhoneOutcome } from './rules';
import { bulkPhoneSearchFinished, singlePhoneSearchFinished } from './webhooks';

export const PHONE_SINGLE_PATH = '/phone/single';
export const PHONE_BULK_PATH = '/phone/bulk';

interface PhoneRow extends PhoneOutcome {
	refund: number;
	/** The search as sent (linkedin_url, or names + company), echoed as `params`. */
	params: Record<string, unknown>;
	custom: unknown;
}

/**
 * The name fields the API reads, in single searches and bulk rows: `firstname` / `lastname`
 * (newest docs revision, Enrow's MCP server). A search naming the person only with the older
 * `first_name` / `last_name` is refused like one without a name (what the live API does with
 * them is undocumented: refusing is the strict reading, so a request in the older shape fails).
 */
const NAME_FIELDS = ['firstname', 'lastname'] as const;

type ParsedSearch = { search: Parameters<typeof findPhone>[0]; params: Record<string, unknown> };

/** A usable search, 'badLinkedin' (400 Invalid linkedin_url), or 'incomplete'. */
function parseSearch(fields: Record<string, unknown>): ParsedSearch | 'badLinkedin' | 'incomplete' {
	const linkedinUrl = textField(fields, 'linkedin_url');
	if (linkedinUrl) {
		// linkedin_url "takes precedence if both options provided".
		if (!isLinkedinProfileUrl(linkedinUrl)) return 'badLinkedin';
		return { search: { linkedinUrl }, params: { linkedin_url: fields.linkedin_url } };
	}
	const company = textField(fields, 'company_domain') ?? textField(fields, 'company_name');
	const [first, last] = NAME_FIELDS;
	const firstName = textField(fields, first);
	const lastName = textField(fields, last);
	if (!firstName || !lastName || !company) return 'incomplete';
	return {
		search: { firstName, lastName, company },
		params: pick(fields, [first, last, 'company_domain', 'company_name']),
	};
}

function phoneRow(parsed: ParsedSearch, custom: unknown, cost: number): PhoneRow {
	const outcome = findPhone(parsed.search);
	return { ...outcome, refund: outcome.found ? 0 : cost, params: parsed.params, custom };
}

/** number/country only when found; `custom` only when sent. */
function phoneResult(row: PhoneRow): Record<string, unknown> {
	return row.found
		? {
				params: row.params,
				custom: row.custom,
				number: row.number,
				country: row.country,
				qualification: 'found',
			}
		: { params: row.params, custom: row.custom, qualification: 'not_found' };
}

export const postPhoneSingle: EnrowRoute = enrowEndpoint((ctx, state, apiKey) => {
	const body = objectBody(ctx.body) ?? {};
	const parsed = parseSearch(body);
	if (parsed === 'badLinkedin') return enrowError(400, 'Invalid linkedin_url');
	// Invented text: the docs give none for a search with neither option complete.
	if (parsed === 'incomplete') {
		return enrowError(
			400,
			'input payload needs either linkedin_url, or firstname, lastname and company_domain or company_name',
		);
	}
	const cost = state.config.phoneCost;
	const refused = refuseIfBalanceTooLow(state, apiKey, cost, 'single');
	if (refused) return refused;
	const row = phoneRow(parsed, body.custom, cost);
	const job = startJob(state, {
		kind: 'phoneSingle',
		path: PHONE_SINGLE_PATH,
		apiKey,
		input: [body],
		rows: [row],
		custom: body.custom,
		webhook: webhookSetting(body),
		reserved: cost,
		// A failed single job has no documented result to send, so it sends no webhook.
		notification: (done) => {
			if (done.status === 'failed') return null;
			const { number, country, params } = row;
			const qualification = row.found ? 'found' : 'not_found';
			return singlePhoneSearchFinished(done.id, row.found ? cost : 0, {
				number,
				country,
				params,
				qualification,
			});
		},
	});
	return json(201, {
		credits_used: cost,
		id: job.id,
		message: 'Single search operating',
		credits: creditsSpent(state, cost),
	});
});

export const getPhoneSingle: EnrowRoute = enrowEndpoint((ctx, state, apiKey) => {
	const id = ctx.query.id;
	if (!id) return enrowError(400, 'Missing id in the query params');
	const job = lookupJob<PhoneRow>(state, id, 'phoneSingle', apiKey);
	if (!job) return unknownJobReply(state, 'single', 'search');
	const row = job.rows[0];
	if (job.status === 'ongoing') {
		return json(202, { params: row.params, custom: row.custom, qualification: 'ongoing' });
	}
	// Undocumented: a failed single job answers like an id Enrow cannot retrieve (the new docs' 500).
	if (job.status === 'failed') return enrowError(500, 'Could not retrieve single search results');
	return json(200, phoneResult(row));
});

export const postPhoneBulk: EnrowRoute = enrowEndpoint((ctx, state, apiKey) => {
	const body = objectBody(ctx.body);
	if (!body || Object.keys(body).length === 0) return enrowError(400, 'Missing payload');
	const searches = body.searches;
	if (!Array.isArray(searches) || searches.length === 0) {
		return enrowError(400, 'At least 1 phone search must be present in the payload');
	}
	const { phoneBulkLimit, phoneCost } = state.config;
	if (searches.length > phoneBulkLimit) {
		// Invented for phone: find-bulk's documented text.
		return enrowError(400, `Too many searches. Limit is currently at ${phoneBulkLimit} per batch.`);
	}
	const parsed: ParsedSearch[] = [];
	for (const [position, search] of searches.entries()) {
		const fields = objectBody(search);
		const result = fields ? parseSearch(fields) : 'incomplete';
		if (result === 'badLinkedin') return enrowError(400, 'Invalid linkedin_url');
		// Invented for phone: find-bulk's documented message for an incomplete row.
		if (result === 'incomplete') {
			return enrowError(
				400,
				`Missing mandatory property on search n°${position + 1} of ${searches.length}`,
			);
		}
		parsed.push(result);
	}
	const cost = phoneCost * searches.length;
	const refused = refuseIfBalanceTooLow(state, apiKey, cost, 'bulk');
	if (refused) return refused;
	const job = startJob(state, {
		kind: 'phoneBulk',
		path: PHONE_BULK_PATH,
		apiKey,
		input: searches,
		rows: parsed.map((search, position) =>
			phoneRow(search, (searches[position] as Record<string, unknown>).custom, phoneCost),
		),
		custom: body.custom,
		webhook: webhookSetting(body),
		reserved: cost,
		notification: (done) => bulkPhoneSearchFinished(done.id),
	});
	return json(201, {
		credits_used: cost,
		estimated_duration: estimatedMinutes(job),
		id: job.id,
		message: 'Bulk search operating',
	});
});

function completedBulk(job: Job<PhoneRow>): Record<string, unknown> {
	return {
		general: { id: job.id, status: 'completed', custom: job.custom },
		results: rowsInListingOrder(job).map(({ row, position }) => ({
			country: row.country,
			index: position, // an integer here, unlike the email endpoints
			number: row.number,
			params: row.params,
			qualification: row.found ? 'found' : 'not_found',
			custom: row.custom,
		})),
		// The new docs' stats; credits_cost is what was finally charged.
		stats: {
			credits_cost: job.reserved - job.refunded,
			credits_to_refund: job.refunded,
			found: job.rows.filter((row) => row.found).length,
			requested: job.rows.length,
		},
	};
}

export const getPhoneBulk: EnrowRoute = enrowEndpoint((ctx, state, apiKey) => {
	const id = ctx.query.id;
	if (!id) return enrowError(400, 'Missing id in the query params');
	const job = lookupJob<PhoneRow>(state, id, 'phoneBulk', apiKey);
	if (!job) return unknownJobReply(state, 'bulk', 'search');
	if (job.status === 'ongoing') {
		return json(200, { general: { id: job.id, status: 'ongoing' }, stats: bulkProgress(job) });
	}
	if (job.status === 'failed') {
		return json(200, {
			general: { id: job.id, status: 'failed' },
			stats: {
				credits_cost: 0,
				credits_to_refund: job.refunded,
				found: 0,
				requested: job.rows.length,
			},
		});
	}
	return json(200, completedBulk(job));
});
