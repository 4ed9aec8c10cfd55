/**
 * Issue 8 §1: every fault the simulator can inject, through a single-item operation, a bulk
 * operation and (where the fault applies to it) the ValidEmailChecker node, each run inside
 * n8n-core against the simulator over real HTTP. Each case checks the outcome (recovered, or a
 * clear error that says what happened and what to do), the simulator's counts (requests, jobs
 * created, credits charged: no duplicate job, no double charge) and that nothing paid for is lost
 * (the job IDs are named), and writes its row of RELIABILITY.md.
 *
 * Waits are compressed (support/fastSleep.ts): the retry loop's bounds and messages are computed
 * from the waits it asked for, which are recorded and checked.
 */
jest.mock('n8n-workflow', () =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require('./support/fastSleep').n8nWorkflowWithFastSleep(),
);

import { ENROW_RETRY_LIMITS } from '../../nodes/EnrowApi/transport';
import { VEC_RETRY_LIMITS } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport';
import { requestTimeouts } from '../support/injected';
import type { FaultRule, Simulator } from '../../simulator';
import type { RunNodeResult } from '../harness';
import { requestedSleeps, sleepsSince } from './support/fastSleep';
import {
	ENROW_KEY,
	VEC_KEY,
	balanceReadsAsEnough,
	emails,
	resetSimulator,
	runEnrow,
	useReliabilityCases,
} from './support/kit';
import { descriptionOf, jsonOf, messageOf, pairedIndexes } from './support/read';
import {
	FIND,
	FIND_BULK,
	VEC,
	VERIFY,
	VERIFY_BULK,
	countsOf,
	describeCounts,
	runOperation,
	type Counts,
	type Operation,
} from './support/operations';
import { stable, type CaseMeta, type CaseBody } from './support/recorder';

let simulator: Simulator;
// Every case, whatever it provoked: the keys never show (issue 8 §4 has the dedicated test).
const matrix = useReliabilityCases(__filename, (started) => (simulator = started));
afterEach(() => jest.restoreAllMocks());

function faultCase(
	fault: string,
	op: Operation,
	name: string,
	body: CaseBody,
	extra: Partial<CaseMeta> = {},
): void {
	matrix.proves({ area: 'faults', fault, operation: op.label, ...extra }, name, body);
}

function addFault(op: Operation, rule: Omit<FaultRule, 'match'>, method: 'GET' | 'POST'): void {
	const path = method === 'POST' ? op.postPath : op.getPath;
	simulator.addFault({ match: { method, path }, ...rule });
}

const quote = (text: string) => `“${stable(text)}”`;
const seconds = (ms: number) => `${Math.round(ms / 10) / 100} s`;

/** "3 waits of 7 s" / "waits of 1 s, 2 s, 4 s": the waits the node asked for, from the recorded sleeps. */
function describeWaits(waits: number[]): string {
	if (waits.length === 0) return 'no wait';
	if (new Set(waits).size === 1) return `${waits.length} × ${seconds(waits[0])} wait`;
	return `waits of ${waits.map(seconds).join(', ')}`;
}

function expectAllResults(result: RunNodeResult, op: Operation): void {
	expect(result.status).toBe('success');
	const out = jsonOf(result);
	expect(out).toHaveLength(op.input.length);
	expect(pairedIndexes(result)).toEqual(op.input.map((_, i) => i));
	for (const json of out) {
		expect(json.error).toBeUndefined();
		if (op.node === 'enrow') expect(json.status).toBe('completed');
		else expect(typeof json.status).toBe('string');
	}
}

/**
 * A fault the node recovers from by asking again: `rule` once or more on the operation's
 * `method` request, then every item's result, and the simulator's counts as `counts` says.
 */
function recoveredCase(
	fault: string,
	op: Operation,
	name: string,
	recovery: {
		method: 'GET' | 'POST';
		rule: Omit<FaultRule, 'match'>;
		did: string;
		counts: Partial<Counts>;
		before?: () => void;
		check?: (counts: Counts) => void;
	},
	extra: Partial<CaseMeta> = {},
): void {
	faultCase(
		fault,
		op,
		name,
		async (proof) => {
			recovery.before?.();
			addFault(op, recovery.rule, recovery.method);
			const result = await runOperation(simulator, op);

			const counts = countsOf(simulator, op);
			proof.did(`${recovery.did}; ${describeCounts(op, counts)}`);
			expectAllResults(result, op);
			expect(counts).toMatchObject(recovery.counts);
			recovery.check?.(counts);
		},
		extra,
	);
}

// -------------------------------------------------------------------------------------------
// 429: Enrow allows 10 POSTs per second per key; ValidEmailChecker has a per-minute limit.

const RATE_HEADERS: Array<[string, Record<string, string> | undefined]> = [
	['Retry-After: 7', { 'Retry-After': '7' }],
	['X-RateLimit-Reset: 7', { 'X-RateLimit-Reset': '7' }],
	['no reset header', {}],
];

/**
 * ValidEmailChecker's documented 429 also says in its body how long to wait
 * (`retry_after_seconds`); for the header cases above, its fault carries a 429 body without it.
 */
const BARE_VEC_429 = { error: 'Rate limit exceeded' };
const rateLimitBody = (op: Operation) => (op.node === 'vec' ? { body: BARE_VEC_429 } : {});

function burstCase(
	op: Operation,
	header: string,
	rule: Pick<FaultRule, 'headers' | 'body'>,
	expectedWaits: number[],
): void {
	faultCase(
		`429 burst (3 in a row), ${header}`,
		op,
		`429 burst, ${header}: ${op.label} waits as told and succeeds, started and charged once`,
		async (proof) => {
			// Backoff jitter pinned (to 3/4 of each ceiling), so the waits are exact.
			jest.spyOn(Math, 'random').mockReturnValue(0.5);
			addFault(op, { type: 'rateLimit', times: 3, ...rule }, 'POST');
			const mark = requestedSleeps.length;
			const result = await runOperation(simulator, op);

			const waits = sleepsSince(mark, 500).slice(0, 3);
			const counts = countsOf(simulator, op);
			proof.did(
				`Retried after ${describeWaits(waits)}, then succeeded: every item has its result; ${describeCounts(op, counts)}`,
			);
			expectAllResults(result, op);
			expect(waits).toEqual(expectedWaits);
			expect(counts.posts).toBe(4);
			if (op.node === 'enrow') expect(counts.jobs).toBe(1);
			expect(counts.charged).toBe(op.cost);
		},
	);
}

