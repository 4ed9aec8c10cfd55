/**
 * Issue 25: n8n's own features never make a user pay twice or lose a paid result. Retry On Fail
 * runs the whole node again (n8n-core's real retry loop, in the harness); error-output routing,
 * a pause's deadline and the resume URL are n8n's too. (The same classes in a real n8n:
 * test/e2e/neverPayTwice.e2e.ts.)
 */
import type { IDataObject } from 'n8n-workflow';

import { prePauseReads } from '../support/injected';
import type { Simulator } from '../../simulator';
import { resumeAfterDeadline, runWebhook, type RunNodeResult } from '../harness';
import { expectEveryItemTimedOut } from '../support/expectedItems';
import { emails, runEnrow, runVec, useReliabilityCases } from './support/kit';
import { descriptionOf, jsonOf, messageOf } from './support/read';
import { stable } from './support/recorder';

let simulator: Simulator;
const cases = useReliabilityCases(__filename, (started) => (simulator = started));

const n8nCase = cases.inArea('n8nFeatures', 90_000);

const VERIFY = 'Enrow · Verify an email (`verify`)';
const VERIFY_BULK = 'Enrow · Verify emails in bulk (`verifyBulk`)';
const RESUME = 'Enrow · Verify emails in bulk, wait mode “Pause and resume”';
const verify = { resource: 'emailVerifier', operation: 'verify', email: '={{ $json.email }}' };
const verifyBulk = { ...verify, operation: 'verifyBulk' };
const paused = { ...verifyBulk, waitMode: 'webhook' };
const retrying = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };

const bulkFinished = (id: string): IDataObject => ({ event: 'bulk_verification_finished', id });
const customData = (result: RunNodeResult) =>
	(result.runExecutionData.resultData.metadata ?? {}) as Record<string, string>;
const counts = () => {
	const stats = simulator.stats();
	return `${stats.posts} POST(s), ${stats.jobsCreated} job(s), ${stats.credits.charged} credits charged`;
};
const jobDuration = (bulkBase: number, single = bulkBase) =>
	simulator.configure({ enrow: { jobDurationMs: { single, bulkBase, bulkPerRow: 0 } } });

/** Pauses a run of `input` (the job far from done unless `bulkBase` says otherwise). */
async function pause(input = emails(3), options: { onError?: 'continueErrorOutput' } = {}) {
	const saved = { ...prePauseReads };
	prePauseReads.firstIntervalMs = 100;
	prePauseReads.timeoutMs = 150;
	try {
		const waiting = await runEnrow(simulator, paused, { input, ...options });
		expect(waiting.status).toBe('waiting');
		const [job] = simulator.stats().jobs;
		return { waiting, job };
	} finally {
		Object.assign(prePauseReads, saved);
	}
}

// -------------------------------------------------------------------------------------------
// Settings → Retry On Fail

n8nCase(
	{ fault: 'Retry On Fail after the poll Timeout', operation: VERIFY_BULK },
	'Retry On Fail, poll timeout: the retry reads the same job instead of starting another',
	async (proof) => {
		// Each try waits 3 s; the job needs 5: the second try sees it finish.
		jobDuration(5000);
		const result = await runEnrow(
			simulator,
			{ ...verifyBulk, timeoutMinutes: 0.05 },
			{ input: emails(8), nodeOverrides: retrying },
		);
		proof.did(`${result.status}, ${jsonOf(result).length} results; ${counts()}`);
		expect(result.status).toBe('success');
		expect(simulator.stats().jobsCreated).toBe(1);
		expect(simulator.stats().posts).toBe(1);
		jsonOf(result).forEach((json) => expect(json.status).toBe('completed'));
		expect(simulator.stats().credits.charged).toBe(2);
	},
);

n8nCase(
	{ fault: 'Retry On Fail, one 503 among single searches (On Error: Continue)', operation: VERIFY },
	'Retry On Fail, a 503 on one of 8 searches: each request is sent once over all tries',
	async (proof) => {
		simulator.addFault({ match: { method: 'POST' }, type: 'html', status: 503 });
		const result = await runEnrow(simulator, verify, {
			input: emails(8),
			continueOnFail: true,
			nodeOverrides: retrying,
		});
		const out = jsonOf(result);
		const failed = out.filter((json) => json.error !== undefined);
		proof.did(`${failed.length} item with ${stable(failed[0]?.error)}; ${counts()}`);
		// n8n retried (the first item failed), but each request went once: the 503 may have started a job.
		expect(simulator.stats().posts).toBe(8);
		expect(failed).toHaveLength(1);
		expect(failed[0].error).toMatch(/server error while starting the job/);
		expect(out.filter((json) => json.status === 'completed')).toHaveLength(7);
		expect(simulator.stats().credits.charged).toBe(7 * 0.25);
	},
);

