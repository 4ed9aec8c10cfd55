/**
 * Issue 13: every item lands where users expect. Messy real-world input and odd answers, as a
 * new user meets them: failed items on the error output, duplicates recognised as a user
 * would, the user's own fields kept, honest messages, and the same output in every wait mode.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

jest.mock('n8n-workflow', () =>
	jest.requireActual('./support/fastSleep').n8nWorkflowWithFastSleep(),
);

import type { Simulator } from '../../simulator';
import { runWebhook, type RunNodeResult } from '../harness';
import { runEnrow, runVec, useReliabilityCases } from './support/kit';
import { descriptionOf, jsonOf, messageOf, pairedIndexes } from './support/read';
import { requestedSleeps, sleepsSince } from './support/fastSleep';
import { stable, type CaseMeta, type Proof } from './support/recorder';
import { shortenPrePauseReads } from '../support/injected';

// Jobs here take a few hundred milliseconds: read them once before pausing, not for 2 s.
shortenPrePauseReads();

let simulator: Simulator;
const cases = useReliabilityCases(__filename, (started) => (simulator = started));

const landing = (fault: string, operation: string, note?: string): CaseMeta => ({
	area: 'landing',
	fault,
	operation,
	...(note ? { note } : {}),
});

/**
 * Runs the same verification twice with jobs that outlast the node's reads before it pauses:
 * polled, then paused and resumed by Enrow's callback.
 */
async function pollThenPauseAndResume(parameters: INodeParameters, input: IDataObject[]) {
	simulator.configure({
		enrow: { jobDurationMs: { single: 700, bulkBase: 700, bulkPerRow: 0 } },
	});
	const polled = await runEnrow(simulator, parameters, { input });
	const waiting = await runEnrow(simulator, { ...parameters, waitMode: 'webhook' }, { input });
	const job = simulator.stats().jobs.find((candidate) => candidate.webhook)!;
	await new Promise((resolve) => setTimeout(resolve, 800));
	const call = await runWebhook({
		waiting,
		url: job.webhook!,
		body: { event: 'bulk_verification_finished', id: job.id },
	});
	return { polled, call };
}

const VERIFY_BULK = {
	resource: 'emailVerifier',
	operation: 'verifyBulk',
	email: '={{ $json.email }}',
};
const VERIFY = { ...VERIFY_BULK, operation: 'verify' };
const FIND_BULK = {
	resource: 'emailFinder',
	operation: 'findBulk',
	fullName: '={{ $json.name }}',
	companyDomain: '={{ $json.domain }}',
	companyName: '={{ $json.company }}',
};
const PHONE_BULK = {
	resource: 'phoneFinder',
	operation: 'findBulk',
	linkedinUrl: '={{ $json.linkedin }}',
};

function postsTo(path: string): number {
	return simulator.stats().requests.filter((r) => r.method === 'POST' && r.path === path).length;
}

function sentRows(path: string): IDataObject[] {
	const post = simulator.stats().requests.find((r) => r.method === 'POST' && r.path === path);
	const body = (post?.body ?? {}) as { searches?: IDataObject[] };
	return body.searches ?? [];
}

// 1. Error-output routing --------------------------------------------------------------------

cases.proves(
	landing(
		'"Continue (using error output)": a failed item',
		'Enrow · Verify emails in bulk (verifyBulk)',
	),
	'error output: Enrow sends each failed item down the error output, with its input fields, and only those',
	async (proof) => {
		simulator.addFault({
			type: 'jobFailed',
			match: { method: 'POST', path: '/email/verify/bulk' },
		});
		const input = [
			{ email: 'pam@dundermifflin.com', crmId: 'c-1' },
			{ email: 'not an address', crmId: 'c-2' },
		];
		const result = await runEnrow(simulator, VERIFY_BULK, {
			input,
			onError: 'continueErrorOutput',
		});
		const [success, failed] = result.outputs;
		proof.did(
			`${success.length} item on the main output (the free syntax result), ${failed.length} on the error output: ${stable(failed[0].json.error)}`,
		);
		expect(success.map((item) => item.json.reason)).toEqual(['syntax']);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toEqual({
			email: 'pam@dundermifflin.com',
			crmId: 'c-1',
			error: 'Enrow reports that the email verification failed',
			message: expect.stringMatching(/^Affected: item 0, Enrow job .*Run these items again/),
			details: { jobId: expect.any(String), status: 'failed' },
		});
		expect(failed[0].pairedItem).toEqual({ item: 0 });
	},
);

