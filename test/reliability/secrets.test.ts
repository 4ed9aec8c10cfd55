/**
 * Issue 8 §4: runs every operation of the three nodes, every wait mode and every error path with
 * distinctive API keys, and checks that neither key appears anywhere a user, a log or the API
 * could see it: node output, error message and description (and the error's cause and context),
 * n8n's stored task error and run data, the trigger's and resume URL's HTTP answers, n8n's log and
 * error reporter (harnessLog), and every request the simulator received (paths, queries, bodies,
 * webhook URLs). The key may only travel in the auth header, which the simulator does not record.
 */
jest.mock('n8n-workflow', () =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require('./support/fastSleep').n8nWorkflowWithFastSleep(),
);

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { requestTimeouts } from '../support/injected';
import type { FaultRule, Simulator, SimulatorConfigPatch } from '../../simulator';
import { harnessErrorReports, harnessLog, runWebhook, type RunNodeResult } from '../harness';
import {
	ENROW_KEY,
	VEC_KEY,
	callTrigger,
	clearNotedLeaks,
	emails,
	keyLeaks,
	noteWebhookCall,
	resetSimulator,
	runEnrow,
	runVec,
	startReliabilitySimulator,
} from './support/kit';
import { jsonOf } from './support/read';
import { CaseRecorder } from './support/recorder';
import { shortenPrePauseReads } from '../support/injected';
import { FINDER_BY_DOMAIN, PHONE_BY_LINKEDIN, VERIFIER_MAPPED } from '../support/mappedInputs';

// Jobs here take a few hundred milliseconds: read them once before pausing, not for 2 s.
shortenPrePauseReads();

const cases = new CaseRecorder(__filename);
let simulator: Simulator;

beforeAll(async () => {
	simulator = await startReliabilitySimulator();
});
afterAll(async () => await simulator.close());

/** Contains ENROW_KEY / VEC_KEY, so showing it anywhere is caught by the same scan. */
const REVOKED_ENROW_KEY = `${ENROW_KEY}-revoked`;
const REVOKED_VEC_KEY = `${VEC_KEY}-revoked`;
const NOWHERE = 'http://127.0.0.1:9';

interface Scenario {
	label: string;
	config?: SimulatorConfigPatch;
	faults?: FaultRule[];
	run: () => Promise<unknown>;
}

/** Runs each scenario on a fresh simulator and log; returns `label: where the key showed` for each leak. */
async function scan(scenarios: Scenario[]): Promise<string[]> {
	const found: string[] = [];
	for (const scenario of scenarios) {
		resetSimulator(simulator, scenario.config);
		for (const fault of scenario.faults ?? []) simulator.addFault(fault);
		clearNotedLeaks();
		harnessLog.length = 0;
		harnessErrorReports.length = 0;
		await scenario.run();
		for (const leak of keyLeaks(simulator)) found.push(`${scenario.label} → ${leak}`);
	}
	return found;
}

const finder = FINDER_BY_DOMAIN;
const verifier = VERIFIER_MAPPED;
const phone = PHONE_BY_LINKEDIN;
const PEOPLE = [
	{ name: 'Dwight Schrute', domain: 'dundermifflin.com' },
	{ name: 'Nobody Here', domain: 'dundermifflin.com' },
];
const ADDRESSES = [{ email: 'pam@dundermifflin.com' }, { email: 'bounce@dundermifflin.com' }];

/** A bulk verification of ADDRESSES paused for Enrow's call, and its job. */
async function pausedBulkVerification() {
	const waiting = await runEnrow(
		simulator,
		{ ...verifier, operation: 'verifyBulk', waitMode: 'webhook' },
		{ input: ADDRESSES },
	);
	const [job] = simulator.stats().jobs;
	return { waiting, job };
}
const PHONES = [
	{ linkedin: 'https://www.linkedin.com/in/michael-scott/' },
	{ linkedin: 'https://www.linkedin.com/in/nophone-person/' },
];

