import type { NodeApiError } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import { VEC_RETRY_LIMITS } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport';
import { emails, requestsSent, resetSimulator, runVerify, useSimulator } from './vecRun';

const PATH = '/api/verify-single';
let sim: Simulator;
useSimulator((started) => (sim = started));

/** Three items verified one at a time with this API key. */
function verifyThreeWith(apiKey: string) {
	const input = emails('a@acme.io', 'b@acme.io', 'c@acme.io');
	return runVerify(sim, { input, apiKey, options: { concurrency: 1 } });
}

function errorJson(result: { output: Array<{ json: Record<string, unknown> }> }): unknown[] {
	return result.output.map((item) => item.json.error);
}

describe('API errors', () => {
	it('400: quotes the API and sends nothing more for that item', async () => {
		sim.addFault({
			match: { path: PATH },
			type: 'status',
			status: 400,
			body: { error: 'Email is required' },
		});
		const result = await runVerify(sim, { input: emails('pam@dundermifflin.com') });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'ValidEmailChecker refused the request for item 0 (HTTP 400): "Email is required"',
		);
		expect((result.error as NodeApiError).httpCode).toBe('400');
		expect(requestsSent(sim)).toBe(1);
	});

	it('401: says the key was rejected, quotes the API, points to the credential, no retry', async () => {
		const result = await verifyThreeWith('not-a-real-key');

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'ValidEmailChecker rejected the API key for item 0: "Invalid or inactive API key"',
		);
		expect(result.error?.context.itemIndex).toBe(0);
		expect(requestsSent(sim)).toBe(1);
	});

	it('402: stops at the first 402; remaining items get the same error without a request', async () => {
		sim.configure({ vec: { apiKeys: { 'two-credits': { credits: 2 } } } });
		sim.reset();
		const result = await runVerify(sim, {
			input: emails('a@acme.io', 'b@acme.io', 'c@acme.io', 'd@acme.io', 'e@acme.io'),
			apiKey: 'two-credits',
			options: { concurrency: 1 },
			continueOnFail: true,
		});

		expect(result.status).toBe('success');
		expect(requestsSent(sim)).toBe(3);
		expect(result.output.map((item) => item.json.status)).toEqual([
			'safe',
			'safe',
			undefined,
			undefined,
			undefined,
		]);
		expect(errorJson(result)).toEqual([
			undefined,
			undefined,
			'Not enough ValidEmailChecker credits for item 2: "Please purchase more credits to continue"',
			'Not enough ValidEmailChecker credits for item 3: "Please purchase more credits to continue"',
			'Not enough ValidEmailChecker credits for item 4: "Please purchase more credits to continue"',
		]);
		expect(String(result.output[3].json.errorDescription)).toContain(
			'Item 3 was not sent: the answer for item 2 stopped the run, so it used no credit.',
		);
		expect(result.output.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
	});

	it('402 under concurrency: no request starts after the first 402 comes back', async () => {
		sim.configure({
			vec: { apiKeys: { 'two-more': { credits: 2 } }, latencyMs: { min: 50, max: 50 } },
		});
		sim.reset();
		const result = await runVerify(sim, {
			input: emails(...Array.from({ length: 20 }, (_, i) => `person${i}@acme.io`)),
			apiKey: 'two-more',
			options: { concurrency: 4 },
			continueOnFail: true,
		});

		// At most the 4 in flight plus the lanes freed by the 2 successes before any 402 came back.
		expect(requestsSent(sim)).toBeLessThanOrEqual(8);
		expect(result.output.filter((item) => item.json.status === 'safe')).toHaveLength(2);
		expect(
			result.output.filter((item) =>
				/Not enough ValidEmailChecker credits/.test(String(item.json.error)),
			),
		).toHaveLength(18);
	});

	it('402 without Continue On Fail: the error says what the run already verified', async () => {
		sim.configure({ vec: { apiKeys: { 'one-credit': { credits: 1 } } } });
		sim.reset();
		const result = await verifyThreeWith('one-credit');

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Not enough ValidEmailChecker credits for item 1: "Please purchase more credits to continue"',
		);
		expect(result.error?.description).toMatch(
			/1 other item\(s\) were verified before the node stopped/,
		);
		expect(requestsSent(sim)).toBe(2);
	});

	it('403: a suspended key, named as such, with the way out', async () => {
		sim.configure({ vec: { apiKeys: { 'suspended-key': { credits: 10, suspended: true } } } });
		sim.reset();
		const result = await runVerify(sim, {
			input: emails('a@acme.io', 'b@acme.io'),
			apiKey: 'suspended-key',
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'ValidEmailChecker refused access for item 0: it has suspended this API key: "This API key has been suspended"',
		);
		expect(result.error?.description).toMatch(/^Do not retry: if you disabled the key/);
	});

	it('403: a blocked IP, named as such', async () => {
		resetSimulator(sim, { vec: { blockedIps: ['127.0.0.1'] } });
		const result = await runVerify(sim, { input: emails('a@acme.io') });

		expect(result.error?.message).toBe(
			'ValidEmailChecker refused access for item 0: it blocks requests from the IP address of your n8n server: "Access denied"',
		);
	});
});