for (const op of [VERIFY, VERIFY_BULK, VEC]) {
	for (const [header, headers] of RATE_HEADERS) {
		const hinted = headers !== undefined && Object.keys(headers).length > 0;
		burstCase(
			op,
			header,
			{ headers, ...rateLimitBody(op) },
			hinted ? [7000, 7000, 7000] : [750, 1500, 3000],
		);
	}
}
burstCase(
	VEC,
	'the documented body only: retry_after_seconds 5, no header',
	{
		headers: {},
		body: {
			error: 'Rate limit exceeded',
			limit: 60,
			window: '1 minute',
			current: 61,
			retry_after_seconds: 5,
		},
	},
	[5000, 5000, 5000],
);

/**
 * The retry bounds, as the README documents them. Enrow's job-starting POSTs retry 429s until
 * the node's Timeout, set to 1.5 minutes in these cases.
 */
const STORM_TIMEOUT_MINUTES = 1.5;
const STORM_BOUNDS = {
	enrow: {
		// 12 waits of 7 s fit in 90 s; a 13th would end after it.
		header: { attempts: 13, waited: 84_000 },
		// Backoff ceilings 1, 2, 4, 8, 16, 30, 30 s, jitter pinned to 3/4: 68.25 s; the next
		// 22.5 s would end after the Timeout.
		none: { attempts: 8, waited: 68_250 },
	},
	vec: {
		header: { attempts: VEC_RETRY_LIMITS.maxRateLimitRetries + 1, waited: 42_000 },
		// Ceilings 1, 2, 4, 8, 15, 15 s at 3/4: six retries, 33.75 s.
		none: { attempts: VEC_RETRY_LIMITS.maxRateLimitRetries + 1, waited: 33_750 },
	},
};

for (const op of [VERIFY, VERIFY_BULK, VEC]) {
	for (const [header, headers] of [RATE_HEADERS[0], RATE_HEADERS[2]]) {
		const bound = STORM_BOUNDS[op.node][header === 'no reset header' ? 'none' : 'header'];
		faultCase(
			`429 storm (never ends), ${header}${op.node === 'enrow' ? `, Timeout ${STORM_TIMEOUT_MINUTES} min` : ''}`,
			op,
			`429 storm, ${header}: ${op.label} gives up after its bound with a clear error, nothing started`,
			async (proof) => {
				jest.spyOn(Math, 'random').mockReturnValue(0.5);
				addFault(op, { type: 'rateLimit', times: 100, headers, ...rateLimitBody(op) }, 'POST');
				const mark = requestedSleeps.length;
				const result = await runOperation(simulator, op, {
					parameters: op.node === 'enrow' ? { timeoutMinutes: STORM_TIMEOUT_MINUTES } : {},
				});

				const counts = countsOf(simulator, op);
				const waited = sleepsSince(mark, 500).reduce((sum, ms) => sum + ms, 0);
				proof.did(
					`Gave up after ${counts.posts} attempts and ${seconds(waited)} of waits: ${quote(messageOf(result))}; ${describeCounts(op, counts)}`,
				);
				expect(result.status).toBe('error');
				expect(counts.posts).toBe(bound.attempts);
				expect(waited).toBe(bound.waited);
				if (op.node === 'enrow') {
					expect(messageOf(result)).toBe('Enrow is rate limiting this API key');
					expect(descriptionOf(result)).toContain(
						`Enrow still answered "Too Many Requests" after ${bound.attempts} attempts over ${Math.round(bound.waited / 1000)} s, and the node's Timeout (1.5 min) left no time to wait again.`,
					);
					expect(descriptionOf(result)).toContain(`Affected: ${op.items}.`);
					expect(descriptionOf(result)).toMatch(
						/another workflow or app is probably using the same key/,
					);
					expect(counts.jobs).toBe(0);
				} else {
					expect(messageOf(result)).toMatch(
						new RegExp(`^ValidEmailChecker's per-minute rate limit stopped item 0$`),
					);
					expect(descriptionOf(result)).toMatch(
						/another workflow or app is using the same ValidEmailChecker account/,
					);
				}
				expect(counts.charged).toBe(0);
			},
		);
	}
}

// Another process on the same key (a queue-mode worker) can keep Enrow refusing for minutes:
// the items wait for as long as the node's Timeout allows, not for a fixed number of tries.
for (const op of [VERIFY, VERIFY_BULK]) {
	faultCase(
		'429 for 140 s (20 in a row, Retry-After: 7), default Timeout',
		op,
		`429 for 140 s: ${op.label} keeps waiting within its Timeout and succeeds, started and charged once`,
		async (proof) => {
			addFault(op, { type: 'rateLimit', times: 20, headers: { 'Retry-After': '7' } }, 'POST');
			const mark = requestedSleeps.length;
			const result = await runOperation(simulator, op);

			const waited = sleepsSince(mark, 500).filter((ms) => ms === 7000);
			const counts = countsOf(simulator, op);
			proof.did(
				`Waited ${waited.length} × 7 s (${seconds(waited.length * 7000)}), then succeeded: every item has its result; ${describeCounts(op, counts)}`,
			);
			expectAllResults(result, op);
			expect(waited).toHaveLength(20);
			expect(counts.posts).toBe(21);
			expect(counts.jobs).toBe(1);
			expect(counts.charged).toBe(op.cost);
		},
	);
}