n8nCase(
	{
		fault: 'Retry On Fail after the connection broke once Enrow had the job',
		operation: VERIFY_BULK,
	},
	'Retry On Fail, connection dropped after Enrow started the job: the retry does not start it again',
	async (proof) => {
		simulator.addFault({ match: { method: 'POST' }, type: 'dropAfterProcessing' });
		const result = await runEnrow(simulator, verifyBulk, {
			input: emails(3),
			nodeOverrides: retrying,
		});
		proof.did(`${stable(messageOf(result))}; ${counts()}`);
		expect(result.status).toBe('error');
		expect(messageOf(result)).toBe('The connection to Enrow broke while starting the job');
		expect(descriptionOf(result)).toMatch(/Check the jobs/);
		expect(simulator.stats().posts).toBe(1);
		expect(simulator.stats().jobsCreated).toBe(1);
	},
);

n8nCase(
	{ fault: 'Retry On Fail after a refusal that cost nothing (402)', operation: VERIFY_BULK },
	'Retry On Fail, 402 once: the retry sends the request again and succeeds',
	async (proof) => {
		simulator.addFault({
			match: { method: 'POST' },
			type: 'status',
			status: 402,
			body: { message: 'Insufficient credits' },
		});
		const result = await runEnrow(simulator, verifyBulk, {
			input: emails(2),
			nodeOverrides: retrying,
		});
		proof.did(`${result.status}; ${counts()}`);
		expect(result.status).toBe('success');
		expect(simulator.stats().posts).toBe(2);
		expect(simulator.stats().jobsCreated).toBe(1);
	},
);

n8nCase(
	{
		fault: 'Retry On Fail, one address refused (On Error: Continue)',
		operation: 'ValidEmailChecker · Verify an email',
	},
	'Retry On Fail, ValidEmailChecker: the retry verifies only the addresses the first try did not',
	async (proof) => {
		simulator.addFault({
			match: { path: '/api/verify-single' },
			type: 'status',
			status: 400,
			body: { error: 'Email is required' },
		});
		const result = await runVec(
			simulator,
			{ email: '={{ $json.email }}', options: { concurrency: 1 } },
			{ input: emails(5), continueOnFail: true, nodeOverrides: { ...retrying, maxTries: 2 } },
		);
		const requests = simulator.stats().requestsByRoute['POST /api/verify-single'];
		proof.did(
			`${result.status}, ${jsonOf(result).length} results; ${requests} requests for 5 addresses`,
		);
		expect(result.status).toBe('success');
		expect(jsonOf(result).every((json) => json.error === undefined)).toBe(true);
		// Try 1: all five (the first refused). Try 2: the first only.
		expect(requests).toBe(6);
	},
);

// -------------------------------------------------------------------------------------------
// Pause and resume

