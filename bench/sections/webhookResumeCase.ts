/**
 * Section 4, one child process: webhook mode inside a real n8n 2.41.1 (scripts/e2e: the package
 * built, packed and installed as a community package; `n8n start`). A published workflow starts
 * on a Webhook node and runs the Enrow node in "Pause and resume when Enrow calls back" mode
 * against the simulator (in this process), which calls the execution's resume URL when the job ends.
 *
 * Measured per case: requests the node made to the simulator while the execution was paused,
 * and the time from the simulator's callback (the job's end, when it sends the webhook) to the
 * resumed execution's end (its stoppedAt in n8n's public API).
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { randomUUID } from 'crypto';

import { n8nCacheDir } from '../../scripts/e2e/installN8n';
import {
	N8nInstance,
	disposeAllN8nInstances,
	type WorkflowFixture,
} from '../../scripts/e2e/n8nInstance';
import { buildAndPack, REPO_ROOT } from '../../scripts/e2e/packPackage';
import { startSimulator, type Simulator } from '../../simulator';
import { childMain, log } from '../support/child';
import { ENROW_KEY } from '../support/enrowRun';
import { breakdownWindow, monotonicClock, type Marker } from '../support/profileWindow';

/** The marker installN8n.ts writes once an install is complete (not exported there). */
const INSTALL_MARKER = '.e2e-install-complete.json';
/**
 * How long each job runs (and each Wait node waits) before its callback. The node reads its
 * jobs at 1 s and 2 s before it pauses, so the job must outlast 2 s; the resume does not depend
 * on how long the pause was, so it is no longer than needed, for more rounds in the same time.
 */
export const PAUSE_MS = 3000;
/**
 * Rounds per size (BENCH_RESUME_ROUNDS to change it): the report gives the median and the range.
 * Fifteen, because one round in five or so lands on a slow step of n8n's (a garbage collection,
 * a sandbox built while another is) that adds 50–300 ms, for any of the workflows, and the
 * medians of nine rounds still moved by 0.1–0.2 in their ratio from run to run.
 */
export const RESUME_REPEATS = Number(process.env.BENCH_RESUME_ROUNDS ?? 15);
/** Item counts (BENCH_RESUME_SIZES, comma-separated, to measure others). */
export const RESUME_SIZES = (process.env.BENCH_RESUME_SIZES ?? '1,1000').split(',').map(Number);

export interface ResumeCase {
	label: string;
	rows: number;
	executionId: string;
	status: string;
	outputs: number;
	/** Requests from n8n to the simulator between the pause (the execution shown waiting) and the callback. */
	requestsWhilePaused: number;
	getsWhilePaused: number;
	pausedMs: number;
	/** Callback sent (job end) → n8n answered the callback. */
	callbackAnsweredMs: number;
	callbackStatus: number | 'error';
	/** Callback sent (job end) → resumed execution's stoppedAt. */
	resumeMs: number;
	/** GETs the node made after the callback (checking the job and reading the results). */
	getsAfterCallback: number;
	/** Wall-clock times (ms) of the callback and of the execution's stoppedAt, for profiles. */
	window: { from: number; to: number };
}

/**
 * How the Wait node's workflow ends: `alone`, the Wait node outputs the call's data (one item);
 * `splitOut`, the call carries one result per row, as Enrow's GET gives them, and a Split Out
 * after the Wait node outputs them as items: n8n's own way to resume with the same output.
 */
export type WaitNodeVariant = 'alone' | 'splitOut';

/** n8n's own Wait node ("On Webhook Call") resumed the same way, in the same n8n, for comparison. */
export interface WaitNodeCase {
	variant: WaitNodeVariant;
	rows: number;
	outputs: number;
	executionId: string;
	status: string;
	/** The resume call sent → n8n answered it. */
	callbackAnsweredMs: number;
	callbackStatus: number | 'error';
	/** The resume call sent → resumed execution's stoppedAt. */
	resumeMs: number;
	window: { from: number; to: number };
}

