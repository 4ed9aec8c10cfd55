/**
 * Issue 25 §6: the Enrow Trigger never loses a paid result to one transient answer or to a
 * notification that comes while Enrow still reports the job running, a forged notification still
 * starts nothing and costs a bounded number of reads, and a secret with `+` works however the
 * URL writes it. (The same cases in a real n8n: test/e2e/triggerReads.e2e.ts.)
 */
import type { IDataObject } from 'n8n-workflow';

import { triggerRereads } from '../support/injected';
import type { Simulator } from '../../simulator';
import { harnessLog } from '../harness';
import { shortenTriggerRereads } from '../support/shortTriggerRereads';
import { unknownJobAnswer } from '../support/unknownJobAnswer';
import { callTrigger, emails, runEnrow, useReliabilityCases } from './support/kit';
import { jsonOf } from './support/read';
import { stable, type CaseMeta, type CaseBody } from './support/recorder';

shortenTriggerRereads();

let simulator: Simulator;
const cases = useReliabilityCases(__filename, (started) => (simulator = started));
beforeEach(() => (harnessLog.length = 0));

const TRIGGER = 'Enrow Trigger (production URL)';
const NOT_STARTED = { received: true, started: false };

function triggerCase(
	meta: Omit<CaseMeta, 'area' | 'operation'>,
	name: string,
	body: CaseBody,
): void {
	cases.proves({ area: 'webhooks', operation: TRIGGER, ...meta }, name, body, 60_000);
}

/** Starts a job with "Return Job ID Immediately"; returns its ID. */
async function startJob(operation: 'verify' | 'verifyBulk', count: number): Promise<string> {
	const started = await runEnrow(
		simulator,
		{ resource: 'emailVerifier', operation, email: '={{ $json.email }}', waitMode: 'none' },
		{ input: emails(count) },
	);
	return String(jsonOf(started)[0].jobId);
}

/** The trigger's reads of Enrow, as "400, 200". */
const readStatuses = () =>
	simulator
		.stats()
		.requests.filter((request) => request.method === 'GET')
		.map((request) => request.status)
		.join(', ');

const handled = (staticData: IDataObject): unknown[] =>
	((staticData['node:Enrow Trigger'] as IDataObject | undefined)?.handledNotifications as
		| unknown[]
		| undefined) ?? [];

const saved = (staticData: IDataObject): IDataObject =>
	JSON.parse(JSON.stringify(staticData)) as IDataObject;

const TRANSIENT_READS = [
	{
		fault: 'One transient 400 (“unknown job”) when the trigger reads a finished bulk job',
		name: 'trigger, one transient 400 on reading a finished bulk job: read again, the workflow starts with its rows',
		jobType: 'bulk',
		operation: 'verifyBulk',
		event: 'bulk_verification_finished',
		rows: 3,
	},
	{
		fault: 'One transient 500 “Could not retrieve…” when the trigger reads a finished single job',
		name: 'trigger, one transient 500 "Could not retrieve…" on reading a finished single job: read again, the workflow starts with its result',
		jobType: 'single',
		operation: 'verify',
		event: 'verification_finished',
		rows: 1,
	},
] as const;

for (const transient of TRANSIENT_READS) {
	triggerCase({ fault: transient.fault }, transient.name, async (proof) => {
		const jobId = await startJob(transient.operation, transient.rows);
		simulator.completeAllJobs();
		simulator.addFault(unknownJobAnswer(transient.jobType));
		const result = await callTrigger(
			simulator,
			{},
			{ body: { event: transient.event, id: jobId } },
		);

		proof.did(
			`Read the job again (reads answered ${readStatuses()}); ${result.executionStarted ? `started the workflow with the job's ${result.items.length === 1 ? 'result' : `${result.items.length} rows`}` : 'started nothing: the paid results are lost'}; answered ${result.response.statusCode}`,
		);
		expect(result.executionStarted).toBe(true);
		expect(result.items).toHaveLength(transient.rows);
		expect(result.items.every((item) => item.jobId === jobId && item.status === 'completed')).toBe(
			true,
		);
		expect(readStatuses()).toBe(transient.jobType === 'bulk' ? '400, 200' : '500, 200');
	});
}

triggerCase(
	{ fault: 'A notification for a job Enrow still reports running, which finishes 0.5 s later' },
	'trigger, notified while the job still runs: read again, the workflow starts once the job reads finished',
	async (proof) => {
		simulator.configure({ enrow: { jobDurationMs: { single: 500 } } });
		const jobId = await startJob('verify', 1);
		const result = await callTrigger(
			simulator,
			{},
			{ body: { event: 'verification_finished', id: jobId } },
		);

		const statuses = readStatuses().split(', ');
		proof.did(
			result.executionStarted
				? `Read the job until it read finished (202 while running, then ${statuses[statuses.length - 1]}); started the workflow with ${stable(JSON.stringify(result.items))}`
				: 'Started nothing',
		);
		expect(result.items).toEqual([
			expect.objectContaining({ jobId, status: 'completed', valid: true }),
		]);
		expect(statuses[0]).toBe('202');
	},
);