faultCase(
	'Daily limit reached mid-run (3 requests a day left), Continue On Fail',
	VEC,
	`daily limit mid-run: ${VEC.label} fails fast with when it resets; the items verified before keep their results`,
	async (proof) => {
		resetSimulator(simulator, { vec: { perDayLimit: 3 } });
		const result = await runOperation(simulator, VEC, {
			input: emails(6),
			continueOnFail: true,
			parameters: { options: { concurrency: 2 } },
		});

		const counts = countsOf(simulator, VEC);
		const out = jsonOf(result);
		const verified = out.filter((json) => json.error === undefined);
		const refused = out.find((json) => /^The daily/.test(String(json.error)));
		const notSent = out.filter((json) => /stopped the run/.test(String(json.errorDescription)));
		proof.did(
			`${verified.length} items got their results; ${quote(String(refused?.error).replace(/item \d+/, 'item N'))}, saying it resets at the next midnight UTC; ${notSent.length} items not sent; ${describeCounts(VEC, counts)}; ${simulator.stats().vec.rateLimited.perDay} refused request`,
		);
		expect(result.status).toBe('success');
		expect(verified).toHaveLength(3);
		verified.forEach((json) => expect(json.status).toBe('safe'));
		expect(refused?.error).toMatch(
			/^The daily ValidEmailChecker limit of this account is used up: "Daily limit exceeded"$/,
		);
		expect(refused?.errorDescription).toMatch(
			/It resets in about .* \(at \d{4}-\d\d-\d\d 00:00 UTC\)/,
		);
		expect(notSent).toHaveLength(2);
		expect(pairedIndexes(result)).toEqual(out.map((_, i) => i));
		expect(counts).toMatchObject({ posts: 4, charged: 3 });
		// One refused request, not one per lane: once no request was left, one at a time went.
		expect(simulator.stats().vec.rateLimited.perDay).toBe(1);
	},
);

// -------------------------------------------------------------------------------------------
// Server errors: a job-starting POST is never repeated (it may have been charged); reads are.

const SERVER_ERRORS: Array<[string, Omit<FaultRule, 'match' | 'times'>, string]> = [
	[
		'500 (JSON body)',
		{ type: 'status', status: 500, body: { message: 'Internal Server Error' } },
		'Internal Server Error',
	],
	['502 (nginx HTML page)', { type: 'html', status: 502 }, '502 Bad Gateway 502 Bad Gateway nginx'],
	[
		'503 (JSON body)',
		{ type: 'status', status: 503, body: { message: 'Service Unavailable' } },
		'Service Unavailable',
	],
];

for (const [label, rule, text] of SERVER_ERRORS) {
	const status = rule.status!;
	for (const op of [VERIFY, VERIFY_BULK]) {
		faultCase(
			`${label} on the job-starting POST`,
			op,
			`${label} on POST: ${op.label} does not repeat it and says how to check for a job`,
			async (proof) => {
				addFault(op, { ...rule, times: 1 }, 'POST');
				const result = await runOperation(simulator, op);

				const counts = countsOf(simulator, op);
				proof.did(`Not retried: ${quote(messageOf(result))}; ${describeCounts(op, counts)}`);
				expect(result.status).toBe('error');
				expect(messageOf(result)).toBe(
					`Enrow had a server error while starting the job (HTTP ${status}): "${text}"`,
				);
				expect(descriptionOf(result)).toContain(`Affected: ${op.items}.`);
				expect(messageOf(result)).not.toMatch(/[<>]/);
				expect(descriptionOf(result)).toMatch(
					/not repeated, so you cannot be charged twice.*check the jobs in app\.enrow\.io/,
				);
				expect(counts).toMatchObject({ posts: 1, jobs: 0, charged: 0 });
			},
		);
	}
	recoveredCase(
		`${label} on the verification request`,
		VEC,
		`${label}: ${VEC.label} retries (no result was given) and succeeds`,
		{
			method: 'POST',
			rule: { ...rule, times: 1 },
			did: 'Retried once, then succeeded',
			counts: { posts: 2, charged: 1 },
		},
	);
	for (const op of [VERIFY, VERIFY_BULK]) {
		recoveredCase(
			`${label} on GET (reading results), twice`,
			op,
			`${label} on GET: ${op.label} retries the free read and succeeds`,
			{
				method: 'GET',
				rule: { ...rule, times: 2 },
				did: 'Retried the read, then succeeded',
				counts: { posts: 1, jobs: 1, charged: op.cost },
				check: (counts) => expect(counts.gets).toBeGreaterThanOrEqual(3),
			},
		);
	}
}

for (const op of [VERIFY, VERIFY_BULK]) {
	faultCase(
		'503 on every GET (outage while reading results)',
		op,
		`503 storm on GET: ${op.label} keeps reading (free) until the run's timeout, then names the job ID to read later`,
		async (proof) => {
			addFault(
				op,
				{ type: 'status', status: 503, body: { message: 'Service Unavailable' }, times: 100_000 },
				'GET',
			);
			const result = await runOperation(simulator, op, { parameters: { timeoutMinutes: 0.05 } });

			const counts = countsOf(simulator, op);
			const [job] = simulator.stats().jobs;
			const items = op === VERIFY ? 'item 0' : 'items 0–2';
			proof.did(
				`${quote(messageOf(result))}; the description names the job ID for Get Result; ${describeCounts(op, counts)}`,
			);
			expect(result.status).toBe('error');
			expect(messageOf(result)).toBe(
				"Could not read Enrow's result of the email verification within 3 seconds",
			);
			expect(descriptionOf(result)).toContain(`Affected: ${items}, Enrow job ${job.id}.`);
			expect(descriptionOf(result)).toContain('reading is free and was repeated until the timeout');
			expect(descriptionOf(result)).toContain(
				'Last answer: Enrow had a server error (HTTP 503): "Service Unavailable"',
			);
			expect(descriptionOf(result)).toContain(
				`This run started 1 Enrow job(s); their results stay readable with Get Result: ${job.id}`,
			);
			expect(descriptionOf(result)).not.toMatch(/[Nn]othing was charged/);
			expect(counts).toMatchObject({ posts: 1, jobs: 1 });
			expect(counts.gets).toBeGreaterThan(ENROW_RETRY_LIMITS.maxFailureRetries + 1);
		},
	);
}