cases.proves(
	landing('"Continue (using error output)": a failed item', 'ValidEmailChecker · Verify an email'),
	'error output: ValidEmailChecker sends each failed item down the error output, and only those',
	async (proof) => {
		simulator.addFault({
			type: 'status',
			status: 403,
			body: { error: 'forbidden', message: 'Access denied' },
		});
		const input = [{ email: 'pam@dundermifflin.com' }, { email: 'jim@dundermifflin.com' }];
		const result = await runVec(
			simulator,
			{ email: '={{ $json.email }}', options: { concurrency: 1 } },
			{
				input,
				onError: 'continueErrorOutput',
			},
		);
		const [success, failed] = result.outputs;
		proof.did(`${success.length} items on the main output, ${failed.length} on the error output`);
		expect(success).toHaveLength(0);
		expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of failed) {
			expect(Object.keys(item.json).sort()).toEqual(['email', 'error', 'message']);
		}
	},
);

// 2. Duplicates as a user sees them ----------------------------------------------------------

cases.proves(
	landing(
		'The same person, the company domain written 7 ways',
		'Enrow · Find emails in bulk (findBulk)',
	),
	'duplicates: one search for the same person at acme.com written as a URL, with www, path, query, port, slash, capitals or extra spaces',
	async (proof) => {
		const domains = [
			'acme.com',
			'https://www.acme.com/about',
			'ACME.com:443',
			'http://acme.com/?utm=1',
			'www.acme.com/',
			'Acme.COM.',
			'  acme.com  ',
		];
		const input = domains.map((domain, i) => ({
			name: i % 2 ? '  Dwight   Schrute ' : 'dwight schrute',
			domain,
		}));
		const result = await runEnrow(simulator, FIND_BULK, { input });
		const rows = sentRows('/email/find/bulk');
		proof.did(
			`${input.length} items → ${rows.length} row sent: ${JSON.stringify(rows.map(({ custom: _c, ...row }) => row))}`,
		);
		expect(rows).toEqual([
			{ fullname: 'dwight schrute', company_domain: 'acme.com', custom: 'r0' },
		]);
		expect(jsonOf(result)).toHaveLength(7);
		expect(new Set(jsonOf(result).map((json) => json.email)).size).toBe(1);
		expect(simulator.stats().credits.reserved).toBe(1);
	},
);

cases.proves(
	landing(
		'The same LinkedIn profile written 6 ways',
		'Enrow · Find phone numbers in bulk (findBulk)',
		'A phone search costs 40–50 credits.',
	),
	'duplicates: one phone search for the same LinkedIn profile with or without www or scheme, a query, a slash, a country subdomain or capitals',
	async (proof) => {
		const urls = [
			'https://www.linkedin.com/in/michael-scott/',
			'linkedin.com/in/michael-scott',
			'https://linkedin.com/in/Michael-Scott?trk=public_profile',
			'http://fr.linkedin.com/in/michael-scott/',
			'www.linkedin.com/in/MICHAEL-SCOTT/',
			' https://www.linkedin.com/in/michael-scott ',
		];
		const result = await runEnrow(simulator, PHONE_BULK, {
			input: urls.map((linkedin) => ({ linkedin })),
		});
		const rows = sentRows('/phone/bulk');
		proof.did(
			`${urls.length} items → ${rows.length} row sent: ${rows.map((row) => row.linkedin_url).join(', ')}`,
		);
		expect(rows.map((row) => row.linkedin_url)).toEqual([
			'https://www.linkedin.com/in/michael-scott',
		]);
		expect(jsonOf(result)).toHaveLength(6);
		expect(pairedIndexes(result)).toEqual([0, 1, 2, 3, 4, 5]);
	},
);

