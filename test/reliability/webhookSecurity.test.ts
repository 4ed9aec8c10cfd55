/**
 * Issue 8 §3: forged and replayed calls to the Enrow node's resume URL (wait mode "Pause and
 * resume") and to the Enrow Trigger's production URL: a wrong token, a wrong job ID, a finished
 * job's callback sent twice, huge bodies. None may resume or start anything, or crash n8n; the
 * trigger's Secret option works.
 *
 * Resume-URL calls go through the harness's runWebhook() (n8n's signature check, 409 once resumed,
 * then the node's webhook()); trigger calls through runTriggerWebhook() (n8n's production webhook).
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import { VERIFIER_MAPPED } from '../support/mappedInputs';
import {
	harnessLog,
	resumeAfterDeadline,
	runWebhook,
	type RunNodeResult,
	type RunTriggerWebhookResult,
	type RunWebhookOptions,
	type RunWebhookResult,
} from '../harness';
import { shortenTriggerRereads } from '../support/shortTriggerRereads';
import { callTrigger, emails, noteWebhookCall, runEnrow, useReliabilityCases } from './support/kit';
import { jsonOf } from './support/read';
import { stable } from './support/recorder';
import { shortenPrePauseReads } from '../support/injected';

// Jobs here take a few hundred milliseconds: read them once before pausing, not for 2 s.
shortenPrePauseReads();
shortenTriggerRereads();

let simulator: Simulator;
// Jobs that outlast the node's reads before it pauses, so "Pause and resume" really pauses.
const cases = useReliabilityCases(__filename, (started) => (simulator = started), {
	enrow: { jobDurationMs: { single: 700, bulkBase: 700, bulkPerRow: 0 } },
});

const RESUME = 'Enrow · Verify emails in bulk, wait mode “Pause and resume” (resume URL)';
const TRIGGER = 'Enrow Trigger (production URL)';
const NOT_STARTED = { received: true, started: false };

const securityCase = cases.inArea('webhooks', 60_000);

const verifyBulk = { ...VERIFIER_MAPPED, operation: 'verifyBulk', waitMode: 'webhook' };
const INPUT = [{ email: 'pam.beesly@dundermifflin.com' }, { email: 'bounce@dundermifflin.com' }];

const finished = (jobId: string): IDataObject => ({
	event: 'bulk_verification_finished',
	id: jobId,
	credits: { cost: 0.5 },
});

async function pause(input: IDataObject[] = INPUT): Promise<{
	waiting: RunNodeResult;
	jobIds: string[];
	url: string;
	readsSincePause: () => number;
}> {
	const before = new Set(simulator.stats().jobs.map((job) => job.id));
	const waiting = await runEnrow(simulator, verifyBulk, { input });
	expect(waiting.status).toBe('waiting');
	const jobs = simulator.stats().jobs.filter((job) => !before.has(job.id));
	// The node reads its jobs for a moment before it pauses; what counts is what comes after.
	const getsAtPause = simulator.stats().gets;
	return {
		waiting,
		jobIds: jobs.map((job) => job.id),
		url: jobs[0].webhook!,
		readsSincePause: () => simulator.stats().gets - getsAtPause,
	};
}

async function call(options: RunWebhookOptions): Promise<RunWebhookResult> {
	return noteWebhookCall(await runWebhook(options));
}

/** `403 {"message":"…"}`, execution numbers left out (they depend on the order tests run in). */
const answer = (result: RunWebhookResult) =>
	`${result.response.statusCode} ${stable(JSON.stringify(result.response.body)).replace(/execution \\"\d+\\"/g, 'execution')}`;

// -------------------------------------------------------------------------------------------
// The resume URL.