// -------------------------------------------------------------------------------------------
// Broken connections.

for (const op of [VERIFY, FIND, VERIFY_BULK, FIND_BULK]) {
	faultCase(
		'Connection dropped after Enrow processed the POST',
		op,
		`dropped after processing: ${op.label} does not repeat the POST (no duplicate job) and says a job may exist`,
		async (proof) => {
			addFault(op, { type: 'dropAfterProcessing', times: 1 }, 'POST');
			const result = await runOperation(simulator, op);

			const counts = countsOf(simulator, op);
			proof.did(
				`Not repeated: ${quote(messageOf(result))}, telling the user to check the jobs in the dashboard before re-running; ${describeCounts(op, counts)}`,
			);
			expect(result.status).toBe('error');
			expect(messageOf(result)).toBe('The connection to Enrow broke while starting the job');
			expect(descriptionOf(result)).toContain(`Affected: ${op.items}.`);
			expect(descriptionOf(result)).toMatch(
				/may already have started the job and reserved its credits, so the request was not repeated\. Check the jobs in app\.enrow\.io/,
			);
			expect(counts.posts).toBe(1);
			expect(counts.jobs).toBe(1);
		},
	);
}

faultCase(
	'Connection dropped after Enrow processed one of several POSTs',
	VERIFY,
	'dropped after processing, 3 items: Verify an email names the jobs it did start, and no job is duplicated',
	async (proof) => {
		addFault(VERIFY, { type: 'dropAfterProcessing', times: 1 }, 'POST');
		const result = await runOperation(simulator, VERIFY, { input: emails(3) });

		const counts = countsOf(simulator, VERIFY);
		const ids = simulator.stats().jobs.map((job) => job.id);
		const named = ids.filter((id) => descriptionOf(result).includes(id));
		proof.did(
			`Stopped with ${quote(messageOf(result).replace(/item \d/, 'item N'))}; the description names the ${named.length} jobs it started for the other items; ${describeCounts(VERIFY, counts)}`,
		);
		expect(result.status).toBe('error');
		expect(messageOf(result)).toBe('The connection to Enrow broke while starting the job');
		expect(descriptionOf(result)).toMatch(/Affected: item [0-2]\./);
		expect(counts).toMatchObject({ posts: 3, jobs: 3 });
		// The two jobs whose answers arrived are named, so their results can be read with Get Result.
		expect(named).toHaveLength(2);
		expect(descriptionOf(result)).toMatch(
			/This run started 2 Enrow job\(s\); their results stay readable with Get Result/,
		);
	},
);

recoveredCase(
	'Connection dropped after the API processed the request',
	VEC,
	`dropped after processing: ${VEC.label} retries and succeeds (the address is charged twice)`,
	{
		method: 'POST',
		rule: { type: 'dropAfterProcessing', times: 1 },
		did: 'Retried, then succeeded',
		counts: { posts: 2, charged: 2 },
	},
	{
		note: 'ValidEmailChecker has no job to look up: a verification whose answer was lost is retried (at most twice), so it can be charged twice. A deliberate trade-off (n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport/index.ts, VEC_RETRY_LIMITS; README "Limits and retries").',
	},
);

for (const op of [VERIFY, VERIFY_BULK]) {
	faultCase(
		'Connection dropped before the POST was processed',
		op,
		`dropped before processing: ${op.label} cannot tell, so does not repeat the POST either`,
		async (proof) => {
			addFault(op, { type: 'dropBeforeProcessing', times: 1 }, 'POST');
			const result = await runOperation(simulator, op);

			const counts = countsOf(simulator, op);
			proof.did(`Not repeated: ${quote(messageOf(result))}; ${describeCounts(op, counts)}`);
			expect(result.status).toBe('error');
			expect(messageOf(result)).toBe('The connection to Enrow broke while starting the job');
			expect(descriptionOf(result)).toContain(`Affected: ${op.items}.`);
			expect(counts).toMatchObject({ posts: 1, jobs: 0, charged: 0 });
		},
	);
	recoveredCase(
		'Connection dropped on GET (reading results)',
		op,
		`dropped on GET: ${op.label} retries the free read and succeeds`,
		{
			method: 'GET',
			rule: { type: 'dropAfterProcessing', times: 2 },
			did: 'Retried the read, then succeeded',
			counts: { posts: 1, jobs: 1, charged: op.cost },
		},
	);
}

recoveredCase(
	'Connection dropped before the request was processed',
	VEC,
	`dropped before processing: ${VEC.label} retries and succeeds, charged once`,
	{
		method: 'POST',
		rule: { type: 'dropBeforeProcessing', times: 1 },
		did: 'Retried, then succeeded',
		counts: { posts: 2, charged: 1 },
	},
);

// -------------------------------------------------------------------------------------------
// Slow answers past the request timeout (30 s GET / 120 s POST; shortened through the seam).

const SHORT_TIMEOUT_MS = 400;
const SLOW_MS = 1200;