/** Every job-starting operation: parameters and input. */
const JOB_OPERATIONS: Array<[string, INodeParameters, IDataObject[], string]> = [
	['Find an email', { ...finder, operation: 'find' }, PEOPLE, 'emailFinder'],
	['Find emails in bulk', { ...finder, operation: 'findBulk' }, PEOPLE, 'emailFinder'],
	['Verify an email', { ...verifier, operation: 'verify' }, ADDRESSES, 'emailVerifier'],
	['Verify emails in bulk', { ...verifier, operation: 'verifyBulk' }, ADDRESSES, 'emailVerifier'],
	['Find a phone number', { ...phone, operation: 'find' }, PHONES, 'phoneFinder'],
	['Find phone numbers in bulk', { ...phone, operation: 'findBulk' }, PHONES, 'phoneFinder'],
];

cases.proves(
	{
		area: 'secrets',
		fault: 'Every operation and wait mode, succeeding',
		operation: 'Enrow (all 10 operations)',
	},
	'every Enrow operation in every wait mode: the API key shows nowhere',
	async (proof) => {
		const scenarios: Scenario[] = [];
		for (const [label, parameters, input, resource] of JOB_OPERATIONS) {
			const bulk = String(parameters.operation).endsWith('Bulk');
			scenarios.push(
				{ label: `${label}, poll`, run: () => runEnrow(simulator, parameters, { input }) },
				{
					label: `${label}, poll, raw output, input fields, summary`,
					run: () =>
						runEnrow(
							simulator,
							{
								...parameters,
								simplify: false,
								options: { includeInputFields: true, ...(bulk ? { outputMode: 'summary' } : {}) },
							},
							{ input },
						),
				},
				{
					label: `${label}, return job ID + webhook URL, then Get Result`,
					run: async () => {
						const started = await runEnrow(
							simulator,
							{ ...parameters, waitMode: 'none', options: { webhookUrl: `${NOWHERE}/hook` } },
							{ input },
						);
						simulator.completeAllJobs();
						await runEnrow(simulator, {
							resource,
							operation: 'getResult',
							jobId: String(jsonOf(started)[0].jobId),
							jobType: bulk ? 'bulk' : 'single',
						});
					},
				},
				{
					label: `${label}, pause and resume`,
					run: async () => {
						// Longer than the node's reads before it pauses, so the run really pauses.
						simulator.configure({ enrow: { jobDurationMs: { single: 700, bulkBase: 700 } } });
						const waiting = await runEnrow(
							simulator,
							{ ...parameters, waitMode: 'webhook' },
							{ input },
						);
						const [job] = simulator.stats().jobs;
						simulator.completeAllJobs();
						const event = {
							emailFinder: 'bulk_search_finished',
							emailVerifier: 'bulk_verification_finished',
							phoneFinder: 'bulk_phone_search_finished',
						}[resource];
						const call = noteWebhookCall(
							await runWebhook({ waiting, url: job.webhook!, body: { event, id: job.id } }),
						);
						expect(call.resumed).toBe(true);
					},
				},
			);
		}
		scenarios.push({
			label: 'Get account credits',
			run: () =>
				runEnrow(simulator, { resource: 'account', operation: 'get' }, { input: [{}, {}] }),
		});

		const leaks = await scan(scenarios);
		proof.did(
			`${scenarios.length} runs (6 job operations × poll, raw/summary, return-ID + Get Result, pause-and-resume; account): key found ${leaks.length} times`,
		);
		expect(leaks).toEqual([]);
	},
	120_000,
);

const status = (code: number, body: unknown, method?: 'GET' | 'POST', times = 100): FaultRule => ({
	type: 'status',
	status: code,
	body,
	times,
	...(method ? { match: { method } } : {}),
});

