/**
 * Issue 18: "Pause and resume when Enrow calls back" never strands an execution. Jobs that
 * finish before the pause, a resume URL Enrow could never call, reasons that must survive the
 * pause, and a trigger that cannot read a job. (The cases only a real n8n can show, a callback
 * answered 409 and callbacks at the same moment, are in test/e2e/webhookMode.e2e.ts.)
 */
import { PRE_PAUSE_READS_MS } from '../../nodes/Enrow/engine/prePauseReads';
import type { Simulator } from '../../simulator';
import { VERIFIER_MAPPED } from '../support/mappedInputs';
import { runWebhook } from '../harness';
import {
	ENROW_KEY,
	balanceReadsAsEnough,
	callTrigger,
	emails,
	resetSimulator,
	runEnrow,
	useReliabilityCases,
} from './support/kit';
import { descriptionOf, jsonOf, messageOf } from './support/read';
import { stable } from './support/recorder';

let simulator: Simulator;
const cases = useReliabilityCases(__filename, (started) => (simulator = started));

const RESUME = 'Enrow · Verify emails in bulk, wait mode “Pause and resume”';
const webhookCase = cases.inArea('webhooks', 60_000);

const verifyBulk = { ...VERIFIER_MAPPED, operation: 'verifyBulk', waitMode: 'webhook' };

webhookCase(
	{ fault: 'Jobs that finish before the node pauses', operation: RESUME },
	'fast jobs: a job done within moments of starting ends the run at once, with its results and no pause',
	async (proof) => {
		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 100, bulkPerRow: 0 } } });
		const started = Date.now();
		const result = await runEnrow(simulator, verifyBulk, { input: emails(3) });
		proof.did(
			`status ${result.status} after ${Math.round((Date.now() - started) / 1000)} s, ${jsonOf(result).length} results, ${simulator.stats().gets} reads, no wait`,
		);
		expect(result.status).toBe('success');
		expect(result.runExecutionData.waitTill).toBeUndefined();
		expect(jsonOf(result).map((json) => json.status)).toEqual([
			'completed',
			'completed',
			'completed',
		]);
		expect(simulator.stats().gets).toBeLessThanOrEqual(PRE_PAUSE_READS_MS.timeoutMs / 1000 + 1);
	},
);

webhookCase(
	{
		fault: "A resume URL Enrow can never call (n8n on http://localhost), against Enrow's own API",
		operation: RESUME,
	},
	'unreachable resume URL: against https://api.enrow.io the run starts nothing and says how to fix it',
	async (proof) => {
		const result = await runEnrow(simulator, verifyBulk, {
			input: emails(3),
			baseUrl: 'https://api.enrow.io',
		});
		proof.did(`${stable(messageOf(result))} · ${stable(descriptionOf(result))}`);
		expect(result.status).toBe('error');
		expect(messageOf(result)).toBe(
			'Enrow cannot call this n8n back: its resume URL is not public HTTPS',
		);
		expect(descriptionOf(result)).toMatch(
			/^The resume URL http:\/\/127\.0\.0\.1:5678\/webhook-waiting\/\d+\/enrow-callback\?signature=… cannot be reached from the internet \(it is not HTTPS\)\. /,
		);
		expect(descriptionOf(result)).toMatch(
			/Set n8n's WEBHOOK_URL.*or choose Wait Mode "Poll Until Done"\. Nothing was sent/,
		);
		expect(simulator.stats().requests).toEqual([]);
	},
);

webhookCase(
	{
		fault: "A resume URL on another address than Enrow's (a proxy, this simulator)",
		operation: RESUME,
	},
	'unreachable resume URL elsewhere: against another Base URL the run proceeds and pauses',
	async (proof) => {
		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 10_000, bulkPerRow: 0 } } });
		const result = await runEnrow(simulator, verifyBulk, { input: emails(3) });
		proof.did(`status ${result.status}`);
		expect(result.status).toBe('waiting');
	},
);