for (const op of [VERIFY, VERIFY_BULK]) {
	faultCase(
		'POST answered after the request timeout (Enrow processed it late)',
		op,
		`slow POST past the timeout: ${op.label} gives up once, does not repeat it, and the late job is the only one`,
		async (proof) => {
			jest.replaceProperty(requestTimeouts.enrow, 'POST', SHORT_TIMEOUT_MS);
			addFault(op, { type: 'latency', ms: SLOW_MS, times: 1 }, 'POST');
			const started = Date.now();
			const result = await runOperation(simulator, op);
			const tookMs = Date.now() - started;
			// Let the simulator finish processing the slow request.
			await new Promise((resolve) => setTimeout(resolve, SLOW_MS));

			const counts = countsOf(simulator, op);
			proof.did(
				`Gave up at the timeout, not repeated: ${quote(messageOf(result))} (${stable(descriptionOf(result)).replace(/^.*\((Network error: \w+)\)$/, '$1')}); ${describeCounts(op, counts)}`,
			);
			expect(result.status).toBe('error');
			expect(tookMs).toBeLessThan(SLOW_MS);
			expect(messageOf(result)).toBe('The connection to Enrow broke while starting the job');
			expect(descriptionOf(result)).toContain(`Affected: ${op.items}.`);
			expect(descriptionOf(result)).toMatch(
				/may already have started the job.*Check the jobs in app\.enrow\.io/,
			);
			expect(counts).toMatchObject({ posts: 1, jobs: 1 });
		},
		{
			note: 'Correct and safe, but the message says the connection "broke" where Enrow was only slow; "Enrow did not answer within 120 s while starting the job" would say what happened (nodes/EnrowApi/transport/errors.ts, enrowNetworkError).',
		},
	);
	recoveredCase(
		'GET answered after the request timeout',
		op,
		`slow GET past the timeout: ${op.label} retries the free read and succeeds`,
		{
			method: 'GET',
			rule: { type: 'latency', ms: SLOW_MS, times: 1 },
			did: 'Gave up on the slow read at the timeout, retried, succeeded',
			counts: { posts: 1, jobs: 1, charged: op.cost },
			before: () => jest.replaceProperty(requestTimeouts.enrow, 'GET', SHORT_TIMEOUT_MS),
		},
	);
}

recoveredCase(
	'Request answered after the request timeout',
	VEC,
	`slow answer past the timeout: ${VEC.label} gives up on it, retries and succeeds`,
	{
		method: 'POST',
		rule: { type: 'latency', ms: SLOW_MS, times: 1 },
		did: 'Gave up at the timeout, retried, succeeded',
		counts: { posts: 2 },
		before: () => jest.replaceProperty(requestTimeouts.vec, 'POST', SHORT_TIMEOUT_MS),
	},
);

// -------------------------------------------------------------------------------------------
// Unreadable answers: a body cut off mid-JSON, an HTML page.

for (const op of [VERIFY, VERIFY_BULK]) {
	faultCase(
		'Truncated JSON (200) answering the POST',
		op,
		`truncated JSON on POST: ${op.label} does not repeat it and says the job ID could not be read`,
		async (proof) => {
			addFault(op, { type: 'malformedJson', times: 1 }, 'POST');
			const result = await runOperation(simulator, op);

			const counts = countsOf(simulator, op);
			proof.did(`Not repeated: ${quote(messageOf(result))}; ${describeCounts(op, counts)}`);
			expect(result.status).toBe('error');
			expect(messageOf(result)).toBe("Enrow's answer could not be read (HTTP 200, not JSON)");
			expect(descriptionOf(result)).toContain(`Affected: ${op.items}.`);
			expect(descriptionOf(result)).toMatch(
				/may have started the job, but its ID could not be read.*Check the jobs/,
			);
			expect(counts).toMatchObject({ posts: 1, jobs: 0 });
		},
	);
	recoveredCase(
		'Truncated JSON (200) answering a GET',
		op,
		`truncated JSON on GET: ${op.label} retries the free read and succeeds`,
		{
			method: 'GET',
			rule: { type: 'malformedJson', times: 2, body: '{"general":{"status":"comp' },
			did: 'Retried the read, then succeeded',
			counts: { posts: 1, jobs: 1, charged: op.cost },
		},
	);
	faultCase(
		'HTML page with status 200 (a proxy or captive portal) answering the POST',
		op,
		`HTML 200 on POST: ${op.label} does not repeat it and quotes the page as text`,
		async (proof) => {
			addFault(
				op,
				{
					type: 'html',
					status: 200,
					body: '<html><body><h1>Please log in to the proxy</h1></body></html>',
					times: 1,
				},
				'POST',
			);
			const result = await runOperation(simulator, op);

			const counts = countsOf(simulator, op);
			proof.did(`Not repeated: ${quote(messageOf(result))}; ${describeCounts(op, counts)}`);
			expect(result.status).toBe('error');
			expect(messageOf(result)).toBe("Enrow's answer could not be read (HTTP 200, not JSON)");
			expect(descriptionOf(result)).toContain(`Affected: ${op.items}.`);
			expect(descriptionOf(result)).toContain('Answer began: Please log in to the proxy');
			expect(descriptionOf(result)).not.toMatch(/[<>]/);
			expect(counts).toMatchObject({ posts: 1, jobs: 0 });
		},
	);
}

for (const [label, rule] of [
	['Truncated JSON (200)', { type: 'malformedJson' as const, body: '{"email":"pam.beesly@dunder' }],
	['HTML page with status 200', { type: 'html' as const, status: 200 }],
] as const) {
	recoveredCase(label, VEC, `${label}: ${VEC.label} retries and succeeds`, {
		method: 'POST',
		rule: { ...rule, times: 1 },
		did: 'Retried, then succeeded',
		counts: { posts: 2 },
	});
}

// -------------------------------------------------------------------------------------------
// Out of credits in the middle of a run.

faultCase(
	'402 in the middle of a run (credits for 10 of 25 items)',
	VERIFY,
	'402 mid-run: Verify an email stops paying and names every job it started',
	async (proof) => {
		simulator.configure({ enrow: { apiKeys: { [ENROW_KEY]: { credits: 2.5 } } } });
		simulator.reset();
		balanceReadsAsEnough(simulator);
		const result = await runOperation(simulator, VERIFY, { input: emails(25) });

		const counts = countsOf(simulator, VERIFY);
		const ids = simulator.stats().jobs.map((job) => job.id);
		const named = ids.filter((id) => descriptionOf(result).includes(id));
		proof.did(
			`Stopped with ${quote(messageOf(result).replace(/item \d+/, 'item N'))}; the description names all ${named.length} jobs started (readable with Get Result); no request started after the first 402 came back (those in flight were refused too, uncharged); ${ids.length} jobs created, ${counts.charged} credits charged`,
		);
		expect(result.status).toBe('error');
		expect(messageOf(result)).toBe('Not enough Enrow credits: "Insufficient credits"');
		expect(descriptionOf(result)).toMatch(/Affected: item \d+\./);
		expect(descriptionOf(result)).toMatch(/Top up or upgrade.*made no further paid requests/s);
		expect(ids).toHaveLength(10);
		expect(named).toEqual(ids);
		// Only requests already in flight when the first 402 came back were sent after it.
		expect(counts.posts).toBeLessThanOrEqual(20);
		expect(counts.charged).toBe(2.5);
	},
);