describe('rate limits', () => {
	it('429 per minute: waits for Retry-After and retries, then succeeds', async () => {
		sim.addFault({ match: { path: PATH }, type: 'rateLimit', times: 2 });
		const started = Date.now();
		const result = await runVerify(sim, { input: emails('pam@dundermifflin.com') });

		expect(result.status).toBe('success');
		expect(result.output[0].json.status).toBe('safe');
		expect(requestsSent(sim)).toBe(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
	});

	it('429 per minute: gives up after a bounded number of attempts, with advice', async () => {
		sim.addFault({ match: { path: PATH }, type: 'rateLimit', times: 50 });
		const result = await runVerify(sim, { input: emails('pam@dundermifflin.com') });

		const attempts = VEC_RETRY_LIMITS.maxRateLimitRetries + 1;
		expect(requestsSent(sim)).toBe(attempts);
		expect(result.error?.message).toMatch(
			new RegExp(`^ValidEmailChecker's per-minute rate limit stopped item 0$`),
		);
		expect(result.error?.description).toMatch(
			new RegExp(`^Still "Rate limit exceeded" after ${attempts} attempts over \\d+ s\\.`),
		);
		expect(result.error?.description).toMatch(
			/another workflow or app is using the same ValidEmailChecker account/,
		);
	}, 20_000);

	it('429 per day: the 10,001st request of the UTC day fails fast, says when the limit resets, sends nothing more', async () => {
		resetSimulator(sim, {
			vec: { perDayLimit: 10_000, apiKeys: { 'busy-key': { credits: 100, callsToday: 9_999 } } },
		});
		const started = Date.now();
		const result = await runVerify(sim, {
			input: emails('a@acme.io', 'b@acme.io', 'c@acme.io'),
			apiKey: 'busy-key',
			options: { concurrency: 1 },
			continueOnFail: true,
		});

		expect(Date.now() - started).toBeLessThan(5000);
		expect(requestsSent(sim)).toBe(2);
		expect(result.output[0].json.status).toBe('safe');
		expect(result.output[1].json.error).toBe(
			'The daily ValidEmailChecker limit of this account is used up: "Daily limit exceeded"',
		);
		expect(result.output[1].json.errorDescription).toMatch(
			/^ValidEmailChecker allows 10,000 requests per UTC day per account, all its API keys together\. It resets in about .* \(at \d{4}-\d\d-\d\d 00:00 UTC\)\. The node did not wait for it\. Items verified before keep their results/,
		);
		const nextMidnight = new Date();
		nextMidnight.setUTCHours(24, 0, 0, 0);
		expect(result.output[1].json.errorDescription).toContain(
			`(at ${nextMidnight.toISOString().slice(0, 10)} 00:00 UTC)`,
		);
		expect(result.output[2].json.errorDescription).toMatch(
			/Item 2 was not sent: the answer for item 1 stopped the run/,
		);
	});

	it('429 per minute with a Retry-After over a minute: a per-minute error saying how long to wait, not the daily limit; the run stops, nothing charged', async () => {
		sim.addFault({
			match: { path: PATH },
			type: 'status',
			status: 429,
			body: { error: 'too_many_requests', message: 'Too Many Requests' },
			headers: { 'Retry-After': '7200' },
		});
		const started = Date.now();
		const result = await runVerify(sim, {
			input: emails('a@acme.io', 'b@acme.io'),
			options: { concurrency: 1 },
			continueOnFail: true,
		});

		expect(Date.now() - started).toBeLessThan(5000);
		expect(requestsSent(sim)).toBe(1);
		expect(sim.stats().vec.creditsCharged).toBe(0);
		expect(result.output[0].json.error).toBe(
			"ValidEmailChecker's per-minute rate limit stopped item 0: it asks to wait about 2 h",
		);
		expect(result.output[0].json.errorDescription).toMatch(
			/^ValidEmailChecker answered "Too Many Requests" for its per-minute limit/,
		);
		expect(result.output[0].json.errorDescription).not.toMatch(/daily/i);
		expect(result.output[1].json.errorDescription).toMatch(
			/Item 1 was not sent: the answer for item 0 stopped the run, so it used no credit\.$/,
		);
	});
});

describe('server and network failures', () => {
	it('500: retried, then the result', async () => {
		sim.addFault({ match: { path: PATH }, type: 'status', status: 500, times: 2 });
		const result = await runVerify(sim, { input: emails('pam@dundermifflin.com') });

		expect(result.status).toBe('success');
		expect(result.output[0].json.status).toBe('safe');
		expect(requestsSent(sim)).toBe(3);
	});

	it('500 storm: gives up after a bounded number of attempts, says what it means for credits', async () => {
		sim.addFault({ match: { path: PATH }, type: 'status', status: 500, times: 20 });
		const result = await runVerify(sim, { input: emails('pam@dundermifflin.com') });

		const attempts = VEC_RETRY_LIMITS.maxFailureRetries + 1;
		expect(requestsSent(sim)).toBe(attempts);
		expect(result.error?.message).toBe(
			'ValidEmailChecker had a server error while verifying item 0 (HTTP 500): "Internal Server Error"',
		);
		expect(result.error?.description).toMatch(/may have used a credit/);
	});

	it.each([
		['a 502 HTML page from a proxy', { type: 'html' as const, status: 502 }],
		['a dropped connection', { type: 'dropBeforeProcessing' as const }],
		['a cut-off 200 answer', { type: 'malformedJson' as const }],
	])('%s: retried, then the result', async (_, fault) => {
		sim.addFault({ match: { path: PATH }, ...fault });
		const result = await runVerify(sim, { input: emails('pam@dundermifflin.com') });

		expect(result.status).toBe('success');
		expect(result.output[0].json.status).toBe('safe');
		expect(requestsSent(sim)).toBe(2);
	});
});

describe('input errors and Continue On Fail', () => {
	it('an empty Email stops the run before anything is sent, naming the item', async () => {
		const result = await runVerify(sim, {
			input: [{ email: 'pam@dundermifflin.com' }, { email: '' }],
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Email of item 1 is empty');
		expect(result.error?.context.itemIndex).toBe(1);
		expect(requestsSent(sim)).toBe(0);
	});

	it.each([
		[42, 'Email of item 0 is a number, not text'],
		[['pam@dundermifflin.com'], 'Email of item 0 is a list, not text'],
		[{ address: 'pam@dundermifflin.com' }, 'Email of item 0 is an object, not text'],
	])('a non-text Email (%p) is an input error', async (value, message) => {
		const result = await runVerify(sim, { input: [{ email: value }] });

		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(/Map a text field into "Email"/);
		expect(requestsSent(sim)).toBe(0);
	});

	it('with Continue On Fail, failed items carry the error and the others their results', async () => {
		sim.addFault({ match: { path: PATH }, type: 'status', status: 500, times: 3 });
		const result = await runVerify(sim, {
			input: [{ email: 'first@acme.io' }, { email: '' }, { email: 7 }, { email: 'info@acme.io' }],
			options: { concurrency: 1, includeInputFields: true },
			continueOnFail: true,
		});

		expect(result.status).toBe('success');
		expect(result.output.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3].map((item) => ({ item })),
		);
		expect(result.output[0].json.error).toMatch(/server error while verifying item 0/);
		expect(result.output[0].json.email).toBe('first@acme.io'); // input fields kept
		expect(result.output[1].json.error).toBe('Email of item 1 is empty');
		expect(result.output[2].json.error).toBe('Email of item 2 is a number, not text');
		expect(result.output[3].json).toMatchObject({ email: 'info@acme.io', status: 'role_account' });
		expect(result.output[3].json.error).toBeUndefined();
	});
});