cases.proves(
	{ area: 'secrets', fault: 'Every error path', operation: 'Enrow (single, bulk, Get Result)' },
	'every Enrow error path: the API key shows nowhere, the rejected key included',
	async (proof) => {
		const verify = { ...verifier, operation: 'verify' };
		const verifyBulk = { ...verifier, operation: 'verifyBulk' };
		const both = (
			label: string,
			extra: Omit<Scenario, 'label' | 'run'>,
			options: {
				continueOnFail?: boolean;
				apiKey?: string;
				baseUrl?: string;
				timeoutMinutes?: number;
			} = {},
		): Scenario[] =>
			[verify, verifyBulk].map((parameters) => ({
				label: `${label} (${String(parameters.operation)})`,
				...extra,
				run: () =>
					runEnrow(
						simulator,
						{
							...parameters,
							...(options.timeoutMinutes ? { timeoutMinutes: options.timeoutMinutes } : {}),
						},
						{ input: emails(3), ...options },
					),
			}));
		const scenarios: Scenario[] = [
			...both('401, rejected key', {}, { apiKey: REVOKED_ENROW_KEY }),
			...both(
				'401, rejected key, Continue On Fail',
				{},
				{ apiKey: REVOKED_ENROW_KEY, continueOnFail: true },
			),
			...both('402', { config: { enrow: { apiKeys: { [ENROW_KEY]: { credits: 0.25 } } } } }),
			...both(
				'422',
				{
					config: {
						enrow: { insufficientCredits: '422', apiKeys: { [ENROW_KEY]: { credits: 0 } } },
					},
				},
				{ continueOnFail: true },
			),
			...both('429 storm', {
				faults: [{ type: 'rateLimit', match: { method: 'POST' }, times: 100 }],
			}),
			...both('500 on POST', {
				faults: [status(500, { message: 'Internal Server Error' }, 'POST')],
			}),
			...both(
				'503 storm on GET',
				{ faults: [status(503, { message: 'Service Unavailable' }, 'GET')] },
				{ continueOnFail: true },
			),
			...both('502 HTML page', { faults: [{ type: 'html', status: 502, times: 100 }] }),
			...both('dropped after processing', {
				faults: [{ type: 'dropAfterProcessing', match: { method: 'POST' } }],
			}),
			...both('dropped before processing', {
				faults: [{ type: 'dropBeforeProcessing', times: 100 }],
			}),
			...both('truncated JSON', { faults: [{ type: 'malformedJson', times: 100 }] }),
			...both(
				'job failed',
				{ faults: [{ type: 'jobFailed', match: { method: 'POST' }, times: 10 }] },
				// A failed single job reads as an unknown one, read again until the Timeout.
				{ continueOnFail: true, timeoutMinutes: 0.01 },
			),
			...both('connection refused', {}, { baseUrl: NOWHERE }),
			...both('wrong Base URL path (404)', {}, { baseUrl: `${simulator.url}/v9/` }),
			{
				label: 'slow answers past the request timeout',
				run: async () => {
					const restore = [
						jest.replaceProperty(requestTimeouts.enrow, 'POST', 300),
						jest.replaceProperty(requestTimeouts.enrow, 'GET', 300),
					];
					simulator.addFault({ type: 'latency', ms: 800, times: 100 });
					await runEnrow(simulator, verify, { input: emails(1) });
					restore.forEach((replaced) => replaced.restore());
					await new Promise((resolve) => setTimeout(resolve, 800));
				},
			},
			{
				label: 'poll timeout',
				config: { enrow: { jobDurationMs: { single: 60_000 } } },
				run: () => runEnrow(simulator, { ...verify, timeoutMinutes: 0.05 }, { input: emails(1) }),
			},
			{
				label: 'Get Result with unknown IDs',
				run: async () => {
					for (const jobType of ['single', 'bulk']) {
						await runEnrow(
							simulator,
							{ resource: 'emailFinder', operation: 'getResult', jobId: 'no-such-job', jobType },
							{ continueOnFail: true },
						);
					}
				},
			},
			{
				label: 'bad input',
				run: () =>
					runEnrow(
						simulator,
						{ ...finder, operation: 'findBulk' },
						{ input: [{ name: { x: 1 } }, { name: 'A B' }], continueOnFail: true },
					),
			},
			{
				label: 'account, rejected key',
				run: () =>
					runEnrow(
						simulator,
						{ resource: 'account', operation: 'get' },
						{ apiKey: REVOKED_ENROW_KEY },
					),
			},
		];

		const leaks = await scan(scenarios);
		proof.did(
			`${scenarios.length} failing runs (401 with the rejected key, 402, 422, 429, 5xx, HTML, drops, truncated JSON, timeouts, failed jobs, unknown IDs, bad input, unreachable Base URL): key found ${leaks.length} times`,
		);
		expect(leaks).toEqual([]);
	},
	120_000,
);