securityCase(
	{ fault: 'Wrong, missing or mangled signature; wrong method', operation: RESUME },
	'resume URL, wrong token: n8n refuses it (401) before the node runs; nothing resumes, nothing is read from Enrow',
	async (proof) => {
		const { waiting, jobIds, url, readsSincePause } = await pause();
		simulator.completeAllJobs();
		const signed = new URL(url);
		const unsigned = new URL(url);
		unsigned.searchParams.delete('signature');
		const wrong = new URL(url);
		wrong.searchParams.set('signature', 'f'.repeat(64));
		const truncated = new URL(url);
		truncated.searchParams.set('signature', signed.searchParams.get('signature')!.slice(0, -1));

		const results = [];
		for (const target of [unsigned, wrong, truncated]) {
			results.push(await call({ waiting, url: target.toString(), body: finished(jobIds[0]) }));
		}
		const get = await call({ waiting, url, method: 'GET', body: finished(jobIds[0]) });

		proof.did(
			`No signature, a wrong one, a truncated one: ${results.map((r) => r.response.statusCode).join(', ')} from n8n; GET: ${get.response.statusCode}; none resumed; ${readsSincePause()} reads from Enrow`,
		);
		for (const result of results) {
			expect(result.response.statusCode).toBe(401);
			expect(result.resumed).toBe(false);
		}
		expect(get.response.statusCode).toBe(404);
		expect(get.resumed).toBe(false);
		expect(readsSincePause()).toBe(0);
		// The genuine call still works afterwards.
		expect((await call({ waiting, url, body: finished(jobIds[0]) })).resumed).toBe(true);
	},
);

securityCase(
	{ fault: 'Wrong job ID (made up), right signature', operation: RESUME },
	'resume URL, made-up job ID: refused (403) without a request to Enrow, and the execution keeps waiting',
	async (proof) => {
		const { waiting, jobIds, url, readsSincePause } = await pause();
		simulator.completeAllJobs();
		const forged = await call({
			waiting,
			url,
			body: finished('0cf517bc-16e8-45bc-b967-ab9116b3c804'),
		});
		const numeric = await call({
			waiting,
			url,
			body: { event: 'bulk_verification_finished', id: 42 },
		});
		const noId = await call({ waiting, url, body: { event: 'bulk_verification_finished' } });

		proof.did(
			`Refused: ${answer(forged)}; numeric and missing IDs too; no request to Enrow; still waiting`,
		);
		for (const result of [forged, numeric, noId]) {
			expect(result.response).toMatchObject({
				statusCode: 403,
				body: { message: 'This notification is not about a job of this execution' },
			});
			expect(result.resumed).toBe(false);
			expect(result.webhookError).toBeUndefined();
		}
		expect(readsSincePause()).toBe(0);
		expect((await call({ waiting, url, body: finished(jobIds[0]) })).resumed).toBe(true);
	},
);

securityCase(
	{ fault: "Another execution's real, finished job ID", operation: RESUME },
	"resume URL, another execution's job: refused (403); each execution resumes only with its own job",
	async (proof) => {
		const a = await pause([{ email: 'pam.beesly@dundermifflin.com' }]);
		const b = await pause([{ email: 'bounce@dundermifflin.com' }]);
		simulator.completeAllJobs();
		const crossed = await call({ waiting: b.waiting, url: b.url, body: finished(a.jobIds[0]) });
		const ownA = await call({ waiting: a.waiting, url: a.url, body: finished(a.jobIds[0]) });
		const ownB = await call({ waiting: b.waiting, url: b.url, body: finished(b.jobIds[0]) });

		proof.did(`Refused: ${answer(crossed)}; each execution then resumed with its own result`);
		expect(crossed.response.statusCode).toBe(403);
		expect(crossed.resumed).toBe(false);
		expect(jsonOf(ownA.result)).toEqual([
			expect.objectContaining({ email: 'pam.beesly@dundermifflin.com', valid: true }),
		]);
		expect(jsonOf(ownB.result)).toEqual([
			expect.objectContaining({ email: 'bounce@dundermifflin.com', valid: false }),
		]);
	},
);