faultCase(
	'402 in the middle of a run (credits for 10 of 25 items), Continue On Fail',
	VERIFY,
	'402 mid-run, Continue On Fail: every item that was not verified gets an error naming that item',
	async (proof) => {
		simulator.configure({ enrow: { apiKeys: { [ENROW_KEY]: { credits: 2.5 } } } });
		simulator.reset();
		balanceReadsAsEnough(simulator);
		const result = await runOperation(simulator, VERIFY, {
			input: emails(25),
			continueOnFail: true,
		});

		const out = jsonOf(result);
		const refused = out
			.map((json, itemIndex) => ({ itemIndex, error: json.error, about: json.errorDescription }))
			.filter((entry) => entry.error !== undefined);
		const misnamed = refused.filter(
			({ itemIndex, about }) => !String(about).includes(`Affected: item ${itemIndex}.`),
		);
		proof.did(
			`10 items got their results, 15 carry “Not enough Enrow credits” with “Affected: item N.” in errorDescription; ${misnamed.length > 0 ? 'items never sent carry the error of the first refused item, naming that item instead of their own' : 'each names its own item'}`,
		);
		expect(out.filter((json) => json.status === 'completed')).toHaveLength(10);
		expect(refused).toHaveLength(15);
		expect(misnamed).toEqual([]);
	},
);

const TWELVE_K = emails(12_000);
const RUN_402 = { credits: 1300 }; // the first 5,000-row job (1,250 credits), not the second

faultCase(
	'402 in the middle of a 12,000-row run (credits for the first of 3 jobs)',
	VERIFY_BULK,
	'402 mid-run, 12,000 rows: Verify emails in bulk stops paying and names the job already created',
	async (proof) => {
		simulator.configure({ enrow: { apiKeys: { [ENROW_KEY]: RUN_402 } } });
		simulator.reset();
		balanceReadsAsEnough(simulator);
		const result = await runOperation(simulator, VERIFY_BULK, { input: TWELVE_K });

		const counts = countsOf(simulator, VERIFY_BULK);
		const [job] = simulator.stats().jobs;
		proof.did(
			`Stopped with ${quote(messageOf(result))}; the description names the job already created (${job.rows.toLocaleString('en-US')} rows) for Get Result; the third job was never requested; ${describeCounts(VERIFY_BULK, counts)}`,
		);
		expect(result.status).toBe('error');
		expect(messageOf(result)).toBe('Not enough Enrow credits: "Insufficient credits"');
		expect(descriptionOf(result)).toContain('Affected: items 5,000–9,999.');
		expect(descriptionOf(result)).toContain(
			`This run started 1 Enrow job(s); their results stay readable with Get Result: ${job.id}`,
		);
		expect(counts).toMatchObject({ posts: 2, jobs: 1, charged: 1250 });
	},
);

faultCase(
	'402 in the middle of a 12,000-row run, Continue On Fail',
	VERIFY_BULK,
	'402 mid-run, 12,000 rows, Continue On Fail: the paid rows get their results, the others the 402',
	async (proof) => {
		simulator.configure({ enrow: { apiKeys: { [ENROW_KEY]: RUN_402 } } });
		simulator.reset();
		balanceReadsAsEnough(simulator);
		const result = await runOperation(simulator, VERIFY_BULK, {
			input: TWELVE_K,
			continueOnFail: true,
		});

		const counts = countsOf(simulator, VERIFY_BULK);
		const out = jsonOf(result);
		const done = out.filter((json) => json.status === 'completed');
		const refused = out.filter((json) => json.error !== undefined);
		proof.did(
			`${done.length.toLocaleString('en-US')} items (the first job) got their results, ${refused.length.toLocaleString('en-US')} items carry ${quote(String(refused[0]?.error))}, all in input order and paired; ${describeCounts(VERIFY_BULK, counts)}`,
		);
		expect(result.status).toBe('success');
		expect(out).toHaveLength(12_000);
		expect(pairedIndexes(result)).toEqual(TWELVE_K.map((_, i) => i));
		const [job] = simulator.stats().jobs;
		out.slice(0, 5000).forEach((json, i) => {
			expect(json).toMatchObject({ email: TWELVE_K[i].email, status: 'completed', jobId: job.id });
		});
		out.slice(5000).forEach((json) => expect(json.error).toMatch(/^Not enough Enrow credits/));
		expect(counts).toMatchObject({ posts: 2, jobs: 1, charged: 1250 });
	},
);

faultCase(
	'402 in the middle of a run (credits for 20 of 40 items), Continue On Fail',
	VEC,
	`402 mid-run: ${VEC.label} keeps the results it paid for and sends nothing after the 402`,
	async (proof) => {
		simulator.configure({ vec: { apiKeys: { [VEC_KEY]: { credits: 20 } } } });
		simulator.reset();
		const result = await runOperation(simulator, VEC, {
			input: emails(40),
			continueOnFail: true,
			parameters: { options: { concurrency: 5 } },
		});

		const counts = countsOf(simulator, VEC);
		const out = jsonOf(result);
		const verified = out.filter((json) => json.error === undefined);
		proof.did(
			`${verified.length} items got their results, ${out.length - verified.length} carry “Not enough ValidEmailChecker credits for item N…”; no request started after the first 402 came back; ${counts.charged} credits charged`,
		);
		expect(verified).toHaveLength(20);
		out
			.filter((json) => json.error !== undefined)
			.forEach((json) =>
				expect(json.error).toMatch(/^Not enough ValidEmailChecker credits for item \d+/),
			);
		expect(pairedIndexes(result)).toEqual(out.map((_, i) => i));
		// At most the requests in flight when the first 402 came back.
		expect(counts.posts).toBeLessThanOrEqual(25);
		expect(counts.charged).toBe(20);
	},
);

