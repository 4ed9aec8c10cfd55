/**
 * Issue 27: one Enrow API key shared by several n8n workers in queue mode. Enrow allows 10
 * job-starting POSTs per second per key (GETs are free); each worker's node only sees its own
 * requests, so three workers pacing to 10/s each offer the key up to 30/s. This suite runs what
 * a scaled-out user runs and measures what reaches the key: a main process, one `n8n webhook`
 * processor (WEBHOOK_URL: it takes every production webhook call and Enrow's callbacks) and
 * three `n8n worker` processes, sharing Redis and PostgreSQL (scripts/e2e/queueServices.ts), one
 * Enrow credential, and the simulator enforcing 10 POSTs/s per key.
 *
 * - Case A: 6 executions at once (6 production webhook calls), each finding the email of
 *   `people` distinct people one by one (Find an email, poll mode: one POST per item, then
 *   GETs). Every item must get its email, each person searched exactly once, none failed for
 *   429, and the key kept busy: accepted POSTs ≥ 0.8 × 10/s from the first to the last.
 * - Case B, started just before A and overlapping it: verify `rows` addresses in bulk (3 Enrow
 *   jobs of ≤ 5,000 for 12,000), paused until Enrow calls back. The simulator calls the resume
 *   URLs; the webhook processor takes the calls and queues the resume, which a worker runs once
 *   it has a free slot. It must end with every row in input order, each row charged once.
 *
 * Both print their figures (POSTs/s, 429s, executions per worker, wall time) as `[e2e figure]`
 * lines, ready for BENCHMARKS.md.
 */
import { disposeAllN8nInstances, type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { sleep } from '../../scripts/e2e/processes';
import { startQueueServices, type QueueServices } from '../../scripts/e2e/queueServices';
import { nodeOutput, type PublicExecution } from '../../scripts/e2e/runData';
import { startSimulator, type JobDetails, type Simulator } from '../../simulator';
import { control } from '../simulator/helpers';
import { createN8n } from './support/e2eRun';
import { countLogLines, eventually } from './support/processLogs';
import { reportTiming, timed } from './support/timing';
import {
	addresses,
	enrowCredential,
	findEachOnWebhookWorkflow,
	verifyOnCallbackWorkflow,
} from './support/workflows';

/** The issue's figures: 6 × 200 finds (1,200 job-starting POSTs: at least 2 minutes at
 *  10/s) and 12,000 rows (3 jobs). The whole file took under 4 minutes on 2 loaded cores, n8n
 *  start included, so CI runs it as is. */
const scale = { executions: 6, people: 200, rows: 12_000 };

const WORKERS = 3;
/**
 * Slots per worker (`n8n worker --concurrency`). Bull hands a job to whichever worker asks
 * first, so with n8n's default of 10 one worker could take all 6 executions and the test would
 * not be about several workers at all; with 2 slots each, every worker takes some.
 * Case B's paused execution holds no slot, but its resume needs one: it waits in Redis until
 * one of case A's executions ends (see the README's "Queue mode" section).
 */
const WORKER_CONCURRENCY = 2;
const POSTS_PER_SECOND = 10;

let simulator: Simulator;
let services: QueueServices | undefined;
let n8n: N8nInstance;

// On Error "Continue": every item gets its own outcome instead of the first failure stopping
// the run, so a run that loses items to 429s is measured to the end and says how many.
const findRun = findEachOnWebhookWorkflow('e2eScaleFind0001', 'e2e-scale-find', {
	onError: 'continueRegularOutput',
});
const bulkRun = verifyOnCallbackWorkflow('e2eScaleVerify01', 'e2e-scale-verify');

/** The people execution `run` searches: distinct across all executions. */
const peopleOf = (run: number) =>
	Array.from({ length: scale.people }, (_, i) => ({
		fullName: `Lead${i} Run${run}`,
		companyDomain: 'scale-corp.com',
	}));
/** What the simulator finds for them (first.last@domain, lowercased). */
const emailOf = (person: { fullName: string; companyDomain: string }) =>
	`${person.fullName.toLowerCase().replace(' ', '.')}@${person.companyDomain}`;

const bulkEmails = addresses(scale.rows);

/** Case B's start: one webhook call, made once whichever test comes first. `firstStatus`: the
 *  first status the executions list shows for it (a run shows up once it waits or ends), read
 *  while case A runs. */
let bulkStarted: Promise<{ calledAt: number; firstStatus: Promise<string> }> | undefined;
function startBulkRun(): Promise<{ calledAt: number; firstStatus: Promise<string> }> {
	bulkStarted ??= (async () => {
		const calledAt = Date.now();
		const response = await n8n.api.callWebhook('e2e-scale-verify', {
			body: { emails: bulkEmails },
		});
		expect(response.status).toBe(200);
		const firstStatus = n8n.api
			.waitForExecution({ workflowId: bulkRun.id, status: ['waiting', 'success', 'error'] })
			.then(
				(execution) => execution.status,
				(error: Error) => `not seen: ${error.message}`,
			);
		return { calledAt, firstStatus };
	})();
	return bulkStarted;
}

/** Polls until `count` executions of `workflowId` have ended (success or error). */
async function waitForEnded(
	workflowId: string,
	count: number,
	timeoutMs: number,
): Promise<PublicExecution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const all = await n8n.api.listExecutions({ workflowId });
		const ended = all.filter((execution) => ['success', 'error'].includes(execution.status));
		if (ended.length >= count) return ended;
		if (Date.now() > deadline) {
			const states = all.map((execution) => `${execution.id}:${execution.status}`).join(', ');
			throw new Error(
				`${ended.length} of ${count} executions of ${workflowId} ended (${states || 'none'})`,
			);
		}
		await sleep(1000);
	}
}