n8nCase(
	{ fault: 'On Error “Continue (using error output)” while paused', operation: RESUME },
	'error output while paused: the callback resumes the run with every item, failed ones on the error output',
	async (proof) => {
		const input = [...emails(2), { email: '' }];
		const { waiting, job } = await pause(input, { onError: 'continueErrorOutput' });
		simulator.completeAllJobs();
		const call = await runWebhook({ waiting, url: job.webhook!, body: bulkFinished(job.id) });
		const [results, failed] = call.result.outputs;
		proof.did(
			`resumed: ${call.resumed}; ${results.length} results on the main output, ${failed.length} on the error output`,
		);
		expect(call.resumed).toBe(true);
		expect(results.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		expect(failed).toHaveLength(1);
		expect(String(failed[0].json.error)).toMatch(/Email of item 2 is empty/);
	},
);

/** After the callback, Enrow's API does not confirm the finished job at once: its reads answer so. */
const CALLBACK_READ_LAG: Array<{
	fault: string;
	name: string;
	reads: { status: number; body: IDataObject; times: number };
	expectResults: (results: IDataObject[]) => void;
}> = [
	{
		fault: "A callback Enrow's API cannot confirm at once: “ongoing” for a moment",
		name: 'callback read lag: the job is read again for a few seconds and the run resumes',
		reads: { status: 200, body: { general: { status: 'ongoing' } }, times: 3 },
		expectResults: (results) =>
			expect(results.map((json) => json.status)).toEqual(['completed', 'completed', 'completed']),
	},
	{
		fault: "A callback Enrow's API cannot confirm at once: reads answer 500 a while",
		name: 'callback reads failing: the job is read again for up to 30 s and the run resumes',
		// More than one read's own retries (4): only reading again a while later helps.
		reads: { status: 500, body: { message: 'Internal Server Error' }, times: 6 },
		expectResults: (results) => expect(results).toHaveLength(3),
	},
];

for (const row of CALLBACK_READ_LAG) {
	n8nCase({ fault: row.fault, operation: RESUME }, row.name, async (proof) => {
		const { waiting, job } = await pause();
		simulator.completeAllJobs();
		simulator.addFault({ type: 'status', ...row.reads, match: { method: 'GET' } });
		const call = await runWebhook({ waiting, url: job.webhook!, body: bulkFinished(job.id) });
		proof.did(`resumed: ${call.resumed}, ${jsonOf(call.result).length} results`);
		expect(call.resumed).toBe(true);
		row.expectResults(jsonOf(call.result));
	});
}

n8nCase(
	{ fault: 'The pause’s Timeout passes without a callback', operation: RESUME },
	'pause deadline: n8n outputs the items, each saying it has no result and naming its job',
	async (proof) => {
		const { waiting, job } = await pause();
		const timedOut = await resumeAfterDeadline(waiting);
		const out = jsonOf(timedOut);
		proof.did(
			`${out.length} items, each with enrowWait: ${stable((out[0].enrowWait as IDataObject).error)}; job IDs in custom data`,
		);
		expectEveryItemTimedOut(out, job.id);
		expect(customData(timedOut).enrowJobs0).toBe(job.id);
	},
);

n8nCase(
	{ fault: "A call to the execution's plain resume URL (a later Wait node's)", operation: RESUME },
	'late callbacks: the Enrow node waits on its own path; the plain resume URL resumes nothing of it',
	async (proof) => {
		const { waiting, job } = await pause();
		simulator.completeAllJobs();
		const plain = await runWebhook({
			waiting,
			url: job.webhook!.replace('/enrow-callback?', '?'),
			body: bulkFinished(job.id),
		});
		proof.did(
			`Enrow was handed …/enrow-callback; the plain URL got ${plain.response.statusCode}, resumed: ${plain.resumed}`,
		);
		expect(job.webhook).toMatch(/\/webhook-waiting\/\d+\/enrow-callback\?signature=/);
		expect(plain.response.statusCode).toBe(404);
		expect(plain.resumed).toBe(false);
	},
);

// -------------------------------------------------------------------------------------------
// Polling

n8nCase(
	{ fault: 'One transient "unknown job" answer (400) while polling', operation: VERIFY_BULK },
	'transient unknown job: the job this run started is read again, and its results land',
	async (proof) => {
		simulator.addFault({
			type: 'status',
			status: 400,
			body: { message: 'Could not retrieve bulk verification results' },
			match: { method: 'GET' },
		});
		const result = await runEnrow(simulator, verifyBulk, { input: emails(3) });
		proof.did(`${result.status}, ${jsonOf(result).length} results; ${counts()}`);
		expect(result.status).toBe('success');
		jsonOf(result).forEach((json) => expect(json.status).toBe('completed'));
	},
);

n8nCase(
	{ fault: 'Cancel or the workflow’s timeout while polling', operation: VERIFY },
	'jobs recorded: poll mode keeps the job IDs in the execution’s custom data from the moment they start',
	async (proof) => {
		jobDuration(60_000);
		const result = await runEnrow(
			simulator,
			{ ...verify, timeoutMinutes: 0.01 },
			{ input: emails(2) },
		);
		const ids = simulator.stats().jobs.map((job) => job.id);
		const recorded = customData(result).enrowJobs0?.split(',') ?? [];
		proof.did(
			`${result.status}; custom data holds ${recorded.length} of the ${ids.length} job IDs`,
		);
		expect(result.status).toBe('error');
		expect(recorded.sort()).toEqual(ids.sort());
	},
);