cases.proves(
	{
		area: 'secrets',
		fault: 'Success and every error path',
		operation: 'ValidEmailChecker · Verify an email',
	},
	'ValidEmailChecker, success and every error path: the API key shows nowhere, the rejected key included',
	async (proof) => {
		const verify =
			(options: { continueOnFail?: boolean; apiKey?: string; baseUrl?: string } = {}) =>
			() =>
				runVec(simulator, { email: '={{ $json.email }}' }, { input: emails(2), ...options });
		const scenarios: Scenario[] = [
			{
				label: 'success, input fields',
				run: () =>
					runVec(
						simulator,
						{ email: '={{ $json.email }}', options: { includeInputFields: true } },
						{ input: emails(2) },
					),
			},
			{ label: '401, rejected key', run: verify({ apiKey: REVOKED_VEC_KEY }) },
			{
				label: '402',
				config: { vec: { apiKeys: { [VEC_KEY]: { credits: 1 } } } },
				run: verify({ continueOnFail: true }),
			},
			{
				label: '403 suspended',
				config: { vec: { apiKeys: { [VEC_KEY]: { credits: 10, suspended: true } } } },
				run: verify(),
			},
			{ label: '403 IP blocked', config: { vec: { blockedIps: ['127.0.0.1'] } }, run: verify() },
			{
				label: '429 daily quota',
				config: { vec: { perDayLimit: 1 } },
				run: verify({ continueOnFail: true }),
			},
			{ label: '429 storm', faults: [{ type: 'rateLimit', times: 100 }], run: verify() },
			{ label: '500 storm', faults: [status(500, { message: 'boom' })], run: verify() },
			{ label: '502 HTML', faults: [{ type: 'html', status: 502, times: 100 }], run: verify() },
			{ label: 'drops', faults: [{ type: 'dropAfterProcessing', times: 100 }], run: verify() },
			{ label: 'truncated JSON', faults: [{ type: 'malformedJson', times: 100 }], run: verify() },
			{ label: 'connection refused', run: verify({ baseUrl: NOWHERE }) },
			{
				label: 'bad input',
				run: () =>
					runVec(
						simulator,
						{ email: '={{ $json.email }}' },
						{ input: [{ email: 7 }, {}], continueOnFail: true },
					),
			},
			{
				label: 'error bodies that echo the key',
				faults: [
					status(
						400,
						{ message: `Bad key ${VEC_KEY} (Authorization: Bearer ${VEC_KEY})` },
						undefined,
						1,
					),
					status(503, `upstream: Authorization: Bearer ${VEC_KEY}`),
				],
				run: verify({ continueOnFail: true }),
			},
		];

		const leaks = await scan(scenarios);
		proof.did(
			`${scenarios.length} runs, error bodies that echo the key included (redacted): key found ${leaks.length} times`,
		);
		expect(leaks).toEqual([]);
	},
	120_000,
);

const finishedEvent = (id: string): IDataObject => ({
	event: 'bulk_verification_finished',
	id,
	credits: { cost: 0.5 },
});