/** For each worker (worker 1 first), how many of `ids` it started (each run segment counts). */
function startsPerWorker(ids: Array<string | number>): number[] {
	return n8n
		.workerLogs()
		.map((log) =>
			ids.reduce<number>((sum, id) => sum + countLogLines(log, 'Worker started execution', id), 0),
		);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const figure = (line: string) => process.stderr.write(`[e2e figure] queue scale: ${line}\n`);

beforeAll(async () => {
	// Retry-After (not X-RateLimit-Reset) on the 429s: Enrow documents no header; Retry-After is
	// HTTP's standard one (RFC 9110), which proxies and clients already honour and the issue's
	// node change reads first, while X-RateLimit-Reset means "seconds to wait" to some APIs and
	// "a Unix time" to others. The simulator sends whole seconds, at least 1 (the HTTP form).
	simulator = await startSimulator({
		config: {
			enrow: {
				rateLimitPerSecond: POSTS_PER_SECOND,
				rateLimitHeader: 'retry-after',
				// Finds are done after 1 s (each item: one POST, then GETs). A bulk job takes 15 s
				// + 1 ms per row (2,000 rows: 17 s, 5,000: 20 s): longer than the node's reads before
				// it pauses, so the callbacks find it waiting; the smaller job calls back first.
				jobDurationMs: { single: 1000, bulkBase: 15_000, bulkPerRow: 1 },
			},
		},
	});
	services = await timed(
		'queue services: install check, Redis, PostgreSQL (initdb + start + createdb)',
		async () => await startQueueServices({ name: 'queue-scale' }),
	);
	n8n = await timed(
		`n8n user folders (main, ${WORKERS} workers, webhook) + package installs`,
		async () =>
			await createN8n('queue-scale', {
				queue: { services: services!, workers: WORKERS, workerConcurrency: WORKER_CONCURRENCY },
			}),
	);
	await timed('n8n import:credentials + import:workflow (PostgreSQL migrated)', async () => {
		await n8n.importCredentials([enrowCredential(simulator.url)]);
		await n8n.importWorkflows([findRun, bulkRun]);
	});
	reportTiming(
		`n8n start, queue mode (main, ${WORKERS} workers and webhook processor together)`,
		await n8n.start(),
	);
	for (const workflow of [findRun, bulkRun]) await n8n.publishWorkflow(workflow.id);
	figure(
		`${scale.executions} executions × ${scale.people} finds, ${scale.rows} rows in bulk; ${WORKERS} workers × ${WORKER_CONCURRENCY} slots; one key at ${POSTS_PER_SECOND} POST/s, 429 with Retry-After`,
	);
});

afterAll(async () => {
	await disposeAllN8nInstances();
	await services?.stop();
	await simulator?.close();
});

test(`case A: ${scale.executions} executions on ${WORKERS} workers find ${scale.people} emails each through one key: every person once, no 429 failures, the key kept busy`, async () => {
	simulator.reset();
	await startBulkRun(); // case B overlaps: its 3 bulk POSTs compete for the same key
	const started = Date.now();
	const calls = Array.from({ length: scale.executions }, async (_, run) => {
		const response = await n8n.api.callWebhook('e2e-scale-find', {
			body: { people: peopleOf(run) },
		});
		expect(response.status).toBe(200);
	});
	await Promise.all(calls);

	const ended = await waitForEnded(findRun.id, scale.executions, 8 * 60_000);
	const wallMs = Math.max(...ended.map((execution) => Date.parse(execution.stoppedAt!))) - started;
	const executions = await Promise.all(
		ended.map(async (execution) => await n8n.api.getExecution(execution.id)),
	);
	const stats = simulator.stats();

	// What reached the key: every job-starting POST (A's finds and B's bulk verifications).
	const posts = stats.requests.filter((request) => request.method === 'POST');
	const accepted = posts.filter((request) => request.status >= 200 && request.status < 300);
	const refused = posts.filter((request) => request.status === 429);
	const spanMs = accepted.length > 1 ? accepted[accepted.length - 1].at - accepted[0].at : 0;
	const perSecond = spanMs > 0 ? ((accepted.length - 1) * 1000) / spanMs : 0;

	// Each person searched once: the accepted finds, by name and domain.
	const finds = accepted.filter((request) => request.path === '/email/find/single');
	const searched = new Map<string, number>();
	for (const { body } of finds) {
		const { fullname, company_domain: domain } = body as Record<string, string>;
		searched.set(`${fullname}|${domain}`, (searched.get(`${fullname}|${domain}`) ?? 0) + 1);
	}
	const people = Array.from({ length: scale.executions }, (_, run) => peopleOf(run)).flat();
	const searchedTwice = [...searched.values()].filter((count) => count > 1).length;
	const findJobs = stats.jobs.filter((job) => job.kind === 'findSingle').length;

	// Each execution's items: its people's emails, in order, or an error.
	const outputs = executions.map((execution) => ({
		execution,
		items: execution.data ? nodeOutput(execution.data, 'Enrow') : [],
	}));
	const failedItems = outputs.flatMap(({ items }) => items.filter((item) => item.json.error));
	const failedFor429 = failedItems.filter((item) =>
		/rate limit/i.test(`${String(item.json.error)} ${String(item.json.errorDescription)}`),
	);
	const runErrors = executions
		.map((execution) => execution.data?.resultData.error?.message)
		.filter(Boolean);
	const perWorker = startsPerWorker(ended.map((execution) => execution.id));

	figure(
		`case A: accepted job-starting POSTs ${accepted.length} in ${seconds(spanMs)} from the first to the last = ${perSecond.toFixed(2)}/s (${(perSecond / POSTS_PER_SECOND).toFixed(2)} of ${POSTS_PER_SECOND}/s); 429 answers ${refused.length}; most POSTs received in any one second ${stats.maxPostsAttemptedInAnyOneSecond}, let through ${stats.maxPostsInAnyOneSecond}`,
	);
	figure(
		`case A: finds accepted ${finds.length} for ${people.length} people, find jobs ${findJobs}, people searched more than once ${searchedTwice}; items failed ${failedItems.length} (for 429: ${failedFor429.length}); executions ${executions.map((execution) => execution.status).join(', ')}${runErrors.length ? ` (errors: ${runErrors.join(' | ')})` : ''}`,
	);
	figure(
		`case A: executions started per worker ${perWorker.map((count, i) => `worker ${i + 1}: ${count}`).join(', ')}; wall time (first webhook call to last execution stopped) ${seconds(wallMs)}`,
	);
	figure(
		`BENCHMARKS row | ${scale.executions} × ${scale.people} finds, ${WORKERS} workers, 1 key | ${perSecond.toFixed(2)} POST/s (${(perSecond / POSTS_PER_SECOND).toFixed(2)} × 10) | ${refused.length} × 429 | ${failedFor429.length} items failed for 429 | ${perWorker.join(' / ')} executions per worker | ${seconds(wallMs)} |`,
	);
	reportTiming(
		`queue scale case A: ${scale.executions} × ${scale.people} finds, first call to last execution stopped`,
		wallMs,
	);

	// Every item has its person's email; none failed, for 429 or anything else.
	expect(executions.map((execution) => execution.status)).toEqual(
		Array(scale.executions).fill('success'),
	);
	expect(failedFor429.length).toBe(0);
	expect(failedItems.length).toBe(0);
	expect(outputs.map(({ items }) => items.length)).toEqual(
		Array(scale.executions).fill(scale.people),
	);
	// Each execution's items carry its own people's emails, in input order.
	const found = outputs.map(({ items }) => items.map((item) => item.json.email).join(',')).sort();
	const expected = Array.from({ length: scale.executions }, (_, run) =>
		peopleOf(run).map(emailOf).join(','),
	).sort();
	expect(found).toEqual(expected);
	// No duplicate jobs: one accepted POST and one job per person, nobody twice.
	expect(searchedTwice).toBe(0);
	expect(finds.length).toBe(people.length);
	expect(findJobs).toBe(people.length);
	expect(people.every((person) => searched.has(`${person.fullName}|${person.companyDomain}`))).toBe(
		true,
	);
	// Never over the limit, and the key kept busy.
	expect(stats.maxPostsInAnyOneSecond).toBeLessThanOrEqual(POSTS_PER_SECOND);
	expect(perSecond).toBeGreaterThanOrEqual(0.8 * POSTS_PER_SECOND);
	// Spread over the workers, each execution started once. Not "2 per worker": case B's first
	// segment holds a slot on one worker while A's executions arrive, so Bull's split depends on
	// when B pauses (a CI run saw 1 / 3 / 2; the figure above prints it).
	expect(perWorker.every((count) => count >= 1)).toBe(true);
	expect(perWorker.reduce((sum, count) => sum + count, 0)).toBe(scale.executions);
});

test(`case B: a ${scale.rows}-row bulk verification paused while the key is busy resumes on Enrow's callbacks with every row, charged once`, async () => {
	const { calledAt: started, firstStatus } = await startBulkRun();
	const seenFirst = await firstStatus;
	const done = await n8n.api.waitForExecution({
		workflowId: bulkRun.id,
		status: ['success', 'error'],
		timeoutMs: 8 * 60_000,
	});
	const stats = simulator.stats();
	const jobs = await Promise.all(
		stats.jobs
			.filter((job) => job.kind === 'verifyBulk')
			.map(async (job) => (await control<JobDetails>(simulator, 'GET', `jobs/${job.id}`)).body),
	);
	const rowsSent = jobs.flatMap((job) => job.input as string[]);
	const charged = jobs.reduce((sum, job) => sum + job.reserved - job.refunded, 0);
	const bulkPosts = stats.requests.filter(
		(request) => request.method === 'POST' && request.path === '/email/verify/bulk',
	);
	const deliveries = stats.webhookDeliveries.filter((delivery) =>
		jobs.some((job) => job.id === delivery.jobId),
	);
	const lastCallback = deliveries.length
		? seconds(Date.parse(done.stoppedAt!) - Math.max(...deliveries.map((call) => call.sentAt)))
		: 'no callback';
	const segments = startsPerWorker([done.id]);
	const out = done.data ? nodeOutput(done.data, 'Enrow') : [];

	figure(
		`case B: first seen ${seenFirst}, then ${done.status}${done.data?.resultData.error ? ` (${done.data.resultData.error.message})` : ''}; ${jobs.length} jobs (${jobs.map((job) => job.rows).join(' + ')} rows), bulk POSTs ${bulkPosts.length} (${bulkPosts.filter((request) => request.status === 429).length} × 429); callbacks ${deliveries.map((delivery) => `${delivery.status} in ${seconds(delivery.at - delivery.sentAt)}`).join(', ')}; last callback sent to execution stopped ${lastCallback}; run segments per worker ${segments.join(' / ')}; webhook call to execution stopped ${seconds(Date.parse(done.stoppedAt!) - started)}; credits charged ${charged}`,
	);

	// It paused (the executions list showed it waiting before it ended), then ended well.
	expect(seenFirst).toBe('waiting');
	expect(done.status).toBe('success');
	// The node paused (it read the jobs before pausing, then nothing until the callbacks) and
	// handed Enrow the webhook processor's resume URL; Enrow's calls resumed it exactly once.
	expect(jobs.map((job) => job.rows)).toEqual(
		Array.from({ length: Math.ceil(scale.rows / 5000) }, (_, i) =>
			Math.min(5000, scale.rows - 5000 * i),
		),
	);
	for (const job of jobs) {
		expect(job.webhook).toMatch(
			new RegExp(
				`^${n8n.webhookBaseUrl}webhook-waiting/${done.id}/enrow-callback\\?signature=[0-9a-f]+$`,
			),
		);
	}
	// One callback per job. Their answers are reported, not asserted: two jobs of 5,000 rows end
	// at the same moment, n8n answers the call that does not resume 500 (webhookStranding.e2e.ts),
	// and on a loaded 2-core machine n8n answered some after the simulator's 10 s delivery timeout
	// (recorded as 'error') while still resuming the execution.
	expect(deliveries).toHaveLength(jobs.length);
	// Two run segments (up to the pause, after the resume), each on some worker; the webhook
	// processor queued both (the trigger call, then the resume call).
	await eventually(() => {
		expect(startsPerWorker([done.id]).reduce((sum, count) => sum + count, 0)).toBe(2);
		expect(countLogLines(n8n.processLog('webhook'), 'Enqueued execution', done.id)).toBe(2);
	});
	// Every row, in input order, each sent and charged once.
	expect(out.length).toBe(scale.rows);
	expect(out.map((item) => item.json.email).join(',')).toBe(bulkEmails.join(','));
	expect(out.filter((item) => item.json.valid !== true).length).toBe(0);
	expect(out.every((item, i) => (item.pairedItem as { item: number }).item === i)).toBe(true);
	expect(bulkPosts.filter((request) => request.status === 201).length).toBe(jobs.length);
	expect(rowsSent.slice().sort().join(',')).toBe(bulkEmails.slice().sort().join(','));
	expect(charged).toBe(0.25 * scale.rows);
	expect(await n8n.api.listExecutions({ workflowId: bulkRun.id })).toHaveLength(1);
});