export type ResumeResult =
	| {
			measured: true;
			cases: ResumeCase[];
			waitNodeCases: WaitNodeCase[];
			n8nStartMs: number;
			buildMs: number;
			/** n8n settings beyond the defaults (BENCH_N8N_ENV), named in the report. */
			n8nEnv: Record<string, string>;
	  }
	| { measured: false; reason: string };

const CREDENTIAL = { id: 'benchEnrowCred01', name: 'Enrow (bench simulator)' };
const WEBHOOK_PATH = 'bench-webhook-resume';

/** Webhook (POST `path`) → one item per row of the request → `tail`, wired in a line. */
function linearFromWebhook(
	id: string,
	name: string,
	path: string,
	tail: Array<Record<string, unknown> & { name: string }>,
): WorkflowFixture {
	const nodes = [
		{
			id: randomUUID(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		},
		{
			id: randomUUID(),
			name: 'One Item per Row',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.rows', options: {} },
		},
		...tail,
	].map((node, index) => ({ ...node, position: [index * 220, 0] }));
	const connections: WorkflowFixture['connections'] = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	});
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** Webhook → one item per row → Enrow "Verify an email" in webhook mode (sent as one bulk job). */
function workflow(): WorkflowFixture {
	return linearFromWebhook('benchWebhookResume01', 'Bench: webhook resume', WEBHOOK_PATH, [
		{
			id: randomUUID(),
			name: 'Enrow',
			type: 'n8n-nodes-enrow.enrow',
			typeVersion: 1,
			credentials: { enrowApi: CREDENTIAL },
			parameters: {
				resource: 'emailVerifier',
				operation: 'verify',
				email: '={{ $json.email }}',
				waitMode: 'webhook',
				options: {},
			},
		},
	]);
}

const WAIT_PATHS: Record<WaitNodeVariant, string> = {
	alone: 'bench-wait-node-resume',
	splitOut: 'bench-wait-node-split-out',
};

/**
 * The same pause with n8n's Wait node: Webhook → one item per row → HTTP Request (once) that
 * hands `$execution.resumeUrl` to the bench's caller, and a Merge ("Choose Branch", the rows'
 * items) that waits for it, so the Wait node ("On Webhook Call") pauses holding every item, as
 * the Enrow node does → No Operation, or (`splitOut`) → Split Out of the results the call
 * carries. The caller POSTs to the resume URL after the same `PAUSE_MS`, as the simulator does
 * for Enrow: for `splitOut` with one result per item, shaped as Enrow's GET gives them.
 */