// 3. Include Input Fields keeps the user's data ----------------------------------------------

cases.proves(
	landing(
		'Include Input Fields, a search that finds nothing',
		'Enrow · Find emails in bulk (findBulk)',
	),
	"input fields: a search that finds nothing leaves the input's own email and companyName as they were",
	async (proof) => {
		const input = [
			{ name: 'Nobody Atall', domain: 'acme.com', email: 'old@acme.com', companyName: 'Acme Inc.' },
		];
		const result = await runEnrow(
			simulator,
			{ ...FIND_BULK, options: { includeInputFields: true } },
			{ input },
		);
		const [json] = jsonOf(result);
		proof.did(
			`found: ${String(json.found)}, email: ${String(json.email)}, companyName: ${String(json.companyName)}`,
		);
		expect(json).toEqual(
			expect.objectContaining({
				found: false,
				email: 'old@acme.com',
				companyName: 'Acme Inc.',
				name: 'Nobody Atall',
			}),
		);
	},
);

// 4. Answers that cannot be a job start ------------------------------------------------------

for (const [label, body] of [
	['null', null],
	['[]', []],
	['{ "message": "ok" } without id', { message: 'ok' }],
] as Array<[string, unknown]>) {
	cases.proves(
		landing(`200 answer to a job start: ${label}`, 'Enrow · Verify emails in bulk (verifyBulk)'),
		`no job ID: a 200 answer ${label} to a job start says a job may exist, and claims no refund`,
		async (proof) => {
			simulator.addFault({
				type: 'status',
				status: 200,
				body: body === null ? 'null' : body,
				match: { method: 'POST' },
			});
			const result = await runEnrow(simulator, VERIFY_BULK, {
				input: [{ email: 'pam@dundermifflin.com' }],
			});
			proof.did(`${stable(messageOf(result))}; ${postsTo('/email/verify/bulk')} POST`);
			expect(messageOf(result)).toBe("Enrow's answer to starting the job had no job ID");
			expect(descriptionOf(result)).toMatch(
				/A job may still have been started.*check the jobs in app\.enrow\.io.*Affected: item 0\./,
			);
			expect(descriptionOf(result)).not.toMatch(/refund/i);
			expect(postsTo('/email/verify/bulk')).toBe(1);
		},
	);
}

// 5. Reads that fail for a while ------------------------------------------------------------

/** A verification whose first `failedReads` reads (GETs) are answered 503, with this run timeout. */
const READS_FAILING: Array<{
	fault: string;
	name: string;
	failedReads: number;
	timeoutMinutes: number;
	continueOnFail?: boolean;
	check: (result: RunNodeResult, proof: Proof) => void;
}> = [
	{
		fault: 'Reading the job fails for a while (503 on the free GETs)',
		name: 'reads failing: the node keeps reading (free) until the job is done, within the run timeout',
		failedReads: 12,
		timeoutMinutes: 1,
		check: (result, proof) => {
			const gets = simulator.stats().gets;
			proof.did(
				`${gets} GETs (12 answered 503), then the result: ${String(jsonOf(result)[0]?.qualification)}`,
			);
			expect(result.status).toBe('success');
			expect(gets).toBeGreaterThan(12);
			expect(jsonOf(result)[0]).toEqual(
				expect.objectContaining({ status: 'completed', valid: true }),
			);
		},
	},
	{
		fault: 'Reading the job fails until the run timeout',
		name: 'reads failing until the timeout: the job ID is reported as for a timeout, status "ongoing", no "nothing was charged"',
		failedReads: 100_000,
		timeoutMinutes: 0.05,
		continueOnFail: true,
		check: (result, proof) => {
			const [json] = jsonOf(result);
			const [job] = simulator.stats().jobs;
			proof.did(`status "${String(json.status)}": ${stable(json.error)}`);
			expect(json).toEqual(expect.objectContaining({ status: 'ongoing', jobId: job.id }));
			expect(json.error).toBe(
				"Could not read Enrow's result of the email verification within 3 seconds",
			);
			expect(String(json.errorDescription)).toContain(`Affected: item 0, Enrow job ${job.id}.`);
			expect(String(json.errorDescription)).toMatch(/Email Verifier → Get Result/);
			expect(JSON.stringify(json)).not.toMatch(/[Nn]othing was charged/);
		},
	},
];

