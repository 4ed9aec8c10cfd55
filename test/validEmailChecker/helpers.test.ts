import type { INode } from 'n8n-workflow';

import { ValidEmailChecker } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node';
import {
	DEFAULT_CONCURRENCY,
	MAX_CONCURRENCY,
} from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/actions/email/verify.operation';
import { VERIFICATION_STATUSES } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/helpers/interfaces';
import {
	RESULT_FIELD_NAMES,
	SYNTAX_REASON,
	syntaxInvalidResult,
	verificationOutput,
} from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/helpers/verificationResult';
import {
	endsTheRun,
	vecHttpError,
	vecNetworkError,
} from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport/errors';
import {
	dailyResetAtMs,
	isDailyLimit,
	isLongPerMinuteWait,
	retryHintMs,
} from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport/rateLimits';
import type { ApiResponse } from '../../nodes/shared/apiAnswer';

const node: INode = {
	id: 'n',
	name: 'ValidEmailChecker',
	type: 'n8n-nodes-validemailchecker.validEmailChecker',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const noRedaction = (text: string) => text;
const call = { itemIndex: 3, attempts: 1, waitedMs: 0 };
const NOW = Date.parse('2026-05-19T20:00:00Z');
/** The node's error for item 3's answer, unredacted. */
const errorFor = (answer: ApiResponse) => vecHttpError(node, call, answer, NOW, noRedaction);

function tooMany(message: string, retryAfter?: string, error = 'rate_limit_exceeded'): ApiResponse {
	return {
		statusCode: 429,
		headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
		body: { error, message },
	};
}

describe('node description (names, credential and parameters the package promises)', () => {
	const { description } = new ValidEmailChecker();

	it('has the contracted names', () => {
		expect(description.name).toBe('validEmailChecker');
		expect(description.displayName).toBe('ValidEmailChecker');
		expect(description.version).toBe(1);
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toBeTruthy();
		expect(description.credentials).toEqual([{ name: 'validEmailCheckerApi', required: true }]);
	});

	it('offers resource email, operation verify ("Verify an email"), email and options', () => {
		const byName = Object.fromEntries(description.properties.map((p) => [p.name, p]));
		expect(byName.resource.options).toEqual([{ name: 'Email', value: 'email' }]);
		expect(byName.operation.options).toEqual([
			expect.objectContaining({ value: 'verify', action: 'Verify an email' }),
		]);
		expect(byName.email).toMatchObject({ type: 'string', required: true });
		const options = Object.fromEntries(
			(byName.options.options as Array<{ name: string }>).map((o) => [o.name, o]),
		);
		expect(options.concurrency).toMatchObject({
			type: 'number',
			default: DEFAULT_CONCURRENCY,
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
		});
		expect(DEFAULT_CONCURRENCY).toBe(5);
		expect(options.includeInputFields).toMatchObject({ type: 'boolean', default: false });
		expect(byName.creditNotice.displayName).toMatch(
			/1 ValidEmailChecker credit.*unknown.*refunded.*same run.*verified once/,
		);
		// How long a list takes, and where big lists go.
		expect(byName.paceNotice.displayName).toMatch(
			/60 verifications a minute per account.*N ÷ 60 minutes.*Enrow's "Verify emails in bulk" \(0\.25 credit per address, 5,000 per job\)/,
		);
	});
});

describe('verificationOutput', () => {
	it('keeps the documented fields in their documented types and order', () => {
		const output = verificationOutput(
			{
				email: 'support@validemailchecker.com',
				status: 'role_account',
				is_valid: 'true',
				is_disposable: false,
				is_role_account: 1,
				is_catch_all: '0',
				is_free_email: false,
				mx_found: true,
				domain: 'validemailchecker.com',
				risk_score: '7',
				deliverability: 'high',
				credits_used: 1,
				verified_at: '2026-05-19T20:35:27.124Z',
				reason: 'Role account detected',
			},
			'support@validemailchecker.com',
		);
		expect(Object.keys(output)).toEqual(RESULT_FIELD_NAMES);
		expect(output).toMatchObject({
			is_valid: true,
			is_role_account: true,
			is_catch_all: false,
			risk_score: 7,
		});
	});

	it('gives null for a missing field, the sent address and its domain as fallbacks, and keeps new fields', () => {
		const output = verificationOutput(
			{ status: 'safe', is_valid: true, new_field: 'x' },
			'pam@dundermifflin.com',
		);
		expect(output).toMatchObject({
			email: 'pam@dundermifflin.com',
			domain: 'dundermifflin.com',
			risk_score: null,
			reason: null,
			new_field: 'x',
		});
		expect(Object.keys(output).slice(0, RESULT_FIELD_NAMES.length)).toEqual(RESULT_FIELD_NAMES);
	});
});

describe('syntaxInvalidResult', () => {
	it('answers like the API would for an invalid address, with no credit used', () => {
		const result = syntaxInvalidResult('pam@@dundermifflin', new Date(NOW));
		expect(Object.keys(result)).toEqual(RESULT_FIELD_NAMES);
		expect(result).toEqual({
			email: 'pam@@dundermifflin',
			status: 'invalid',
			is_valid: false,
			is_disposable: false,
			is_role_account: false,
			is_catch_all: false,
			is_free_email: false,
			mx_found: false,
			domain: 'dundermifflin',
			risk_score: 100,
			deliverability: 'low',
			credits_used: 0,
			verified_at: '2026-05-19T20:00:00.000Z',
			reason: SYNTAX_REASON,
		});
		expect(VERIFICATION_STATUSES).toContain(result.status);
	});
});

describe('isDailyLimit', () => {
	it('is a per-minute limit when the server asks for a minute or less and says nothing of days', () => {
		expect(isDailyLimit(tooMany('Rate limit exceeded (per-minute)', '42'))).toBe(false);
		expect(isDailyLimit(tooMany('Rate limit exceeded (per-minute)', '60'))).toBe(false);
		expect(isDailyLimit(tooMany('Too Many Requests'))).toBe(false);
	});

	it('is not the daily quota just because the server asks for a long wait', () => {
		expect(isDailyLimit(tooMany('Too Many Requests', '61'))).toBe(false);
		expect(isDailyLimit(tooMany('Rate limit exceeded', '14400'))).toBe(false);
		expect(isLongPerMinuteWait(tooMany('Rate limit exceeded', '14400'), NOW)).toBe(true);
		expect(isLongPerMinuteWait(tooMany('Rate limit exceeded', '60'), NOW)).toBe(false);
		expect(isLongPerMinuteWait(tooMany('Daily limit exceeded', '14400'), NOW)).toBe(false);
	});

	it('is the daily quota when the message or code says so, even just before the reset', () => {
		expect(isDailyLimit(tooMany('Daily limit exceeded (per-day)', '30'))).toBe(true);
		expect(isDailyLimit(tooMany('Quota reached for today'))).toBe(true);
		expect(isDailyLimit(tooMany('Limit reached', undefined, 'daily_limit_exceeded'))).toBe(true);
		const perDayWindow = { error: 'Rate limit exceeded', window: '1 day' };
		expect(isDailyLimit({ statusCode: 429, headers: {}, body: perDayWindow })).toBe(true);
	});

	it('reads the documented bodies: resets_at means the day, retry_after_seconds the minute', () => {
		const daily = {
			error: 'Daily limit exceeded',
			limit: 10000,
			current: 10001,
			resets_at: 'midnight UTC',
		};
		expect(isDailyLimit({ statusCode: 429, headers: {}, body: daily })).toBe(true);
		const perMinute = {
			error: 'Rate limit exceeded',
			limit: 60,
			window: '1 minute',
			current: 61,
			retry_after_seconds: 45,
		};
		expect(isDailyLimit({ statusCode: 429, headers: {}, body: perMinute })).toBe(false);
		expect(
			isDailyLimit({
				statusCode: 429,
				headers: { 'X-DailyLimit-Remaining': '0', 'Retry-After': '5' },
				body: { error: 'Too Many Requests' },
			}),
		).toBe(true);
	});

	it('only applies to 429', () => {
		expect(isDailyLimit({ statusCode: 402, headers: {}, body: { message: 'daily' } })).toBe(false);
	});
});

describe('retryHintMs and dailyResetAtMs', () => {
	const tooManyWith = (headers: ApiResponse['headers'], body: unknown): ApiResponse => ({
		statusCode: 429,
		headers,
		body,
	});

	it("waits as Retry-After says, else as the body's retry_after_seconds, else until X-RateLimit-Reset", () => {
		expect(
			retryHintMs(tooManyWith({ 'Retry-After': '12' }, { retry_after_seconds: 45 }), NOW),
		).toBe(12_000);
		expect(retryHintMs(tooManyWith({}, { retry_after_seconds: 45 }), NOW)).toBe(45_000);
		expect(
			retryHintMs(tooManyWith({ 'X-RateLimit-Reset': String(NOW / 1000 + 30) }, {}), NOW),
		).toBe(30_000);
		expect(retryHintMs(tooManyWith({}, { error: 'Rate limit exceeded' }), NOW)).toBeUndefined();
	});

	it('resets the daily limit at the next midnight UTC ("midnight UTC"), or when the answer says', () => {
		expect(dailyResetAtMs(tooManyWith({}, { resets_at: 'midnight UTC' }), NOW)).toBe(
			Date.parse('2026-05-20T00:00:00Z'),
		);
		expect(dailyResetAtMs(tooManyWith({}, { resets_at: '2026-05-20T02:00:00Z' }), NOW)).toBe(
			Date.parse('2026-05-20T02:00:00Z'),
		);
		expect(dailyResetAtMs(tooManyWith({ 'Retry-After': '7200' }, {}), NOW)).toBe(NOW + 7_200_000);
	});
});

describe('endsTheRun', () => {
	it.each([401, 402, 403, 404])('stops the run on %i', (statusCode) => {
		expect(endsTheRun({ statusCode, headers: {}, body: {} }, NOW)).toBe(true);
	});

	it.each([301, 302, 303, 307, 308])('stops the run on a redirect (%i)', (statusCode) => {
		expect(endsTheRun({ statusCode, headers: {}, body: {} }, NOW)).toBe(true);
	});

	it('stops the run on the daily quota and on a per-minute wait longer than a run waits; not on a short per-minute wait or a server error', () => {
		expect(endsTheRun(tooMany('Daily limit exceeded (per-day)', '3600'), NOW)).toBe(true);
		expect(endsTheRun(tooMany('Rate limit exceeded (per-minute)', '300'), NOW)).toBe(true);
		expect(endsTheRun(tooMany('Rate limit exceeded (per-minute)', '5'), NOW)).toBe(false);
		expect(endsTheRun({ statusCode: 500, headers: {}, body: {} }, NOW)).toBe(false);
	});
});

describe('vecHttpError', () => {
	it('401: quotes the API, names the item and the credential', () => {
		const error = errorFor({
			statusCode: 401,
			headers: {},
			body: { error: 'invalid_api_key', message: 'Invalid API key' },
		});
		expect(error.message).toBe(
			'ValidEmailChecker rejected the API key for item 3: "Invalid API key"',
		);
		expect(error.httpCode).toBe('401');
		expect(error.context.itemIndex).toBe(3);
	});

	it('403: says whether the key is suspended or the IP blocked', () => {
		const suspended = errorFor({
			statusCode: 403,
			headers: {},
			body: { message: 'API key suspended' },
		});
		expect(suspended.message).toMatch(/item 3.*suspended this API key/);
		expect(suspended.description).toMatch(/Do not retry.*contact ValidEmailChecker support/);
		const blocked = errorFor({
			statusCode: 403,
			headers: {},
			body: { message: 'IP blocked: 10.0.0.1' },
		});
		expect(blocked.message).toMatch(/blocks requests from the IP address/);
		const unclear = errorFor({ statusCode: 403, headers: {}, body: { message: 'Forbidden' } });
		expect(unclear.message).toMatch(/suspended this API key or blocks the IP address/);
	});

	it('daily 429: says the quota is used up and when it resets', () => {
		const error = errorFor(tooMany('Daily limit exceeded (per-day)', String(4 * 3600)));
		expect(error.message).toMatch(
			/^The daily ValidEmailChecker limit of this account is used up: "Daily limit exceeded/,
		);
		expect(error.description).toMatch(/resets in about 4 h \(at 2026-05-20 00:00 UTC\)/);
		expect(error.description).toMatch(/did not wait/);
	});

	it('names the item that stopped the run on items that were never sent', () => {
		const error = vecHttpError(
			node,
			{ itemIndex: 7, attempts: 0, waitedMs: 0, stoppedBy: 2 },
			{ statusCode: 402, headers: {}, body: { message: 'Insufficient credits' } },
			NOW,
			noRedaction,
		);
		expect(error.message).toBe(
			'Not enough ValidEmailChecker credits for item 7: "Insufficient credits"',
		);
		expect(error.description).toMatch(
			/Item 7 was not sent: the answer for item 2 stopped the run, so it used no credit\.$/,
		);
		expect(error.context.itemIndex).toBe(7);
	});

	it('quotes the API through the redactor', () => {
		const error = vecHttpError(
			node,
			call,
			{ statusCode: 401, headers: {}, body: { message: 'Invalid API key secret-123' } },
			NOW,
			(text) => text.split('secret-123').join('***'),
		);
		expect(error.message).not.toContain('secret-123');
	});
});

describe('the error bodies ValidEmailChecker documents, each turned into its message', () => {
	const answer = (
		statusCode: number,
		body: Record<string, unknown>,
		headers: ApiResponse['headers'] = {},
	): ApiResponse => ({ statusCode, headers, body });
	const cases: Array<[string, ApiResponse, string, RegExp]> = [
		[
			'400 Email is required',
			answer(400, { error: 'Email is required' }),
			'ValidEmailChecker refused the request for item 3 (HTTP 400): "Email is required"',
			/Check the address mapped into "Email"/,
		],
		[
			'401 missing or malformed header',
			answer(401, {
				error: 'Missing or invalid Authorization header. Use: Authorization: Bearer VEC...',
			}),
			'ValidEmailChecker rejected the API key for item 3: "Missing or invalid Authorization header. Use: Authorization: Bearer VEC..."',
			/API Key field of the credential is probably empty, or starts with a space or a quote/,
		],
		[
			'401 unknown or deleted key',
			answer(401, { error: 'Invalid or inactive API key' }),
			'ValidEmailChecker rejected the API key for item 3: "Invalid or inactive API key"',
			/does not exist or was deleted.*first purchase/,
		],
		[
			'402 insufficient credits',
			answer(402, {
				error: 'Insufficient credits',
				current_balance: 0,
				message: 'Please purchase more credits to continue',
			}),
			'Not enough ValidEmailChecker credits for item 3: "Please purchase more credits to continue"',
			/Buy credits.*reports a balance of 0 credits\. Items verified before this answer keep their results/,
		],
		[
			'403 key suspended (user disabled)',
			answer(403, { error: 'API key is suspended', reason: 'This API key has been suspended' }),
			'ValidEmailChecker refused access for item 3: it has suspended this API key: "This API key has been suspended"',
			/Do not retry: if you disabled the key, enable it again on the Developer page/,
		],
		[
			'403 key suspended (abuse protection)',
			answer(403, { error: 'API key is suspended', reason: 'Excessive rate-limit violations' }),
			'ValidEmailChecker refused access for item 3: it has suspended this API key: "Excessive rate-limit violations"',
			/contact ValidEmailChecker support/,
		],
		[
			'403 IP blocked',
			answer(403, { error: 'Access denied' }),
			'ValidEmailChecker refused access for item 3: it blocks requests from the IP address of your n8n server: "Access denied"',
			/sustained wall of 429 answers.*public IP address/,
		],
		[
			'429 per minute',
			answer(
				429,
				{
					error: 'Rate limit exceeded',
					limit: 60,
					window: '1 minute',
					current: 61,
					retry_after_seconds: 45,
				},
				{ 'Retry-After': '45', 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '0' },
			),
			"ValidEmailChecker's per-minute rate limit stopped item 3",
			/^Still "Rate limit exceeded" after 1 attempt over 0 s\. .*60 requests a minute per account, all its API keys together.*another workflow or app is using the same ValidEmailChecker account/,
		],
		[
			'429 per day',
			answer(429, {
				error: 'Daily limit exceeded',
				limit: 10000,
				current: 10001,
				resets_at: 'midnight UTC',
			}),
			'The daily ValidEmailChecker limit of this account is used up: "Daily limit exceeded"',
			/^ValidEmailChecker allows 10,000 requests per UTC day per account, all its API keys together\. It resets in about 4 h \(at 2026-05-20 00:00 UTC\)\. The node did not wait for it\. Items verified before keep their results/,
		],
		[
			'429 per minute asking for a longer wait than a run waits',
			answer(
				429,
				{ error: 'Rate limit exceeded', limit: 60, window: '1 minute', retry_after_seconds: 300 },
				{
					'X-RateLimit-Limit': '60',
					'X-RateLimit-Remaining': '0',
					'X-DailyLimit-Remaining': '9000',
				},
			),
			"ValidEmailChecker's per-minute rate limit stopped item 3: it asks to wait about 5 min",
			/^ValidEmailChecker answered "Rate limit exceeded" for its per-minute limit \(60 requests a minute per account, all its API keys together\) and asked to wait about 5 min, until 2026-05-19 20:05 UTC\. A run waits at most 60 s for this limit.*another workflow or app is probably using the same ValidEmailChecker account.*Refused requests are not charged\. The node sent no further requests in this run\.$/,
		],
		[
			'301 redirect',
			answer(301, {}, { Location: 'https://app.validemailchecker.com/api/verify-single' }),
			'The Base URL in the ValidEmailChecker API credential redirects to https://app.validemailchecker.com/api/verify-single',
			/^The Base URL \(http:\/\/app\.validemailchecker\.com\) answered HTTP 301\. Open the ValidEmailChecker API credential and set Base URL to https:\/\/app\.validemailchecker\.com\. .*A redirect is not processed, so nothing was charged\. The node sent no further requests in this run\.$/,
		],
	];

	it.each(cases)('%s', (_, response, message, description) => {
		const sentTo = { baseUrl: 'http://app.validemailchecker.com', path: '/api/verify-single' };
		const error = vecHttpError(node, { ...call, ...sentTo }, response, NOW, noRedaction);
		expect(error.message).toBe(message);
		expect(error.description).toMatch(description);
		expect(error.httpCode).toBe(String(response.statusCode));
		expect(error.context.itemIndex).toBe(3);
	});

	it("a duplicate's error names the item whose request answered for it", () => {
		const error = vecHttpError(
			node,
			{ itemIndex: 5, attempts: 1, waitedMs: 0, sameAddressAs: 1 },
			answer(402, { error: 'Insufficient credits' }),
			NOW,
			noRedaction,
		);
		expect(error.message).toBe(
			'Not enough ValidEmailChecker credits for item 5: "Insufficient credits"',
		);
		expect(error.description).toContain(
			'Item 5 has the same address as item 1, which got this answer.',
		);
		expect(error.context.itemIndex).toBe(5);
	});
});

describe('vecNetworkError', () => {
	it('keeps the item in the message (n8n replaces messages that contain a raw network code)', () => {
		const error = vecNetworkError(node, call, { code: 'ECONNREFUSED', reachedServer: false });
		expect(error.message).toBe(
			'Could not verify item 3 with ValidEmailChecker: the connection was refused',
		);
		expect(error.description).toMatch(/ECONNREFUSED \(1 attempt\)\..*Base URL/);
	});
});