function waitNodeWorkflow(callerUrl: string, variant: WaitNodeVariant): WorkflowFixture {
	const resultsToSend = variant === 'splitOut' ? '$input.all().length' : '0';
	const last =
		variant === 'splitOut'
			? {
					name: 'One Item per Result',
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					parameters: { fieldToSplitOut: 'body.results', options: {} },
				}
			: { name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
	const ids = { alone: 'benchWaitNodeResume1', splitOut: 'benchWaitNodeSplitOut' };
	const names = { alone: 'Bench: Wait node resume', splitOut: 'Bench: Wait node + Split Out' };
	const flow = linearFromWebhook(ids[variant], names[variant], WAIT_PATHS[variant], [
		{
			id: randomUUID(),
			name: 'Hand Out the Resume URL',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			executeOnce: true,
			parameters: {
				method: 'POST',
				url: callerUrl,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: `={{ JSON.stringify({ resumeUrl: $execution.resumeUrl, results: ${resultsToSend} }) }}`,
				options: {},
			},
		},
		{
			id: randomUUID(),
			name: 'Every Row, Once Handed Out',
			type: 'n8n-nodes-base.merge',
			typeVersion: 3.2,
			parameters: {
				mode: 'chooseBranch',
				chooseBranchMode: 'waitForAll',
				output: 'specifiedInput',
				useDataOfInput: 1,
			},
		},
		{
			id: randomUUID(),
			name: 'Wait',
			type: 'n8n-nodes-base.wait',
			typeVersion: 1.1,
			webhookId: randomUUID(),
			parameters: { resume: 'webhook', httpMethod: 'POST', options: {} },
		},
		{ id: randomUUID(), ...last },
	]);
	// The rows go to the Merge's first input as well; the HTTP Request's one item to its second.
	const to = (node: string, index = 0) => ({ node, type: 'main', index });
	flow.connections['One Item per Row'] = {
		main: [[to('Hand Out the Resume URL'), to('Every Row, Once Handed Out')]],
	};
	flow.connections['Hand Out the Resume URL'] = {
		main: [[to('Every Row, Once Handed Out', 1)]],
	};
	return flow;
}

interface Caller {
	url: string;
	calls: Array<{ sentAt: number; answeredAt?: number; status?: number | 'error' }>;
	close(): Promise<void>;
}

/** A bulk verification's result row, as the simulator's GET /email/verify/bulk gives it. */
const resultRow = (at: number) => ({
	email: `first${at}.last${at}@company${at % 97}.com`,
	index: randomUUID(),
	qualification: 'valid',
});

/**
 * Takes a resume URL and POSTs to it `PAUSE_MS` later, recording when, as Enrow would; with as
 * many result rows in the body as it was asked for.
 */
async function startCaller(): Promise<Caller> {
	const calls: Caller['calls'] = [];
	const server = http.createServer((request, response) => {
		let text = '';
		request.on('data', (chunk) => (text += chunk));
		request.on('end', () => {
			response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
			const { resumeUrl, results } = JSON.parse(text) as { resumeUrl: string; results: number };
			const body = JSON.stringify(
				results > 0 ? { results: Array.from({ length: results }, (_, at) => resultRow(at)) } : {},
			);
			setTimeout(() => {
				const call: Caller['calls'][number] = { sentAt: Date.now() };
				calls.push(call);
				fetch(resumeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
					.then((answer) => Object.assign(call, { answeredAt: Date.now(), status: answer.status }))
					.catch(() => Object.assign(call, { answeredAt: Date.now(), status: 'error' }));
			}, PAUSE_MS);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/resume-me`,
		calls,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

async function measureWaitNodeCase(
	n8n: N8nInstance,
	caller: Caller,
	flow: WorkflowFixture,
	variant: WaitNodeVariant,
	rows: number,
	seen: Array<string | number>,
): Promise<WaitNodeCase> {
	caller.calls.length = 0;
	const body = { rows: Array.from({ length: rows }, (_, at) => ({ email: resultRow(at).email })) };
	const called = await n8n.api.callWebhook(WAIT_PATHS[variant], { body });
	if (called.status !== 200) throw new Error(`webhook answered ${called.status}`);
	// As for this node: n8n's API is asked only once the resume call is answered, so that no
	// request of the bench lands in the resume it measures.
	for (
		const deadline = Date.now() + PAUSE_MS + 60_000;
		caller.calls[0]?.answeredAt === undefined;
	) {
		if (Date.now() > deadline) throw new Error('the resume call was never answered');
		await sleep(50);
	}
	const finished = await n8n.api.waitForExecution({
		workflowId: flow.id,
		status: ['success', 'error', 'crashed'],
		exclude: seen,
		timeoutMs: 60_000,
	});
	seen.push(finished.id);
	const [call] = caller.calls;
	const lastNode = (flow.nodes.at(-1) as { name: string }).name;
	const result: WaitNodeCase = {
		variant,
		rows,
		outputs: finished.data?.resultData.runData[lastNode]?.at(-1)?.data?.main[0]?.length ?? 0,
		executionId: String(finished.id),
		status: finished.status,
		callbackAnsweredMs: call.answeredAt! - call.sentAt,
		callbackStatus: call.status!,
		resumeMs: Date.parse(finished.stoppedAt ?? '') - call.sentAt,
		window: {
			from: call.sentAt,
			to: Math.max(Date.parse(finished.stoppedAt ?? ''), call.answeredAt!),
		},
	};
	log(
		`Wait node${variant === 'splitOut' ? ' + Split Out' : ''} ${rows} rows: ${result.status}, ${result.outputs} items out, ${result.resumeMs} ms after the resume call`,
	);
	return result;
}

/**
 * Markers for where the resume's time goes: this node's steps, the Wait node, n8n's own.
 * A sample counts for an async function only until its first `await` (V8 keeps no async
 * callers on the stack), so the wall-clock spans of the awaited steps are not in profiles.
 */
const PROFILE_MARKERS: Marker[] = [
	{ label: 'Enrow webhook()', functionName: 'webhook', url: 'n8n-nodes-enrow/dist' },
	{ label: '  readUntilOneRuns (confirming GET)', functionName: 'readUntilOneRuns' },
	{ label: '  prepareRun', functionName: 'prepareRun', url: 'n8n-nodes-enrow' },
	{ label: '  resumedItemParameters', functionName: 'resumedItemParameters' },
	{ label: '  finishRun', functionName: 'finishRun', url: 'n8n-nodes-enrow' },
	{ label: "Wait node's webhook()", functionName: 'webhook', url: 'nodes/Wait' },
	{ label: 'evaluateExpression', functionName: 'evaluateExpression' },
	{ label: 'credentials (getDecrypted)', functionName: /getDecrypted|getCredentials/ },
	{ label: 'httpRequestWithAuthentication', functionName: 'httpRequestWithAuthentication' },
	{ label: 'n8n: executeWebhook (waiting)', functionName: 'executeWebhook' },
	{ label: 'n8n: processRunExecutionData', functionName: 'processRunExecutionData' },
	{ label: 'n8n: runNode', functionName: 'runNode' },
	{ label: 'flatted stringify/parse', functionName: /^(stringify|parse)$/, url: 'flatted' },
	{ label: 'typeorm / sqlite', functionName: /./, url: 'typeorm' },
	{
		label: 'n8n: execution hooks',
		functionName: /workflowExecuteAfter|updateExistingExecution|saveExecution/,
	},
];

/** Cuts each case's window (callback → execution end) out of the server's profile. */
function breakDownResumes(dir: string, cases: ResumeCase[], waitNodeCases: WaitNodeCase[]): void {
	const rawDir = path.resolve(dir, 'raw');
	const [file] = fs
		.readdirSync(rawDir)
		.map((name) => path.join(rawDir, name))
		.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
	if (!file) throw new Error(`n8n wrote no CPU profile into ${rawDir}`);
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
	const toMono = monotonicClock();
	const round = (list: Array<{ rows: number; variant?: string }>, at: number) =>
		list.slice(0, at).filter((c) => c.rows === list[at].rows && c.variant === list[at].variant)
			.length;
	const labelled = [
		...cases.map((c, at) => ({ label: `enrow-${c.rows}-${round(cases, at)}`, window: c.window })),
		...waitNodeCases.map((c, at) => ({
			label: `wait-${c.variant}-${c.rows}-${round(waitNodeCases, at)}`,
			window: c.window,
		})),
	];
	for (const { label, window } of labelled) {
		const breakdown = breakdownWindow(
			profile,
			toMono(window.from),
			toMono(window.to),
			PROFILE_MARKERS,
		);
		fs.writeFileSync(path.join(dir, `${label}.json`), JSON.stringify(breakdown, null, 2));
		log(
			`profile ${label}: ${breakdown.windowMs} ms, ${breakdown.busyMs.toFixed(1)} ms busy (GC ${breakdown.gcMs.toFixed(1)}): ${breakdown.markers
				.filter((m) => m.ms > 0)
				.map((m) => `${m.label.trim()} ${m.ms.toFixed(1)}`)
				.join(', ')}`,
		);
	}
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function measureCase(
	n8n: N8nInstance,
	simulator: Simulator,
	flow: WorkflowFixture,
	rows: number,
	/** Executions of earlier cases, not to be mistaken for this one's. */
	seen: Array<string | number>,
): Promise<ResumeCase> {
	simulator.reset();
	const body = {
		rows: Array.from({ length: rows }, (_, i) => ({
			email: `first${i}.last${i}@company${i % 97}.com`,
		})),
	};
	const called = await n8n.api.callWebhook(WEBHOOK_PATH, { body });
	if (called.status !== 200)
		throw new Error(`webhook answered ${called.status}: ${called.text.slice(0, 200)}`);
	const waiting = await n8n.api.waitForExecution({
		workflowId: flow.id,
		status: 'waiting',
		exclude: seen,
		timeoutMs: 60_000,
	});
	// The node reads its jobs for 2 s before it pauses (a job done by then needs no pause); the
	// pause counts from the moment n8n shows the execution as waiting.
	const pausedAt = Date.now();

	// The job ends after PAUSE_MS; the simulator then calls the resume URL.
	let deliveries = simulator.stats().webhookDeliveries;
	for (const deadline = Date.now() + PAUSE_MS + 60_000; deliveries.length === 0; ) {
		if (Date.now() > deadline) throw new Error('the simulator never called back');
		await sleep(100);
		deliveries = simulator.stats().webhookDeliveries;
	}
	const finished = await n8n.api.waitForExecution({
		workflowId: flow.id,
		status: ['success', 'error', 'crashed'],
		exclude: seen,
		timeoutMs: 60_000,
	});
	if (String(finished.id) !== String(waiting.id)) throw new Error('another execution finished');
	seen.push(finished.id);
	const stats = simulator.stats();
	const [job] = stats.jobs;
	// From the moment the simulator sent the callback, as for the Wait node's caller: the job's
	// due time (`completesAt`) can be a few milliseconds earlier when its timer fires late.
	const callbackAt = deliveries[0].sentAt;
	const enrowRequests = stats.requests.filter((request) => !request.path.startsWith('/__sim'));
	const jobStartedAt =
		enrowRequests.find((request) => request.method === 'POST')?.at ?? job.createdAt;
	const whilePaused = enrowRequests.filter(
		(request) => request.at > pausedAt && request.at < callbackAt,
	);
	const outputs = finished.data?.resultData.runData.Enrow?.at(-1)?.data?.main[0]?.length ?? 0;
	const result: ResumeCase = {
		label: `Verify an email over ${rows.toLocaleString('en-US')} item${rows === 1 ? '' : 's'}`,
		rows,
		executionId: String(finished.id),
		status: finished.status,
		outputs,
		requestsWhilePaused: whilePaused.length,
		getsWhilePaused: whilePaused.filter((request) => request.method === 'GET').length,
		pausedMs: callbackAt - jobStartedAt,
		callbackAnsweredMs: deliveries[0].at - callbackAt,
		callbackStatus: deliveries[0].status,
		resumeMs: Date.parse(finished.stoppedAt ?? '') - callbackAt,
		getsAfterCallback: enrowRequests.filter(
			(request) => request.method === 'GET' && request.at >= callbackAt,
		).length,
		window: {
			from: callbackAt,
			to: Math.max(Date.parse(finished.stoppedAt ?? ''), deliveries[0].at),
		},
	};
	log(
		`resume ${rows} rows: ${result.status}, ${result.resumeMs} ms after the callback (sent ${callbackAt - job.completesAt} ms after the job's end)`,
	);
	return result;
}

// Only as a child process; the section modules import this file for its types and constants.
if (require.main === module)
	childMain(async (): Promise<ResumeResult> => {
		if (process.env.BENCH_N8N === 'skip')
			return { measured: false, reason: 'skipped (BENCH_N8N=skip)' };
		if (
			!fs.existsSync(path.join(n8nCacheDir(), INSTALL_MARKER)) &&
			process.env.BENCH_N8N !== 'install'
		) {
			return {
				measured: false,
				reason: `n8n 2.41.1 is not installed in ${n8nCacheDir()} (a 3–5 minute download): run \`npm run test:e2e\` once, or \`BENCH_N8N=install npm run bench\``,
			};
		}
		let simulator: Simulator | undefined;
		let caller: Caller | undefined;
		try {
			const buildStarted = Date.now();
			const tarballs = buildAndPack(path.join(REPO_ROOT, '.e2e', 'bench-package'));
			const buildMs = Date.now() - buildStarted;
			simulator = await startSimulator({
				config: {
					enrow: { jobDurationMs: { single: PAUSE_MS, bulkBase: PAUSE_MS, bulkPerRow: 0 } },
				},
			});
			const n8nEnv = process.env.BENCH_N8N_ENV
				? (JSON.parse(process.env.BENCH_N8N_ENV) as Record<string, string>)
				: {};
			const n8n = await N8nInstance.create({ tarballs, name: 'bench', env: n8nEnv });
			await n8n.importCredentials([
				{ ...CREDENTIAL, type: 'enrowApi', data: { apiKey: ENROW_KEY, baseUrl: simulator.url } },
			]);
			caller = await startCaller();
			const flow = workflow();
			const waitFlows = {
				alone: waitNodeWorkflow(caller.url, 'alone'),
				splitOut: waitNodeWorkflow(caller.url, 'splitOut'),
			};
			await n8n.importWorkflow(flow);
			for (const waitFlow of Object.values(waitFlows)) await n8n.importWorkflow(waitFlow);
			const profileDir = process.env.BENCH_RESUME_PROFILE;
			const nodeOptions = process.env.NODE_OPTIONS;
			// Profiling (opt-in): the whole server run, written when it exits; each case's window
			// is cut out of it afterwards. Not for the n8n CLI runs.
			if (profileDir) {
				process.env.NODE_OPTIONS = `${nodeOptions ?? ''} --cpu-prof --cpu-prof-interval=200 --cpu-prof-dir=${path.resolve(profileDir, 'raw')}`;
			}
			const n8nStartMs = await n8n.start();
			if (profileDir) process.env.NODE_OPTIONS = nodeOptions;
			// Published through the API while the server runs: no extra n8n CLI process.
			await n8n.publishWorkflow(flow.id);
			for (const waitFlow of Object.values(waitFlows)) await n8n.publishWorkflow(waitFlow.id);
			const seen: Array<string | number> = [];
			const cases: ResumeCase[] = [];
			const waitNodeCases: WaitNodeCase[] = [];
			// Side by side: each round runs the Enrow node, then the Wait node (and over more than
			// one item the Wait node with its Split Out), at each size.
			for (let round = 0; round < RESUME_REPEATS; round++) {
				for (const rows of RESUME_SIZES) {
					cases.push(await measureCase(n8n, simulator, flow, rows, seen));
					const variants: WaitNodeVariant[] = rows > 1 ? ['alone', 'splitOut'] : ['alone'];
					for (const variant of variants) {
						waitNodeCases.push(
							await measureWaitNodeCase(n8n, caller, waitFlows[variant], variant, rows, seen),
						);
					}
				}
			}
			await disposeAllN8nInstances();
			if (profileDir) breakDownResumes(profileDir, cases, waitNodeCases);
			return { measured: true, cases, waitNodeCases, n8nStartMs, buildMs, n8nEnv };
		} finally {
			await disposeAllN8nInstances();
			await simulator?.close();
			await caller?.close();
		}
	});