for (const row of READS_FAILING) {
	cases.proves(
		landing(row.fault, 'Enrow · Verify emails in bulk (verifyBulk)'),
		row.name,
		async (proof) => {
			simulator.addFault({
				type: 'status',
				status: 503,
				times: row.failedReads,
				match: { method: 'GET' },
			});
			const result = await runEnrow(
				simulator,
				{ ...VERIFY_BULK, timeoutMinutes: row.timeoutMinutes },
				{
					input: [{ email: 'pam@dundermifflin.com' }],
					...(row.continueOnFail ? { continueOnFail: true } : {}),
				},
			);
			row.check(result, proof);
		},
	);
}

// 6. Messages that point the right way --------------------------------------------------------

cases.proves(
	landing('A wrong path in the Base URL', 'Enrow · Get a verification result (getResult)'),
	'wrong Base URL: a 404 that is not Enrow\'s "not found" says to check the Base URL, not the job ID',
	async (proof) => {
		const result = await runEnrow(
			simulator,
			{ resource: 'emailVerifier', operation: 'getResult', jobId: 'a-job', jobType: 'bulk' },
			{ baseUrl: `${simulator.url}/v2/` },
		);
		proof.did(`${stable(messageOf(result))} · ${stable(descriptionOf(result))}`);
		expect(messageOf(result)).toMatch(/^Enrow has no endpoint \/email\/verify\/bulk/);
		expect(descriptionOf(result)).toMatch(/Check the Base URL/);
	},
);

cases.proves(
	landing(
		'An error about a job whose items are not contiguous',
		'Enrow · Verify emails in bulk (verifyBulk)',
	),
	'item ranges: an error names the items of the job only, not the excluded ones between them',
	async (proof) => {
		simulator.addFault({
			type: 'jobFailed',
			match: { method: 'POST', path: '/email/verify/bulk' },
		});
		const input = ['a@acme.com', 'bad', 'b@acme.com', 'bad too', 'c@acme.com'].map((email) => ({
			email,
		}));
		const result = await runEnrow(simulator, VERIFY_BULK, { input });
		proof.did(`${stable(messageOf(result))} · ${stable(descriptionOf(result))}`);
		expect(messageOf(result)).toBe('Enrow reports that the email verification failed');
		expect(descriptionOf(result)).toMatch(/^Affected: items 0, 2 and 4 \(3 items\), Enrow job /);
	},
);

cases.proves(
	landing(
		'Get Result on a finished bulk job with no rows',
		'Enrow · Get a verification result (getResult)',
	),
	'empty job: Get Result still gives the input item an item, status "completed" and 0 rows',
	async (proof) => {
		simulator.addFault({
			type: 'status',
			status: 200,
			match: { method: 'GET' },
			body: {
				general: { id: 'empty-job', status: 'completed' },
				stats: { finished: 0, requested: 0 },
				results: [],
			},
		});
		const result = await runEnrow(
			simulator,
			{ resource: 'emailVerifier', operation: 'getResult', jobId: 'empty-job', jobType: 'bulk' },
			{ input: [{ crmId: 7 }] },
		);
		proof.did(JSON.stringify(jsonOf(result)));
		expect(jsonOf(result)).toEqual([
			{ jobId: 'empty-job', status: 'completed', finished: 0, requested: 0, rows: 0 },
		]);
		expect(pairedIndexes(result)).toEqual([0]);
	},
);