securityCase(
	{ fault: 'Right job ID, forged results in the body', operation: RESUME },
	'resume URL, forged results in the body: ignored, the results are read from Enrow',
	async (proof) => {
		const { waiting, jobIds, url } = await pause();
		simulator.completeAllJobs();
		const forged = await call({
			waiting,
			url,
			body: {
				...finished(jobIds[0]),
				results: [{ email: 'bounce@dundermifflin.com', qualification: 'valid' }],
				email: 'bounce@dundermifflin.com',
				qualification: 'valid',
			},
		});

		const out = jsonOf(forged.result);
		proof.did(`Resumed with Enrow's own results (bounce@… stays invalid), not the body's`);
		expect(forged.resumed).toBe(true);
		expect(out[1]).toMatchObject({ email: 'bounce@dundermifflin.com', valid: false });
	},
);

securityCase(
	{ fault: "A finished job's callback sent twice (single-job run)", operation: RESUME },
	'resume URL, callback replayed after the resume: n8n answers 409, nothing runs twice, nothing is charged again',
	async (proof) => {
		const { waiting, jobIds, url } = await pause();
		simulator.completeAllJobs();
		const first = await call({ waiting, url, body: finished(jobIds[0]) });
		const posts = simulator.stats().posts;
		const again = await call({ waiting, url, body: finished(jobIds[0]) });
		const onResult = await call({ waiting: first.result, url, body: finished(jobIds[0]) });

		proof.did(
			`First call resumed; the replays got ${answer(again)} and ${onResult.response.statusCode}; no new request or job`,
		);
		expect(first.resumed).toBe(true);
		for (const replay of [again, onResult]) {
			expect(replay.response.statusCode).toBe(409);
			expect(replay.resumed).toBe(false);
		}
		expect(simulator.stats().posts).toBe(posts);
		expect(simulator.stats().jobsCreated).toBe(1);
	},
);

securityCase(
	{
		fault: "One job's callback sent twice while another job of the run is still running",
		operation: RESUME,
	},
	'resume URL, 2-job run: a replayed callback of the first job is acknowledged and does not resume; the last job resumes once',
	async (proof) => {
		// 5,001 rows: two Enrow jobs. The second (1 row) finishes first; the first one is held back.
		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 150, bulkPerRow: 10 } } });
		const { waiting, jobIds, url } = await pause(emails(5001));
		expect(jobIds).toHaveLength(2);
		await new Promise((resolve) => setTimeout(resolve, 400));
		const early = await call({ waiting, url, body: finished(jobIds[1]) });
		const replay = await call({ waiting: early.result, url, body: finished(jobIds[1]) });

		simulator.completeAllJobs();
		const last = await call({ waiting: replay.result, url, body: finished(jobIds[0]) });
		const late = await call({ waiting: replay.result, url, body: finished(jobIds[1]) });

		proof.did(
			`Both calls for the finished job: ${answer(early)} (not resumed); the last job's call resumed once with all 5,001 results; a later replay got ${late.response.statusCode}`,
		);
		for (const ack of [early, replay]) {
			expect(ack.response).toMatchObject({
				statusCode: 200,
				body: { message: 'Received. Waiting for 1 more Enrow job(s) of this execution.' },
			});
			expect(ack.resumed).toBe(false);
		}
		expect(last.resumed).toBe(true);
		expect(jsonOf(last.result)).toHaveLength(5001);
		expect(late.response.statusCode).toBe(409);
	},
);

securityCase(
	{ fault: 'Callback after the wait timed out', operation: RESUME },
	'resume URL, callback after the timeout: n8n answers 409; the run already ended with each item saying it has no result',
	async (proof) => {
		const { waiting, jobIds, url } = await pause();
		const timedOut = await resumeAfterDeadline(waiting);
		simulator.completeAllJobs();
		const late = await call({ waiting: timedOut, url, body: finished(jobIds[0]) });
		const lateOnOld = await call({ waiting, url, body: finished(jobIds[0]) });

		proof.did(
			`Late callbacks: ${late.response.statusCode}, ${lateOnOld.response.statusCode}; nothing ran twice`,
		);
		// n8n passes the input on at the deadline: each item carries the node's "no result" mark.
		expect(jsonOf(timedOut)).toEqual(
			INPUT.map((json) => ({
				...json,
				enrowWait: expect.objectContaining({
					status: 'timedOut',
					error: expect.stringMatching(/^Enrow did not call back within the Timeout/),
				}),
			})),
		);
		expect(late.response.statusCode).toBe(409);
		expect(lateOnOld.response.statusCode).toBe(409);
		expect(late.resumed || lateOnOld.resumed).toBe(false);
	},
);