webhookCase(
	{ fault: 'A 402 on the 3rd of 4 jobs, Continue On Fail, then the pause', operation: RESUME },
	"reasons kept: after the resume, the items of jobs refused when the run began carry that refusal's own message",
	async (proof) => {
		const input = emails(15_001); // 4 jobs: 5,000 + 5,000 + 5,000 + 1
		const credits = 2 * 1250 + 100; // the first two jobs, not the third
		const configure = () => {
			simulator.configure({
				enrow: {
					apiKeys: { [ENROW_KEY]: { credits } },
					jobDurationMs: { bulkBase: 10_000, bulkPerRow: 0 },
				},
			});
			balanceReadsAsEnough(simulator);
		};
		configure();
		const polledParameters = { ...verifyBulk, waitMode: 'none' };
		const atStart = jsonOf(
			await runEnrow(simulator, polledParameters, { input, continueOnFail: true }),
		);

		resetSimulator(simulator);
		configure();
		const waiting = await runEnrow(simulator, verifyBulk, { input, continueOnFail: true });
		expect(waiting.status).toBe('waiting');
		const jobs = simulator.stats().jobs;
		expect(jobs).toHaveLength(2);
		simulator.completeAllJobs();
		const call = await runWebhook({
			waiting,
			url: jobs[0].webhook!,
			body: { event: 'bulk_verification_finished', id: jobs[1].id },
		});
		expect(call.resumed).toBe(true);
		const out = jsonOf(call.result);
		proof.did(
			`item 10,000: ${stable(out[10_000].error)}; item 15,000: ${stable(out[15_000].error)}`,
		);
		expect(out[10_000].error).toBe('Not enough Enrow credits: "Insufficient credits"');
		expect(out[15_000].error).toBe('Not enough Enrow credits: "Insufficient credits"');
		// Each job's own items, as when the run began.
		expect(String(out[10_000].errorDescription)).toMatch(/Affected: items 10,000–14,999\.$/);
		expect(String(out[15_000].errorDescription)).toMatch(/Affected: item 15,000\.$/);
		expect(out[10_000].errorDescription).toBe(atStart[10_000].errorDescription);
		expect(out[15_000].errorDescription).toBe(atStart[15_000].errorDescription);
		// The same words as when the run began.
		expect(out[10_000].error).toBe(atStart[10_000].error);
		expect(out[15_000].error).toBe(atStart[15_000].error);
		expect(String(out[10_000].errorDescription)).toMatch(/Top up or upgrade your plan/);
		expect(out[0]).toEqual(expect.objectContaining({ status: 'completed' }));
	},
);

webhookCase(
	{
		fault: 'Enrow answers 5xx when the trigger reads a finished job',
		operation: 'Enrow Trigger (production URL)',
	},
	'trigger, job unreadable (5xx): the execution fails with an error that names the job ID for Get Result',
	async (proof) => {
		const started = await runEnrow(
			simulator,
			{ ...verifyBulk, waitMode: 'none' },
			{ input: emails(2) },
		);
		simulator.completeAllJobs();
		const jobId = String(jsonOf(started)[0].jobId);
		simulator.addFault({ type: 'status', status: 503, times: 20, match: { method: 'GET' } });
		const result = await callTrigger(
			simulator,
			{},
			{ body: { event: 'bulk_verification_finished', id: jobId } },
		);
		const error = result.webhookError as Error & { description?: string };
		proof.did(stable(`${error.message} · ${error.description}`));
		expect(error.message).toMatch(
			new RegExp(
				`^Could not read the results of Enrow job ${jobId}: Enrow had a server error \\(HTTP 503\\)`,
			),
		);
		expect(error.description).toContain(`Get Result (Job ID ${jobId}, Job Type bulk)`);
	},
);

webhookCase(
	{ fault: 'A run of 3 jobs whose callbacks come one by one', operation: RESUME },
	'reads per callback: a call that cannot resume stops at the first job still running; the last call reads each job once',
	async (proof) => {
		// 10,001 rows: jobs of 5,000, 5,000 and 1 row. The 1-row job finishes first.
		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 700, bulkPerRow: 2 } } });
		const waiting = await runEnrow(simulator, verifyBulk, { input: emails(10_001) });
		expect(waiting.status).toBe('waiting');
		const [first, second, last] = simulator.stats().jobs;
		const getsAtPause = simulator.stats().gets;
		// The 1-row job's own callback: it is done, the others are still running.
		await new Promise((resolve) =>
			setTimeout(resolve, Math.max(0, last.completesAt - Date.now() + 50)),
		);
		const early = await runWebhook({
			waiting,
			url: first.webhook!,
			body: { event: 'bulk_verification_finished', id: last.id },
		});
		const earlyReads = simulator.stats().gets - getsAtPause;
		simulator.completeAllJobs();
		const final = await runWebhook({
			waiting: early.result,
			url: first.webhook!,
			body: { event: 'bulk_verification_finished', id: first.id },
		});
		const finalReads = simulator.stats().gets - getsAtPause - earlyReads;
		proof.did(
			`Before the pause: ${getsAtPause} reads; the 1-row job's call: ${earlyReads} reads (its job, then the job started last, still running) and no resume; the last call: ${finalReads} reads and the resume`,
		);
		expect(early.resumed).toBe(false);
		expect(earlyReads).toBe(2);
		expect(final.resumed).toBe(true);
		expect(finalReads).toBe(3);
		expect(jsonOf(final.result)).toHaveLength(10_001);
		expect(second.id).not.toBe(first.id);
	},
);