// 7. The same output in every wait mode -----------------------------------------------------

cases.proves(
	landing(
		'Duplicates with another spelling, in "Pause and resume"',
		'Enrow · Verify an email (verify)',
	),
	'wait modes: each item keeps its own spelling and pairing, polled or paused and resumed',
	async (proof) => {
		const input = [
			{ email: 'Pam@DunderMifflin.com' },
			{ email: 'pam@dundermifflin.com ' },
			{ email: 'jim@dundermifflin.com' },
		];
		const { polled, call } = await pollThenPauseAndResume(VERIFY, input);
		const withoutJobId = (rows: IDataObject[]) => rows.map(({ jobId: _id, ...rest }) => rest);
		proof.did(
			`polled and resumed: ${jsonOf(call.result)
				.map((json) => json.email)
				.join(', ')}`,
		);
		expect(call.resumed).toBe(true);
		expect(withoutJobId(jsonOf(call.result))).toEqual(withoutJobId(jsonOf(polled)));
		expect(jsonOf(call.result).map((json) => json.email)).toEqual([
			'Pam@DunderMifflin.com',
			'pam@dundermifflin.com',
			'jim@dundermifflin.com',
		]);
		expect(pairedIndexes(call.result)).toEqual([0, 1, 2]);
	},
);

cases.proves(
	landing(
		'Output Mode "Summary", in "Pause and resume"',
		'Enrow · Verify emails in bulk (verifyBulk)',
		"n8n 2.41 pairs what a resumed node outputs by position (n8n-core's addPairedItemLineage rewrites the pairing of the waiting node's items), so after a resume the summary item is paired with item 0 only; per-item output is in input order, so each item stays paired with its own input. The node cannot change this; the README says so.",
	),
	"summary: after a resume the summary holds every item's result, as when polling (n8n pairs it by position)",
	async (proof) => {
		const input = [{ email: 'a@acme.com' }, { email: 'b@acme.com' }, { email: 'c@acme.com' }];
		const parameters = { ...VERIFY_BULK, options: { outputMode: 'summary' } };
		const { polled, call } = await pollThenPauseAndResume(parameters, input);
		const resultsOf = (json: IDataObject) => json.results as IDataObject[];
		const [summary] = jsonOf(call.result);
		proof.did(
			`1 summary item with ${resultsOf(summary).length} results; paired with ${JSON.stringify(polled.output[0].pairedItem)} polled, ${JSON.stringify(call.result.output[0].pairedItem)} after the resume`,
		);
		expect(call.result.output).toHaveLength(1);
		expect(resultsOf(summary).map((json) => json.email)).toEqual(
			resultsOf(jsonOf(polled)[0]).map((json) => json.email),
		);
		expect(polled.output[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(call.result.output[0].pairedItem).toEqual({ item: 0, input: undefined });
	},
);

// 8. Run settings with odd values ------------------------------------------------------------

for (const [label, parameters, expected] of [
	[
		'Timeout (Minutes) "soon"',
		{ timeoutMinutes: 'soon' },
		/^Timeout \(Minutes\) is "soon", not a number$/,
	],
	[
		'Wait Mode "sometimes"',
		{ waitMode: 'sometimes' },
		/^Wait Mode "sometimes" is not one this node knows$/,
	],
	[
		'Output Mode "table"',
		{ options: { outputMode: 'table' } },
		/^Output Mode "table" is not one this node knows$/,
	],
] as Array<[string, IDataObject, RegExp]>) {
	cases.proves(
		landing(`Run setting ${label}`, 'Enrow · Verify emails in bulk (verifyBulk)'),
		`run settings: ${label} is refused with a clear error before anything is sent`,
		async (proof) => {
			const result = await runEnrow(
				simulator,
				{ ...VERIFY_BULK, ...parameters },
				{ input: [{ email: 'a@acme.com' }] },
			);
			proof.did(
				`${stable(messageOf(result))} · ${stable(descriptionOf(result))}; ${simulator.stats().posts} POSTs`,
			);
			expect(messageOf(result)).toMatch(expected);
			expect(simulator.stats().posts).toBe(0);
		},
	);
}

cases.proves(
	landing(
		'Run setting Timeout (Minutes) 0 or negative',
		'Enrow · Verify an email (verify)',
		'Documented range: 0.05 (3 s) to 10,080 minutes (7 days).',
	),
	'run settings: a timeout of 0 or below is brought to the documented minimum (3 seconds), not replaced by the default',
	async (proof) => {
		simulator.configure({ enrow: { jobDurationMs: { single: 60_000 } } });
		const messages: string[] = [];
		for (const timeoutMinutes of [0, -5]) {
			const result = await runEnrow(
				simulator,
				{ ...VERIFY, timeoutMinutes },
				{ input: [{ email: 'a@acme.com' }] },
			);
			messages.push(stable(messageOf(result)));
		}
		proof.did(messages.join(' · '));
		for (const message of messages) expect(message).toMatch(/after 3 seconds/);
	},
	30_000,
);

cases.proves(
	landing(
		'Run setting Poll Interval 0 s or 1,000 s',
		'Enrow · Verify an email (verify)',
		'Documented range: 0.25 to 30 seconds.',
	),
	'run settings: a poll interval of 0 or 1,000 s is brought into the documented range (0.25–30 s)',
	async (proof) => {
		const waitsOf: number[][] = [];
		for (const pollIntervalSeconds of [0, 1000]) {
			const mark = requestedSleeps.length;
			const result = await runEnrow(
				simulator,
				{ ...VERIFY, pollIntervalSeconds },
				{ input: [{ email: 'a@acme.com' }] },
			);
			expect(result.status).toBe('success');
			waitsOf.push(sleepsSince(mark, 200));
		}
		const [fromZero, fromThousand] = waitsOf;
		proof.did(`first poll wait ${fromZero[0]} ms for 0 s, ${fromThousand[0]} ms for 1,000 s`);
		expect(fromZero[0]).toBe(250);
		expect(fromThousand[0]).toBe(30_000);
		expect(Math.max(...fromThousand)).toBe(30_000);
	},
);

// 9. Get Result reads a job once, each item its own row --------------------------------------

cases.proves(
	landing(
		'Get Result after "Return Job ID Immediately", 500 items of one job',
		'Enrow · Get a finder result (getResult)',
	),
	'get result: 500 items naming one bulk job read it once and get one row each, not 500 × 500',
	async (proof) => {
		const leads = Array.from({ length: 500 }, (_, i) => ({
			name: `Person ${i}`,
			domain: 'acme.com',
		}));
		const started = await runEnrow(simulator, { ...FIND_BULK, waitMode: 'none' }, { input: leads });
		simulator.completeAllJobs();
		const getsBefore = simulator.stats().gets;
		const read = await runEnrow(
			simulator,
			{
				resource: 'emailFinder',
				operation: 'getResult',
				jobId: '={{ $json.jobId }}',
				jobType: 'bulk',
			},
			{ input: jsonOf(started) },
		);
		const gets = simulator.stats().gets - getsBefore;
		proof.did(`${read.output.length} items from ${gets} GET`);
		expect(read.output).toHaveLength(500);
		expect(gets).toBe(1);
		expect(pairedIndexes(read)).toEqual(leads.map((_, i) => i));
		expect(jsonOf(read).map((json) => json.fullName)).toEqual(leads.map((lead) => lead.name));
	},
);