securityCase(
	{
		fault:
			'Huge and malformed bodies (10 MB, 2,000 levels deep, 100,000-entry array, scalars, empty)',
		operation: RESUME,
	},
	'resume URL, huge and malformed bodies: refused (403) without throwing; the execution keeps waiting',
	async (proof) => {
		const { waiting, jobIds, url, readsSincePause } = await pause();
		simulator.completeAllJobs();
		// As n8n's JSON parser hands it over. (The harness re-serialises bodies: deeper overflows its JSON.stringify.)
		const deep = JSON.parse(
			`${'{"result":'.repeat(2_000)}{"event":"x"}${'}'.repeat(2_000)}`,
		) as unknown;
		const bodies: unknown[] = [
			{ ...finished('0cf517bc-16e8-45bc-b967-ab9116b3c804'), pad: 'x'.repeat(10 * 1024 * 1024) },
			{ event: 'bulk_verification_finished', id: 'x'.repeat(10 * 1024 * 1024) },
			deep,
			[finished(jobIds[0])],
			Array.from({ length: 100_000 }, () => finished(jobIds[0])),
			'x'.repeat(1024 * 1024),
			42,
			null,
			undefined,
		];
		const statuses: number[] = [];
		for (const body of bodies) {
			const result = await call({ waiting, url, body });
			statuses.push(result.response.statusCode);
			expect(result.webhookError).toBeUndefined();
			expect(result.resumed).toBe(false);
		}

		proof.did(
			`All ${bodies.length} answered ${[...new Set(statuses)].join('/')} without throwing; not resumed; no request to Enrow`,
		);
		expect(new Set(statuses)).toEqual(new Set([403]));
		expect(readsSincePause()).toBe(0);
		expect((await call({ waiting, url, body: finished(jobIds[0]) })).resumed).toBe(true);
	},
);

// -------------------------------------------------------------------------------------------
// The Enrow Trigger.

const SECRET = 'trg-9d3f1b7e2c5a4e80b6d1';

/** A real finished bulk verification of the simulator; its ID. */
async function finishedBulkJob(): Promise<string> {
	const started = await runEnrow(simulator, { ...verifyBulk, waitMode: 'none' }, { input: INPUT });
	simulator.completeAllJobs();
	return String(jsonOf(started)[0].jobId);
}

securityCase(
	{ fault: 'Secret set: wrong, missing or partial token on a real job', operation: TRIGGER },
	'trigger with a secret: calls without the right token get 401, start nothing and never use the credential',
	async (proof) => {
		const jobId = await finishedBulkJob();
		const gets = simulator.stats().gets;
		const parameters = { options: { secret: SECRET } };
		const tokens: Array<Record<string, string | string[]>> = [
			{},
			{ token: '' },
			{ token: 'wrong' },
			{ token: SECRET.slice(0, -1) },
			{ token: `${SECRET}x` },
			{ token: [SECRET, 'wrong'] },
			{ TOKEN: SECRET },
		];
		const refused = [];
		for (const query of tokens) {
			refused.push(await callTrigger(simulator, parameters, { body: finished(jobId), query }));
		}
		const readsAfterRefusals = simulator.stats().gets - gets;
		const accepted = await callTrigger(simulator, parameters, {
			body: finished(jobId),
			query: { token: SECRET },
		});

		proof.did(
			`${refused.length} bad tokens: 401 “Invalid or missing token”, nothing started, ${readsAfterRefusals} reads from Enrow; the right token started the workflow with the job's ${accepted.items.length} rows`,
		);
		for (const result of refused) {
			expect(result.response).toMatchObject({
				statusCode: 401,
				body: { message: 'Invalid or missing token' },
			});
			expect(result.executionStarted).toBe(false);
		}
		expect(readsAfterRefusals).toBe(0);
		expect(accepted.executionStarted).toBe(true);
		expect(accepted.items).toHaveLength(2);
	},
);