cases.proves(
	{
		area: 'secrets',
		fault: 'Deliveries, refusals and errors',
		operation: 'Enrow Trigger and the resume URL',
	},
	'the trigger and the resume URL, accepted, refused and failing: the API key shows nowhere',
	async (proof) => {
		const bulkJob = async () => {
			const started = await runEnrow(
				simulator,
				{ ...verifier, operation: 'verifyBulk', waitMode: 'none' },
				{ input: ADDRESSES },
			);
			simulator.completeAllJobs();
			return String(jsonOf(started)[0].jobId);
		};
		const singleJob = async () => {
			const started = await runEnrow(
				simulator,
				{ ...verifier, operation: 'verify', waitMode: 'none' },
				{ input: ADDRESSES.slice(0, 1) },
			);
			simulator.completeAllJobs();
			return String(jsonOf(started)[0].jobId);
		};
		const scenarios: Scenario[] = [
			{
				label: 'trigger, bulk event, results fetched',
				run: async () => callTrigger(simulator, {}, { body: finishedEvent(await bulkJob()) }),
			},
			{
				label: 'trigger, single event, result read from Enrow',
				run: async () =>
					callTrigger(
						simulator,
						{},
						{
							body: {
								event: 'verification_finished',
								id: await singleJob(),
								email: 'a@b.co',
								qualification: 'valid',
							},
						},
					),
			},
			{
				label: 'trigger, single event, Fetch Results off (the payload)',
				run: () =>
					callTrigger(
						simulator,
						{ fetchResults: false },
						{
							body: {
								event: 'verification_finished',
								id: 'v-1',
								email: 'a@b.co',
								qualification: 'valid',
							},
						},
					),
			},
			{
				label: 'trigger, unknown single job (ignored, warning logged)',
				run: async () =>
					callTrigger(
						simulator,
						{},
						{ body: { event: 'single_search_finished', id: 'no-such-job' } },
					),
			},
			{
				label: 'trigger, wrong token',
				run: async () =>
					callTrigger(
						simulator,
						{ options: { secret: 'shh-secret-value' } },
						{ body: finishedEvent(await bulkJob()), query: { token: 'nope' } },
					),
			},
			{
				label: 'trigger, unknown bulk job (ignored, warning logged)',
				run: () => callTrigger(simulator, {}, { body: finishedEvent('no-such-job') }),
			},
			{
				label: 'trigger, rejected key while fetching (fails)',
				run: async () => {
					const id = await bulkJob();
					return await callTrigger(
						simulator,
						{},
						{
							body: finishedEvent(id),
							credentials: {
								enrowApi: { apiKey: REVOKED_ENROW_KEY, baseUrl: `${simulator.url}/` },
							},
						},
					);
				},
			},
			{
				label: 'trigger, Enrow 503 while fetching',
				faults: [status(503, { message: 'down' }, 'GET')],
				run: async () => callTrigger(simulator, {}, { body: finishedEvent('job-x') }),
			},
			{
				label: 'resume URL: forged, early, failing read, genuine, replayed',
				run: async () => {
					const { waiting, job } = await pausedBulkVerification();
					const url = job.webhook!;
					noteWebhookCall(await runWebhook({ waiting, url, body: finishedEvent('forged') }));
					noteWebhookCall(await runWebhook({ waiting, url, body: finishedEvent(job.id) }));
					simulator.completeAllJobs();
					simulator.addFault(status(503, { message: 'down' }, 'GET', 5));
					noteWebhookCall(await runWebhook({ waiting, url, body: finishedEvent(job.id) }));
					const genuine = noteWebhookCall(
						await runWebhook({ waiting, url, body: finishedEvent(job.id) }),
					);
					noteWebhookCall(
						await runWebhook({ waiting: genuine.result, url, body: finishedEvent(job.id) }),
					);
				},
			},
		];

		const leaks = await scan(scenarios);
		proof.did(
			`${scenarios.length} scenarios (the failing read while resuming is logged by the node): key found ${leaks.length} times`,
		);
		expect(leaks).toEqual([]);
	},
	120_000,
);