faultCase(
	'402 in the middle of a run (credits for 20 of 40 items)',
	VEC,
	`402 mid-run without Continue On Fail: ${VEC.label} says how many items were verified and how to keep them`,
	async (proof) => {
		simulator.configure({ vec: { apiKeys: { [VEC_KEY]: { credits: 20 } } } });
		simulator.reset();
		const result = await runOperation(simulator, VEC, {
			input: emails(40),
			parameters: { options: { concurrency: 1 } },
		});

		const counts = countsOf(simulator, VEC);
		proof.did(
			`Stopped with ${quote(messageOf(result))}; the description says 20 items were verified and to set Settings → On Error to Continue to keep such results; ${describeCounts(VEC, counts)}`,
		);
		expect(messageOf(result)).toBe(
			'Not enough ValidEmailChecker credits for item 20: "Please purchase more credits to continue"',
		);
		expect(descriptionOf(result)).toMatch(
			/20 other item\(s\) were verified before the node stopped.*Set Settings → On Error to "Continue"/s,
		);
		expect(counts).toMatchObject({ posts: 21, charged: 20 });
	},
	{
		note: 'ValidEmailChecker results are not jobs that can be read again: without Continue On Fail, the 20 paid results are not output (n8n outputs nothing from a node that fails). The error says so.',
	},
);

// -------------------------------------------------------------------------------------------
// A job that Enrow reports as failed.

for (const op of [VERIFY, FIND]) {
	faultCase(
		'Single job ends failed at Enrow (read as an unknown ID)',
		op,
		`single job failed: ${op.label} reads it until the Timeout, then says Enrow kept not finding it, with its job ID`,
		async (proof) => {
			addFault(op, { type: 'jobFailed' }, 'POST');
			// Enrow answers a failed single job as an unknown one (500 "Could not retrieve…"); a job
			// this run started exists, so it is read again until the run's Timeout (issue 25).
			const result = await runOperation(simulator, op, { parameters: { timeoutMinutes: 0.01 } });

			const counts = countsOf(simulator, op);
			const [job] = simulator.stats().jobs;
			proof.did(`${quote(messageOf(result))}; ${describeCounts(op, counts)} (refunded)`);
			expect(result.status).toBe('error');
			expect(counts).toMatchObject({ posts: 1, jobs: 1, charged: 0 });
			expect(counts.gets).toBeGreaterThan(1);
			expect(messageOf(result)).toBe(
				`Enrow kept answering that it cannot find the email ${op === FIND ? 'search' : 'verification'} for 3 seconds`,
			);
			expect(descriptionOf(result)).toMatch(
				new RegExp(
					`^Affected: item 0, Enrow job ${job.id}\\. This run started the job, so it exists`,
				),
			);
			expect(descriptionOf(result)).toMatch(/and for a job that failed/);
			expect(descriptionOf(result)).toContain(`Job ID ${job.id}, Job Type single`);
		},
	);
}

for (const op of [VERIFY_BULK, FIND_BULK]) {
	faultCase(
		'Job ends failed at Enrow, Continue On Fail',
		op,
		`job failed, Continue On Fail: ${op.label} gives every item status "failed", the job ID and the error`,
		async (proof) => {
			addFault(op, { type: 'jobFailed' }, 'POST');
			const result = await runOperation(simulator, op, { continueOnFail: true });

			const counts = countsOf(simulator, op);
			const [job] = simulator.stats().jobs;
			const out = jsonOf(result);
			proof.did(
				`Each item: status "failed", its jobId and ${quote(String(out[0]?.error))}; ${describeCounts(op, counts)} (refunded)`,
			);
			expect(out).toHaveLength(3);
			for (const json of out) {
				expect(json).toMatchObject({ status: 'failed', jobId: job.id });
				expect(json.error).toBe(
					`Enrow reports that the email ${op === FIND_BULK ? 'search' : 'verification'} failed`,
				);
				expect(String(json.errorDescription)).toContain(
					`Affected: items 0–2, Enrow job ${job.id}.`,
				);
			}
			expect(pairedIndexes(result)).toEqual([0, 1, 2]);
			expect(counts).toMatchObject({ posts: 1, jobs: 1, charged: 0 });
		},
	);
}

// -------------------------------------------------------------------------------------------
// A rejected key: not retried, says where to fix it.

for (const op of [VERIFY, VERIFY_BULK, VEC]) {
	faultCase(
		'401: the API key is rejected',
		op,
		`401: ${op.label} says the key was rejected, quoting the API, and where to fix it`,
		async (proof) => {
			addFault(
				op,
				{
					type: 'status',
					status: 401,
					body:
						op.node === 'vec'
							? { error: 'Invalid or inactive API key' }
							: { message: 'This apikey is not valid' },
					times: 10,
				},
				'POST',
			);
			const result = await runOperation(simulator, op);

			const counts = countsOf(simulator, op);
			proof.did(`${quote(messageOf(result))}; ${describeCounts(op, counts)}`);
			expect(result.status).toBe('error');
			if (op.node === 'vec') {
				expect(messageOf(result)).toBe(
					'ValidEmailChecker rejected the API key for item 0: "Invalid or inactive API key"',
				);
			} else {
				expect(messageOf(result)).toBe('Enrow rejected the API key: "This apikey is not valid"');
				expect(descriptionOf(result)).toMatch(/Open the Enrow API credential/);
			}
			expect(counts.charged).toBe(0);
			expect(counts.jobs).toBe(0);
		},
	);
}

// -------------------------------------------------------------------------------------------
// Answers Enrow's docs do not describe.