triggerCase(
	{
		fault:
			"A notification for a job still running past the trigger's reads, then the job's completion notification",
		note: 'The trigger reads a notified job that does not read finished again after 1, 2 and 4 s (no read starts later than 8 s after the first, as Enrow waits for the answer); a notification counts as handled only once its job read finished (README, Enrow Trigger).',
	},
	'trigger, notified while the job runs past the bound: 503, nothing started, not marked handled; the completion notification starts the workflow once',
	async (proof) => {
		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 600_000, bulkPerRow: 0 } } });
		const jobId = await startJob('verifyBulk', 2);
		const notification = { body: { event: 'bulk_verification_finished', id: jobId } };
		const workflowId = 'notified-too-early';
		const early = await callTrigger(simulator, {}, { ...notification, workflowId });
		const earlyReads = readStatuses().split(', ').length;
		simulator.completeAllJobs();
		const completion = await callTrigger(
			simulator,
			{},
			{ ...notification, workflowId, staticData: saved(early.staticData) },
		);
		const replay = await callTrigger(
			simulator,
			{},
			{ ...notification, workflowId, staticData: saved(completion.staticData) },
		);

		proof.did(
			`Early notification: ${earlyReads} reads (job running), answered ${early.response.statusCode} ${early.response.text} with Retry-After ${early.response.headers['retry-after']}, ${early.executionStarted ? 'started the workflow' : 'started nothing'}, ${handled(saved(early.staticData)).length === 0 ? 'not marked handled' : 'marked handled'}; the completion notification ${completion.executionStarted ? `started the workflow with the job's ${completion.items.length} rows (status ${String(completion.items[0]?.status)})` : 'started nothing'}; a replay after it: ${replay.executionStarted ? 'started again' : stable(replay.response.text)}`,
		);
		expect(early.executionStarted).toBe(false);
		expect(early.response).toMatchObject({
			statusCode: 503,
			body: { ...NOT_STARTED, status: 'ongoing' },
		});
		expect(handled(saved(early.staticData))).toEqual([]);
		expect(completion.executionStarted).toBe(true);
		expect(completion.items).toHaveLength(2);
		expect(completion.items.every((item) => item.status === 'completed')).toBe(true);
		expect(replay.executionStarted).toBe(false);
	},
);

triggerCase(
	{
		fault:
			'Forged notifications for made-up job IDs, more at once than the trigger reads again (5, with a bound of 3)',
		note: 'In n8n the bound is 50 notifications read again at the same time per n8n process (NOTIFIED_JOB_REREADS.maxAtOnce); a Secret (Options → Secret) refuses forged calls before any read.',
	},
	'trigger, a flood of forged notifications: each costs at most 4 free reads within the bound, those beyond the bound one; nothing starts',
	async (proof) => {
		const maxAtOnce = triggerRereads.maxAtOnce;
		triggerRereads.maxAtOnce = 3;
		try {
			const started = Date.now();
			const results = await Promise.all(
				[1, 2, 3, 4, 5].map(
					async (n) =>
						await callTrigger(
							simulator,
							{},
							{ body: { event: 'bulk_verification_finished', id: `forged-job-${n}` } },
						),
				),
			);
			const tookMs = Date.now() - started;
			const reads = simulator.stats().requests.filter((request) => request.method === 'GET');
			const readOnce = harnessLog.filter((entry) =>
				String(entry.message).includes('read once: too many notifications'),
			);
			proof.did(
				`All ${results.length} answered ${[...new Set(results.map((r) => `${r.response.statusCode} ${r.response.text}`))].join(', ')}; nothing started; ${reads.length} reads in all (3 read 4 times, ${readOnce.length} decided on one read); all answered within the bound on the reads`,
			);
			for (const result of results) {
				expect(result.executionStarted).toBe(false);
				expect(result.response).toMatchObject({ statusCode: 200, body: NOT_STARTED });
			}
			expect(reads).toHaveLength(3 * 4 + 2);
			expect(readOnce).toHaveLength(2);
			expect(tookMs).toBeLessThan(triggerRereads.budgetMs + 1000);
		} finally {
			triggerRereads.maxAtOnce = maxAtOnce;
		}
	},
);

triggerCase(
	{
		fault:
			'Secret with + and / (as openssl rand -base64 makes them), the URL writing + as is, as %2B, or wrong',
	},
	'trigger, a secret with +: accepted whether the caller writes + as is or as %2B; a wrong token still gets 401',
	async (proof) => {
		const secret = 'q+7Vd/2mK+Zp0wXy4Rb9+A==';
		const parameters = { options: { secret } };
		const body = { event: 'search_started', id: 'x' };
		// n8n's query parser reads a + in the URL as a space: `?token=q+7Vd…` arrives as "q 7Vd…".
		const asWritten = await callTrigger(simulator, parameters, {
			body,
			query: { token: secret.replace(/\+/g, ' ') },
		});
		const encoded = await callTrigger(simulator, parameters, { body, query: { token: secret } });
		const wrong = await callTrigger(simulator, parameters, {
			body,
			query: { token: secret.replace(/\+/g, '-') },
		});
		proof.did(
			`+ as is: ${asWritten.response.statusCode}; %2B: ${encoded.response.statusCode}; + replaced by -: ${wrong.response.statusCode} ${wrong.response.text}`,
		);
		expect(asWritten.response).toMatchObject({ statusCode: 200, body: NOT_STARTED });
		expect(encoded.response).toMatchObject({ statusCode: 200, body: NOT_STARTED });
		expect(wrong.response.statusCode).toBe(401);
	},
);