cases.proves(
	{
		area: 'secrets',
		fault: 'Enrow (or a proxy in front of it) answers an error that quotes the key',
		operation: 'Enrow (single, bulk, Get Result), Enrow Trigger, resume URL',
	},
	'Enrow error answers that quote the key: the key is redacted everywhere',
	async (proof) => {
		const echo = `Invalid request for key ${ENROW_KEY}`;
		let quoted: RunNodeResult | undefined;
		const page = `<html><body><h1>502 Bad Gateway</h1><pre>x-api-key: ${ENROW_KEY}</pre></body></html>`;
		const scenarios: Scenario[] = [
			{
				label: '400 on POST quoting the key',
				faults: [status(400, { message: echo }, 'POST')],
				run: async () => {
					quoted = await runEnrow(
						simulator,
						{ ...verifier, operation: 'verify' },
						{ input: emails(1) },
					);
				},
			},
			{
				label: '502 HTML page with the request headers',
				faults: [{ type: 'html', status: 502, body: page, times: 100 }],
				run: () =>
					runEnrow(simulator, { ...verifier, operation: 'verifyBulk' }, { input: emails(2) }),
			},
			{
				label: 'cut-off 200 answer quoting the key',
				faults: [
					{
						type: 'malformedJson',
						body: `{"message":"ok","key":"${ENROW_KEY}","id":"12`,
						match: { method: 'POST' },
					},
				],
				run: () => runEnrow(simulator, { ...verifier, operation: 'verify' }, { input: emails(1) }),
			},
			{
				label: 'Get Result, 400 quoting the key',
				faults: [status(400, { message: echo }, 'GET')],
				run: () =>
					runEnrow(
						simulator,
						{ resource: 'emailVerifier', operation: 'getResult', jobId: 'x', jobType: 'bulk' },
						{ continueOnFail: true },
					),
			},
			{
				label: 'trigger, bulk fetch answered 400 with the key (an unknown job: ignored)',
				faults: [status(400, { message: echo }, 'GET')],
				run: () => callTrigger(simulator, {}, { body: finishedEvent('job-y') }),
			},
			{
				label: 'trigger, bulk fetch answered 401 with the key (fails)',
				faults: [status(401, { message: echo }, 'GET')],
				run: () => callTrigger(simulator, {}, { body: finishedEvent('job-y') }),
			},
			{
				label: 'trigger, single fetch answered 503 with the key (fails)',
				faults: [status(503, { message: echo }, 'GET')],
				run: () =>
					callTrigger(simulator, {}, { body: { event: 'verification_finished', id: 'job-z' } }),
			},
			{
				label: 'resume URL, read answered with the key',
				run: async () => {
					const { waiting, job } = await pausedBulkVerification();
					simulator.completeAllJobs();
					simulator.addFault(status(400, { message: echo }, 'GET', 1));
					noteWebhookCall(
						await runWebhook({ waiting, url: job.webhook!, body: finishedEvent(job.id) }),
					);
				},
			},
		];

		const leaks = await scan(scenarios);
		const where = [
			...new Set(
				leaks.map((leak) => leak.replace(/ → .*?: (enrow|vec)-KEY.*$/, '').replace(/ → /, ': ')),
			),
		];
		const places = [...new Set(leaks.map((leak) => leak.split(' → ')[1].replace(/: .*$/, '')))];
		proof.did(
			leaks.length === 0
				? `Redacted everywhere (${scenarios.length} scenarios): the error quotes the answer with the key as *** (“${quoted?.error?.message ?? ''}”)`
				: `The key showed in ${where.length} of ${scenarios.length} scenarios (${where.join('; ')}), in: ${places.join(', ')}`,
		);
		expect(leaks).toEqual([]);
		// The answer is still quoted, with the key replaced.
		expect(quoted?.error?.message).toBe('Enrow refused the request: "Invalid request for key ***"');
	},
	60_000,
);