matrix.proves(
	{
		area: 'faults',
		fault:
			'A job status Enrow does not document (200): bulk `general.status: "scheduled"` for 3 reads, then done; single `qualification: "processing"` until the timeout',
		operation: `${VERIFY_BULK.label}, ${VERIFY.label}`,
	},
	'undocumented job status: read as still running, so polling goes on until the job completes, or the timeout names the status',
	async (proof) => {
		addFault(
			VERIFY_BULK,
			{
				type: 'status',
				status: 200,
				body: { general: { id: 'job', status: 'scheduled' }, stats: { finished: 0, requested: 3 } },
				times: 3,
			},
			'GET',
		);
		const bulk = await runOperation(simulator, VERIFY_BULK);
		const bulkCounts = countsOf(simulator, VERIFY_BULK);

		resetSimulator(simulator);
		addFault(
			VERIFY,
			{ type: 'status', status: 200, body: { qualification: 'processing' }, times: 100_000 },
			'GET',
		);
		const single = await runOperation(simulator, VERIFY, {
			parameters: { timeoutMinutes: 0.05 },
		});
		const [job] = simulator.stats().jobs;

		proof.did(
			`Bulk: kept reading past the 3 “scheduled” answers, then every item got its result (${describeCounts(VERIFY_BULK, bulkCounts)}); single: ${quote(messageOf(single))}, the description names the job ID for Get Result`,
		);
		expect(bulk.status).toBe('success');
		expect(jsonOf(bulk).map((json) => json.status)).toEqual([
			'completed',
			'completed',
			'completed',
		]);
		expect(bulkCounts.gets).toBeGreaterThanOrEqual(4);
		expect(bulkCounts).toMatchObject({ posts: 1, jobs: 1, charged: VERIFY_BULK.cost });
		expect(single.status).toBe('error');
		expect(messageOf(single)).toBe(
			'Enrow reported the status "processing" for the email verification until the timeout (3 seconds)',
		);
		expect(descriptionOf(single)).toContain(`Affected: item 0, Enrow job ${job.id}.`);
		expect(descriptionOf(single)).toContain('No credits are lost.');
	},
);

faultCase(
	'200 whose `status` is no verdict: `{"status": "error", "reason": "Verification service unavailable"}` for one of 3 addresses; Continue On Fail',
	VEC,
	`status "error" in a 200: ${VEC.label} gives that item an error saying what ValidEmailChecker answered, not a verdict; the others get theirs`,
	async (proof) => {
		addFault(
			VEC,
			{
				type: 'status',
				status: 200,
				body: {
					email: 'lead0@acme-corp.com',
					status: 'error',
					reason: 'Verification service unavailable',
					credits_used: 1,
				},
			},
			'POST',
		);
		const result = await runOperation(simulator, VEC, {
			input: emails(3),
			continueOnFail: true,
			parameters: { options: { concurrency: 1 } },
		});

		const out = jsonOf(result);
		const counts = countsOf(simulator, VEC);
		proof.did(
			`Item 0: ${quote(String(out[0]?.error))}, its description quoting the answer and saying a request that fails on ValidEmailChecker's side is refunded; items 1–2 got their verdicts; ${describeCounts(VEC, counts)}`,
		);
		expect(out[0].error).toBe('ValidEmailChecker gave no verdict for item 0: status "error"');
		expect(String(out[0].errorDescription)).toContain(
			'answered status "error" ("Verification service unavailable")',
		);
		expect(String(out[0].errorDescription)).toContain('Run this item again later');
		expect(out[0].status).toBeUndefined();
		expect(out.slice(1).map((json) => json.status)).toEqual(['safe', 'safe']);
		expect(pairedIndexes(result)).toEqual([0, 1, 2]);
		expect(counts.posts).toBe(3);
	},
);

matrix.proves(
	{
		area: 'faults',
		fault:
			'The credit balance as text (200 from `GET /account/info`): "1,250", "1 250", "1,250.5", "2", and "lots"',
		operation: `Enrow · Get account credits (\`get\`), ${VERIFY.label} over 9 items (the credit guard reads the balance)`,
	},
	'balance as text: read as the number it says ("1,250" = 1,250), for Get account credits and the credit guard; one that cannot be read is never taken for 0',
	async (proof) => {
		const balanceAnswers = (...credits: unknown[]) => {
			for (const value of credits) {
				simulator.addFault({
					type: 'status',
					status: 200,
					body: { credits: value, webhooks: [] },
					match: { method: 'GET', path: '/account/info' },
				});
			}
		};
		balanceAnswers('1,250', '1 250', '1,250.5', 'lots');
		const account = await runEnrow(
			simulator,
			{ resource: 'account', operation: 'get' },
			{ input: [{}, {}, {}, {}], continueOnFail: true },
		);
		const read = jsonOf(account);

		resetSimulator(simulator);
		balanceAnswers('2');
		const nine = emails(9);
		const refused = await runOperation(simulator, VERIFY, { input: nine });
		const refusedPosts = countsOf(simulator, VERIFY).posts;

		resetSimulator(simulator);
		balanceAnswers('lots');
		const unread = await runOperation(simulator, VERIFY, { input: nine });
		const unreadCounts = countsOf(simulator, VERIFY);

		proof.did(
			`Get account credits: ${read
				.slice(0, 3)
				.map((json) => json.credits)
				.join(
					', ',
				)}, then ${quote(String(read[3].error))}; the guard with "2": ${quote(messageOf(refused))}, ${refusedPosts} POSTs; with "lots": the run went ahead (${describeCounts(VERIFY, unreadCounts)}), every item got its result`,
		);
		expect(read.slice(0, 3)).toEqual([
			{ credits: 1250, webhooks: [] },
			{ credits: 1250, webhooks: [] },
			{ credits: 1250.5, webhooks: [] },
		]);
		expect(read[3].error).toBe(
			'Enrow\'s account answer gives "lots" as the credit balance, not a number',
		);
		expect(messageOf(refused)).toBe(
			'This run may need 2.25 credits; the Enrow account has 2 credits',
		);
		expect(refusedPosts).toBe(0);
		expect(unread.status).toBe('success');
		expect(jsonOf(unread).every((json) => json.valid === true)).toBe(true);
		expect(unreadCounts).toMatchObject({ posts: 9, jobs: 9 });
	},
);