securityCase(
	{
		fault: 'Huge and malformed bodies (10 MB, 10,000 levels deep, over 16 MiB)',
		operation: TRIGGER,
	},
	'trigger, huge bodies: answered, nothing started, never throws',
	async (proof) => {
		const results = [
			await callTrigger(
				simulator,
				{},
				{ body: { event: 'search_started', id: 'a', pad: 'x'.repeat(10 * 1024 * 1024) } },
			),
			await callTrigger(
				simulator,
				{},
				{
					body: `${'{"result":'.repeat(10_000)}{"event":"verification_finished"}${'}'.repeat(10_000)}`,
				},
			),
			await callTrigger(
				simulator,
				{},
				{ body: { event: 'bulk_search_finished', id: 'x'.repeat(10 * 1024 * 1024) } },
			),
			await callTrigger(
				simulator,
				{},
				{ body: { event: 'verification_finished', pad: 'x'.repeat(17 * 1024 * 1024) } },
			),
		];
		proof.did(
			`Answered ${results.map((r) => r.response.statusCode).join(', ')} (the last by n8n's 16 MiB limit); nothing started; no request to Enrow`,
		);
		for (const result of results) {
			expect(result.executionStarted).toBe(false);
			expect(result.webhookError).toBeUndefined();
			expect(result.response.ended).toBe(true);
		}
		expect(simulator.stats().requests).toHaveLength(0);
	},
);

type SimulatorRequests = ReturnType<Simulator['stats']>['requests'];
const warnings = () => harnessLog.filter((entry) => entry.level === 'warn');

/** Notifications about a job ID Enrow does not know, to a trigger without a secret: nothing starts. */
const MADE_UP_JOB: Array<{
	fault: string;
	name: string;
	body: IDataObject;
	/** What each of the trigger's four bounded reads of the job looks like. */
	read: IDataObject;
	did: (result: RunTriggerWebhookResult, reads: SimulatorRequests) => string;
	alsoExpect?: () => void;
}> = [
	{
		fault: 'No secret: bulk event with a made-up job ID',
		name: 'trigger without a secret, made-up bulk job ID: nothing starts',
		body: finished('0cf517bc-16e8-45bc-b967-ab9116b3c804'),
		read: { path: '/email/verify/bulk', status: 400, apiKeyPresent: true },
		did: (result, reads) =>
			`n8n answered ${result.response.statusCode} ${result.response.text} and ${result.executionStarted ? 'started an execution that ends in error' : 'started nothing'}; ${reads.length} reads from Enrow, the bounded reads again of a notified job (answered ${reads.map((r) => r.status).join(', ')}); ${warnings().length} warning logged: ${stable(warnings()[0]?.message).replace(/over \d+\.\d s/, 'over ‹time›')}`,
		alsoExpect: () =>
			expect(warnings()).toEqual([
				expect.objectContaining({
					message: expect.stringContaining('0cf517bc-16e8-45bc-b967-ab9116b3c804'),
				}),
			]),
	},
	{
		fault: 'No secret: single event with a made-up job ID and result',
		name: 'trigger without a secret, forged single event: nothing starts',
		body: {
			event: 'verification_finished',
			id: '0cf517bc-16e8-45bc-b967-ab9116b3c804',
			email: 'ceo@victim-corp.com',
			qualification: 'valid',
		},
		read: { path: '/email/verify/single', apiKeyPresent: true },
		did: (result, reads) =>
			result.executionStarted
				? `Started the workflow with the forged item (${stable(JSON.stringify(result.items[0]))}); no request to Enrow`
				: `Read the job from Enrow (${reads.length} free GETs within the bound, answered ${reads.map((r) => r.status).join(', ')}: unknown job), answered ${result.response.statusCode} ${result.response.text} and started nothing`,
	},
];

