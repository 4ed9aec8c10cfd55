import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../../simulator';
import { runWebhook, type RunNodeResult } from '../../harness';
import { FINDER_BY_DOMAIN } from '../../support/mappedInputs';
import { jsonOf, pairedIndexes, runEnrow, useFastSimulator } from '../enrowKit';
import { shortenPrePauseReads } from '../../support/injected';

// Jobs here take a few hundred milliseconds: read them once before pausing, not for 2 s.
shortenPrePauseReads();

/** What Enrow posts to `settings.webhook` when a bulk verification finishes (Enrow's docs). */
function verificationFinished(jobId: string): IDataObject {
	return { event: 'bulk_verification_finished', id: jobId, credits: { cost: 0.5 } };
}

function customData(result: RunNodeResult): Record<string, string> {
	return (result.runExecutionData.resultData.metadata ?? {}) as Record<string, string>;
}

describe('Enrow node · wait mode "Pause and resume when Enrow calls back"', () => {
	let simulator: Simulator;
	// Jobs run until a test completes them: however loaded this machine is, they are still
	// running when the node reads them before it pauses.
	useFastSimulator((started) => (simulator = started), {
		enrow: { jobDurationMs: { single: 300, bulkBase: 60_000, bulkPerRow: 0 } },
	});

	const verifyBulk = {
		resource: 'emailVerifier',
		operation: 'verifyBulk',
		email: '={{ $json.email }}',
		waitMode: 'webhook',
	};
	const input = [
		{ email: 'pam@dundermifflin.com' },
		{ email: 'bounce@dundermifflin.com' },
		{ email: 'nope' },
		{ email: 'PAM@dundermifflin.com' },
	];

	it('pauses with no polling, hands Enrow the resume URL, and resumes with the same output as polling', async () => {
		const waiting = await runEnrow(simulator, verifyBulk, { input });
		expect(waiting.status).toBe('waiting');
		const [job] = simulator.stats().jobs;
		expect(job.webhook).toMatch(
			/^http:\/\/127\.0\.0\.1:5678\/webhook-waiting\/\d+\/enrow-callback\?signature=[0-9a-f]+$/,
		);
		expect(customData(waiting)).toEqual({ enrowJobs0: job.id });
		expect(waiting.runExecutionData.waitTill?.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);

		// The node read the job before pausing (it was still running), then nothing while paused.
		// (How many reads fit in the 300 ms before the pause depends on this machine's load.)
		const getsBeforePause = simulator.stats().gets;
		expect(getsBeforePause).toBeGreaterThanOrEqual(1);
		await new Promise((resolve) => setTimeout(resolve, 700));
		expect(simulator.stats().gets).toBe(getsBeforePause);

		simulator.completeAllJobs();

		const call = await runWebhook({
			waiting,
			url: job.webhook!,
			body: verificationFinished(job.id),
		});
		expect(call.resumed).toBe(true);
		expect(call.result.status).toBe('success');

		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 400 } } });
		const polled = await runEnrow(simulator, { ...verifyBulk, waitMode: 'poll' }, { input });
		const withoutJobId = (rows: IDataObject[]) => rows.map(({ jobId: _ignored, ...rest }) => rest);
		expect(withoutJobId(jsonOf(call.result))).toEqual(withoutJobId(jsonOf(polled)));
		expect(jsonOf(call.result)[0]).toEqual(
			expect.objectContaining({ email: 'pam@dundermifflin.com', valid: true, jobId: job.id }),
		);
		expect(jsonOf(call.result)[2]).toEqual(expect.objectContaining({ reason: 'syntax' }));
		expect(pairedIndexes(call.result)).toEqual([0, 1, 2, 3]);
	});

	it("refuses calls that are not Enrow completing this execution's job, and keeps waiting", async () => {
		// Far from done: an early call is re-read for a few seconds (read lag), then refused.
		const waiting = await runEnrow(simulator, verifyBulk, { input });
		const [job] = simulator.stats().jobs;

		const early = await runWebhook({
			waiting,
			url: job.webhook!,
			body: verificationFinished(job.id),
		});
		expect(early.response.statusCode).toBe(403);
		expect(early.response.body).toEqual({
			message: 'Enrow reports that this job is still running',
		});
		expect(early.resumed).toBe(false);

		simulator.completeAllJobs();
		const forgedId = await runWebhook({
			waiting,
			url: job.webhook!,
			body: verificationFinished('0cf517bc-16e8-45bc-b967-ab9116b3c804'),
		});
		expect(forgedId.response.statusCode).toBe(403);
		const wrongEvent = await runWebhook({
			waiting,
			url: job.webhook!,
			body: { event: 'bulk_search_finished', id: job.id },
		});
		expect(wrongEvent.response.statusCode).toBe(403);
		const junk = await runWebhook({ waiting, url: job.webhook!, body: 'x'.repeat(100_000) });
		expect(junk.response.statusCode).toBe(403);
		const noSignature = await runWebhook({
			waiting,
			url: job.webhook!.replace(/\?.*$/, ''),
			body: verificationFinished(job.id),
		});
		expect(noSignature.response.statusCode).toBe(401);
		// The execution's plain resume URL (what n8n's Wait node hands out) is not this node's.
		const plainResumeUrl = await runWebhook({
			waiting,
			url: job.webhook!.replace('/enrow-callback?', '?'),
			body: verificationFinished(job.id),
		});
		expect(plainResumeUrl.response.statusCode).toBe(404);
		expect(
			[forgedId, wrongEvent, junk, noSignature, plainResumeUrl].some((call) => call.resumed),
		).toBe(false);

		const genuine = await runWebhook({
			waiting,
			url: job.webhook!,
			body: verificationFinished(job.id),
		});
		expect(genuine.resumed).toBe(true);
		const replay = await runWebhook({
			waiting,
			url: job.webhook!,
			body: verificationFinished(job.id),
		});
		expect(replay.response.statusCode).toBe(409);
	});

	it('resumes a run split into 3 Enrow jobs once, when the last one is done', async () => {
		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 200, bulkPerRow: 2 } } });
		const many = Array.from({ length: 10_001 }, (_, i) => ({ email: `lead${i}@acme-corp.com` }));
		const waiting = await runEnrow(simulator, verifyBulk, { input: many });
		const jobs = simulator.stats().jobs;
		expect(jobs.map((job) => job.rows)).toEqual([5000, 5000, 1]);
		expect(customData(waiting).enrowJobs0).toBe(jobs.map((job) => job.id).join(','));
		// n8n decrypts the credential once per run, not once per request (3 POSTs and the reads).
		const { credentialsHelper } = waiting;
		expect(credentialsHelper.decryptions).toBe(1);

		await new Promise((resolve) => setTimeout(resolve, 500));
		const first = await runWebhook({
			waiting,
			url: jobs[2].webhook!,
			body: verificationFinished(jobs[2].id),
		});
		expect(first.response.statusCode).toBe(200);
		expect(first.response.body).toEqual({
			message: 'Received. Waiting for 2 more Enrow job(s) of this execution.',
		});
		expect(first.resumed).toBe(false);
		expect(credentialsHelper.decryptions).toBe(2);

		simulator.completeAllJobs();
		const last = await runWebhook({
			waiting: first.result,
			url: jobs[0].webhook!,
			body: verificationFinished(jobs[0].id),
		});
		expect(last.resumed).toBe(true);
		// The resume read the 3 jobs with one decryption (in a real n8n each one costs a fresh
		// expression sandbox inside webhook(), the slowest step of a resume).
		expect(credentialsHelper.decryptions).toBe(3);
		const out = jsonOf(last.result);
		expect(out).toHaveLength(10_001);
		expect(out[10_000]).toEqual(
			expect.objectContaining({ email: 'lead10000@acme-corp.com', jobId: jobs[2].id }),
		);
		expect(pairedIndexes(last.result)).toEqual(many.map((_, i) => i));

		const late = await runWebhook({
			waiting: first.result,
			url: jobs[1].webhook!,
			body: verificationFinished(jobs[1].id),
		});
		expect(late.response.statusCode).toBe(409);
	});

	it('sends single operations as one bulk job in this mode, with the usual single output', async () => {
		const find = { ...FINDER_BY_DOMAIN, operation: 'find', companyDomain: 'dundermifflin.com' };
		const people = [{ name: 'Dwight Schrute' }, { name: 'Jim Halpert' }];
		const waiting = await runEnrow(simulator, { ...find, waitMode: 'webhook' }, { input: people });
		const [job] = simulator.stats().jobs;
		expect(job.kind).toBe('findBulk');
		simulator.completeAllJobs();
		const call = await runWebhook({
			waiting,
			url: job.webhook!,
			body: { event: 'bulk_search_finished', id: job.id },
		});
		expect(jsonOf(call.result)).toEqual([
			expect.objectContaining({
				email: 'dwight.schrute@dundermifflin.com',
				found: true,
				fullName: 'Dwight Schrute',
				status: 'completed',
			}),
			expect.objectContaining({ email: 'jim.halpert@dundermifflin.com', found: true }),
		]);
	});

	it('a resume by the callback leaves no trace of the pause mark in the output', async () => {
		const waiting = await runEnrow(
			simulator,
			{ ...verifyBulk, options: { includeInputFields: true } },
			{ input },
		);
		expect(waiting.status).toBe('waiting');
		simulator.completeAllJobs();
		const [job] = simulator.stats().jobs;
		const call = await runWebhook({
			waiting,
			url: job.webhook!,
			body: { event: 'bulk_verification_finished', id: job.id },
		});
		expect(call.resumed).toBe(true);
		for (const json of jsonOf(call.result)) expect(json).not.toHaveProperty('enrowWait');
	});
});