for (const row of MADE_UP_JOB) {
	securityCase({ fault: row.fault, operation: TRIGGER }, row.name, async (proof) => {
		harnessLog.length = 0;
		const result = await callTrigger(simulator, {}, { body: row.body });

		const reads = simulator.stats().requests.filter((r) => r.method === 'GET');
		proof.did(row.did(result, reads));
		expect(result.webhookError).toBeUndefined();
		expect(result.executionStarted).toBe(false);
		expect(result.response).toMatchObject({ statusCode: 200, body: NOT_STARTED });
		expect(reads).toEqual(Array(4).fill(expect.objectContaining(row.read)));
		row.alsoExpect?.();
	});
}

securityCase(
	{
		fault: 'No secret: single event for a real job, with a forged result',
		operation: TRIGGER,
	},
	"trigger without a secret, real single job with a forged result: the workflow gets Enrow's record",
	async (proof) => {
		const started = await runEnrow(
			simulator,
			{ ...verifyBulk, operation: 'verify', waitMode: 'none' },
			{ input: [{ email: 'bounce@dundermifflin.com' }] },
		);
		simulator.completeAllJobs();
		const jobId = String(jsonOf(started)[0].jobId);
		const result = await callTrigger(
			simulator,
			{},
			{
				body: {
					event: 'verification_finished',
					id: jobId,
					email: 'ceo@victim-corp.com',
					qualification: 'valid',
				},
			},
		);

		const [item] = result.items;
		proof.did(
			`Started the workflow with Enrow's record of the job (${stable(JSON.stringify(item))}), not the payload's; 1 read from Enrow`,
		);
		expect(result.executionStarted).toBe(true);
		expect(result.items).toEqual([
			{
				email: 'bounce@dundermifflin.com',
				qualification: 'invalid',
				valid: false,
				jobId,
				status: 'completed',
				event: 'verification_finished',
			},
		]);
		expect(simulator.stats().requests.filter((r) => r.method === 'GET')).toHaveLength(1);
	},
);

securityCase(
	{
		fault: "A finished job's callback sent twice",
		operation: TRIGGER,
		note: "The trigger remembers the last 1,000 notifications it handled (event and job ID) in the workflow's static data, which n8n saves after each production call and keeps across restarts; copies arriving at the same moment are caught in the process that handles them (README, Enrow Trigger).",
	},
	'trigger, the same finished-job notification twice: the second starts nothing',
	async (proof) => {
		const jobId = await finishedBulkJob();
		const first = await callTrigger(simulator, {}, { body: finished(jobId) });
		const second = await callTrigger(
			simulator,
			{},
			// What n8n saved after the first call.
			{
				body: finished(jobId),
				staticData: JSON.parse(JSON.stringify(first.staticData)) as IDataObject,
			},
		);

		proof.did(
			`First call started the workflow; the replay ${second.executionStarted ? `started it again with the same ${second.items.length} rows` : 'started nothing'}`,
		);
		expect(first.executionStarted).toBe(true);
		expect(second.executionStarted).toBe(false);
		expect(second.response.statusCode).toBe(200);
	},
);

securityCase(
	{ fault: "A finished job's callback sent twice at the same moment", operation: TRIGGER },
	'trigger, the same notification twice at the same moment: the workflow starts once',
	async (proof) => {
		const jobId = await finishedBulkJob();
		// Two copies reach the same workflow before n8n has saved anything of the first.
		const calls = await Promise.all(
			[1, 2].map(
				async () =>
					await callTrigger(simulator, {}, { body: finished(jobId), workflowId: 'twice-at-once' }),
			),
		);
		const started = calls.filter((call) => call.executionStarted).length;
		proof.did(`${started} of 2 simultaneous copies started the workflow; both answered 200`);
		expect(started).toBe(1);
		expect(calls.map((call) => call.response.statusCode)).toEqual([200, 200]);
	},
);
