/**
 * Section 4: webhook mode in a real n8n 2.41.1 (scripts/e2e), in one child process: this node
 * paused until the simulator calls back, then n8n's own Wait node, round after round (the report
 * says how). Env: BENCH_N8N=skip | install, BENCH_N8N_ENV (more n8n settings, JSON),
 * BENCH_RESUME_ROUNDS (default 15), BENCH_RESUME_SIZES (item counts, default 1,1000).
 */
import { randomUUID } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';

import { isN8nInstalled, n8nCacheDir } from '../../scripts/e2e/installN8n';
import { N8nInstance, disposeAllN8nInstances } from '../../scripts/e2e/n8nInstance';
import type { WorkflowFixture } from '../../scripts/e2e/n8nInstance';
import { buildAndPack, REPO_ROOT } from '../../scripts/e2e/packPackage';
import type { Simulator } from '../../simulator';
import { inChild, log } from '../support/child';
import { ENROW_KEY, withSimulator } from '../support/nodes';
import { median, millis, num, seconds, table } from '../support/report';
import type { Report, Section } from '../support/report';

/** Each job runs (each Wait node waits) this long: the node reads its jobs at 1 s and 2 s before it pauses. */
const PAUSE_MS = 3000;
/** One round in five or so lands on a slow step of n8n's (a GC, a sandbox built): medians of 15. */
const ROUNDS = Number(process.env.BENCH_RESUME_ROUNDS ?? 15);
const SIZES = (process.env.BENCH_RESUME_SIZES ?? '1,1000').split(',').map(Number);
/** The issue's goal: this node's median at most 1.2× that of n8n's nodes resuming with as many items. */
const RATIO_TARGET = 1.2;

/** This node; the Wait node handing on the call (one item); the Wait node → Split Out of the results. */
type Variant = 'enrow' | 'alone' | 'splitOut';

/** One resume; times from the callback (resume call) sent: to n8n's answer, to `stoppedAt`. */
interface Resume {
	variant: Variant;
	rows: number;
	status: string;
	outputs: number;
	answeredMs: number;
	answerStatus: number | 'error';
	resumeMs: number;
	/** This node only: requests to the API between the pause and the callback, and after it. */
	requestsWhilePaused?: number;
	pausedMs?: number;
	getsAfterCallback?: number;
}

export interface ResumeResult {
	resumes: Resume[];
	n8nStartMs: number;
	buildMs: number;
	n8nEnv: Record<string, string>;
}

const CREDENTIAL = { id: 'benchEnrowCred01', name: 'Enrow (bench simulator)' };
/** Each workflow: its ID, its webhook's path, the node whose output items are counted. */
const FLOWS: Record<Variant, { id: string; path: string; last: string }> = {
	enrow: { id: 'benchWebhookResume01', path: 'bench-webhook-resume', last: 'Enrow' },
	alone: { id: 'benchWaitNodeResume1', path: 'bench-wait-node-resume', last: 'Done' },
	splitOut: { id: 'benchWaitNodeSplitOut', path: 'bench-wait-node-split-out', last: 'Results' },
};
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
const node = (name: string, type: string, version: number, parameters: object, more = {}) => ({
	name,
	type: type.includes('.') ? type : `n8n-nodes-base.${type}`,
	typeVersion: version,
	parameters,
	...more,
});
const splitOut = (name: string, field: string) =>
	node(name, 'splitOut', 1, { fieldToSplitOut: field, options: {} });

/** Webhook (POST) → one item per row of the request → `tail`, wired in a line. */
function workflow(variant: Variant, tail: Array<ReturnType<typeof node>>): WorkflowFixture {
	const webhook = { httpMethod: 'POST', path: FLOWS[variant].path, responseMode: 'onReceived' };
	const nodes = [
		node('Webhook', 'webhook', 2.1, { ...webhook, options: {} }, { webhookId: randomUUID() }),
		splitOut('One Item per Row', 'body.rows'),
		...tail,
	].map((each, index) => ({ id: randomUUID(), ...each, position: [index * 220, 0] }));
	const to = (name: string, index = 0) => ({ node: name, type: 'main', index });
	const connections: WorkflowFixture['connections'] = {};
	nodes
		.slice(1)
		.forEach((each, index) => (connections[nodes[index].name] = { main: [[to(each.name)]] }));
	const name = `Bench: resume, ${variant}`;
	return { id: FLOWS[variant].id, name, nodes, connections, settings: { executionOrder: 'v1' } };
}

const enrowWorkflow = () =>
	workflow('enrow', [
		node(
			'Enrow',
			'n8n-nodes-enrow.enrow',
			1,
			{
				resource: 'emailVerifier',
				operation: 'verify',
				email: '={{ $json.email }}',
				waitMode: 'webhook',
				options: {},
			},
			{ credentials: { enrowApi: CREDENTIAL } },
		),
	]);

/**
 * The same pause with n8n's Wait node ("On Webhook Call"): an HTTP Request (once) hands
 * `$execution.resumeUrl` to the bench's caller, and a Merge waits for it, so the Wait node pauses
 * holding every item, as the Enrow node does; then No Operation or (`splitOut`) a Split Out of the
 * results the call carries, one per item as Enrow's GET gives them.
 */
function waitNodeWorkflow(callerUrl: string, variant: 'alone' | 'splitOut'): WorkflowFixture {
	const results = variant === 'splitOut' ? '$input.all().length' : '0';
	const handOut = {
		method: 'POST',
		url: callerUrl,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: `={{ JSON.stringify({ resumeUrl: $execution.resumeUrl, results: ${results} }) }}`,
		options: {},
	};
	const merge = { mode: 'chooseBranch', chooseBranchMode: 'waitForAll', output: 'specifiedInput' };
	const flow = workflow(variant, [
		node('Hand Out the Resume URL', 'httpRequest', 4.2, handOut, { executeOnce: true }),
		node('Every Row, Once Handed Out', 'merge', 3.2, { ...merge, useDataOfInput: 1 }),
		node(
			'Wait',
			'wait',
			1.1,
			{ resume: 'webhook', httpMethod: 'POST', options: {} },
			{ webhookId: randomUUID() },
		),
		variant === 'splitOut' ? splitOut('Results', 'body.results') : node('Done', 'noOp', 1, {}),
	]);
	// The rows go to the Merge's first input as well; the HTTP Request's one item to its second.
	const to = (name: string, index = 0) => ({ node: name, type: 'main', index });
	flow.connections['One Item per Row'] = {
		main: [[to('Hand Out the Resume URL'), to('Every Row, Once Handed Out')]],
	};
	flow.connections['Hand Out the Resume URL'] = { main: [[to('Every Row, Once Handed Out', 1)]] };
	return flow;
}

/** A bulk verification's result row, as the simulator's GET /email/verify/bulk gives it. */
const resultRow = (at: number) => ({
	email: `first${at}.last${at}@company${at % 97}.com`,
	index: randomUUID(),
	qualification: 'valid',
});

interface Call {
	sentAt: number;
	answeredAt?: number;
	status?: number | 'error';
}

/** Takes a resume URL and POSTs to it `PAUSE_MS` later, as Enrow would, with as many results as asked. */
async function startCaller(): Promise<{ url: string; calls: Call[]; close: () => Promise<void> }> {
	const calls: Call[] = [];
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
				const call: Call = { sentAt: Date.now() };
				calls.push(call);
				fetch(resumeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
					.then((answer) => Object.assign(call, { answeredAt: Date.now(), status: answer.status }))
					.catch(() => Object.assign(call, { answeredAt: Date.now(), status: 'error' }));
			}, PAUSE_MS);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/resume-me`,
		calls,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
	for (const deadline = Date.now() + PAUSE_MS + 60_000; ; await sleep(50)) {
		const value = read();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`${what}: never happened`);
	}
}

/**
 * One resume: the webhook called with `rows` rows, the pause, the callback (the simulator's, or the
 * caller's for the Wait node), the execution's end. n8n's API is asked about the execution only
 * once the callback is answered, so no request of the bench lands inside the resume it measures.
 */
async function measureResume(
	n8n: N8nInstance,
	simulator: Simulator,
	caller: Awaited<ReturnType<typeof startCaller>>,
	variant: Variant,
	rows: number,
	seen: Array<string | number>,
): Promise<Resume> {
	simulator.reset();
	caller.calls.length = 0;
	const body = { rows: Array.from({ length: rows }, (_, at) => ({ email: resultRow(at).email })) };
	const called = await n8n.api.callWebhook(FLOWS[variant].path, { body });
	if (called.status !== 200)
		throw new Error(`webhook answered ${called.status}: ${called.text.slice(0, 200)}`);
	const execution = { workflowId: FLOWS[variant].id, exclude: seen, timeoutMs: 60_000 };
	// The node reads its jobs for 2 s before it pauses: the pause counts from "waiting" in n8n.
	const waiting =
		variant === 'enrow'
			? await n8n.api.waitForExecution({ ...execution, status: 'waiting' })
			: undefined;
	const pausedAt = Date.now();
	const call = await until(() => {
		if (variant !== 'enrow')
			return caller.calls[0]?.answeredAt === undefined ? undefined : caller.calls[0];
		const [delivery] = simulator.stats().webhookDeliveries;
		return (
			delivery && { sentAt: delivery.sentAt, answeredAt: delivery.at, status: delivery.status }
		);
	}, `the ${variant} resume call`);
	const finished = await n8n.api.waitForExecution({
		...execution,
		status: ['success', 'error', 'crashed'],
	});
	if (waiting && String(waiting.id) !== String(finished.id))
		throw new Error('another execution finished');
	seen.push(finished.id);
	const resume: Resume = {
		variant,
		rows,
		status: finished.status,
		outputs:
			finished.data?.resultData.runData[FLOWS[variant].last]?.at(-1)?.data?.main[0]?.length ?? 0,
		answeredMs: call.answeredAt! - call.sentAt,
		answerStatus: call.status!,
		resumeMs: Date.parse(finished.stoppedAt ?? '') - call.sentAt,
	};
	if (variant === 'enrow') {
		const requests = simulator
			.stats()
			.requests.filter((request) => !request.path.startsWith('/__sim'));
		const jobStartedAt = requests.find((request) => request.method === 'POST')?.at ?? NaN;
		Object.assign(resume, {
			requestsWhilePaused: requests.filter((r) => r.at > pausedAt && r.at < call.sentAt).length,
			pausedMs: call.sentAt - jobStartedAt,
			getsAfterCallback: requests.filter((r) => r.method === 'GET' && r.at >= call.sentAt).length,
		});
	}
	log(
		`${variant} ${rows} rows: ${resume.status}, ${resume.outputs} items, ${resume.resumeMs} ms after the callback`,
	);
	return resume;
}

/** The child's side: the whole section. */
export async function resumeCases(): Promise<ResumeResult> {
	if (process.env.BENCH_N8N === 'skip') throw new Error('skipped (BENCH_N8N=skip).');
	if (!isN8nInstalled() && process.env.BENCH_N8N !== 'install')
		throw new Error(
			`n8n 2.41.1 is not installed in ${n8nCacheDir()} (a 3–5 minute download): run \`npm run test:e2e\` once, or \`BENCH_N8N=install npm run bench\`.`,
		);
	const buildStarted = Date.now();
	const tarballs = buildAndPack(path.join(REPO_ROOT, '.e2e', 'bench-package'));
	const buildMs = Date.now() - buildStarted;
	const jobs = {
		enrow: { jobDurationMs: { single: PAUSE_MS, bulkBase: PAUSE_MS, bulkPerRow: 0 } },
	};
	const caller = await startCaller();
	try {
		return await withSimulator(jobs, async (simulator) => {
			const n8nEnv = JSON.parse(process.env.BENCH_N8N_ENV ?? '{}') as Record<string, string>;
			const n8n = await N8nInstance.create({ tarballs, name: 'bench', env: n8nEnv });
			const data = { apiKey: ENROW_KEY, baseUrl: simulator.url };
			await n8n.importCredentials([{ ...CREDENTIAL, type: 'enrowApi', data }]);
			const waitNode = (['alone', 'splitOut'] as const).map((v) => waitNodeWorkflow(caller.url, v));
			const flows = [enrowWorkflow(), ...waitNode];
			for (const flow of flows) await n8n.importWorkflow(flow);
			const n8nStartMs = await n8n.start();
			// Published through the API while the server runs: no extra n8n CLI process.
			for (const flow of flows) await n8n.publishWorkflow(flow.id);
			const seen: Array<string | number> = [];
			const resumes: Resume[] = [];
			// Each round: this node, then the Wait node (over more than one item also its Split Out).
			for (let round = 0; round < ROUNDS; round++)
				for (const rows of SIZES)
					for (const variant of ['enrow', 'alone', ...(rows > 1 ? ['splitOut'] : [])] as Variant[])
						resumes.push(await measureResume(n8n, simulator, caller, variant, rows, seen));
			await disposeAllN8nInstances();
			return { resumes, n8nStartMs, buildMs, n8nEnv };
		});
	} finally {
		await disposeAllN8nInstances();
		await caller.close();
	}
}

async function measureResumes(): Promise<ResumeResult> {
	return await inChild<ResumeResult>('sections/webhookResume', 'resumeCases', [], {
		label: 'n8n',
		timeoutMs: 12 * 60_000,
	});
}

function resumeReport(result: ResumeResult): Report {
	const of = (variant: Variant, rows: number) =>
		result.resumes.filter((r) => r.variant === variant && r.rows === rows);
	const times = (variant: Variant, rows: number) => of(variant, rows).map((r) => r.resumeMs);
	const spread = (values: number[]) =>
		values.length
			? `${millis(median(values))} (${millis(Math.min(...values))} – ${millis(Math.max(...values))})`
			: '–';
	const ratioOf = (rows: number, variant: Variant) =>
		of(variant, rows).length ? median(times('enrow', rows)) / median(times(variant, rows)) : NaN;
	const shown = (value: number) => (Number.isNaN(value) ? '–' : `**${value.toFixed(2)}×**`);
	/** Against n8n's nodes handing on as many items: the Wait node at 1 item, then its Split Out. */
	const sameOutput = SIZES.map((rows) => ratioOf(rows, rows === 1 ? 'alone' : 'splitOut'));
	const enrow = result.resumes.filter((r) => r.variant === 'enrow');
	const total = (list: Resume[], key: 'requestsWhilePaused') =>
		list.reduce((sum, r) => sum + r[key]!, 0);
	const items = (n: number) => `${num(n)} item${n === 1 ? '' : 's'}`;
	const outcomes = (list: Resume[]) =>
		[...new Set(list.map((r) => `${r.status}, ${items(r.outputs)}`))].join('; ');
	const rows = SIZES.map((rows) => {
		const list = of('enrow', rows);
		return [
			num(rows),
			outcomes(list),
			`**${total(list, 'requestsWhilePaused')}** (paused ${seconds(median(list.map((r) => r.pausedMs!)))})`,
			median(list.map((r) => r.getsAfterCallback!)),
			`${millis(median(list.map((r) => r.answeredMs)))} (HTTP ${[...new Set(list.map((r) => r.answerStatus))].join(', ')})`,
			`**${spread(times('enrow', rows))}**`,
			spread(times('alone', rows)),
			shown(ratioOf(rows, 'alone')),
			spread(times('splitOut', rows)),
			shown(ratioOf(rows, 'splitOut')),
		];
	});
	const waitOutputs = SIZES.flatMap((rows) =>
		(['alone', 'splitOut'] as const)
			.filter((variant) => of(variant, rows).length)
			.map(
				(variant) =>
					`${variant === 'alone' ? 'Wait node' : 'Wait node → Split Out'} over ${items(rows)}: ${outcomes(of(variant, rows))}`,
			),
	);
	const settings = Object.entries(result.n8nEnv).map(([key, value]) => `\`${key}=${value}\``);
	const body = `This package built, packed and installed as a community package into n8n 2.41.1 (scripts/e2e; \`n8n start\`
took ${seconds(result.n8nStartMs)}, build + pack ${seconds(result.buildMs)}). A published workflow: Webhook → Split Out (one item per row) →
Enrow "Verify an email" in webhook wait mode, which sends the run's items as one bulk job with the
execution's resume URL as \`settings.webhook\` and pauses. The simulator's job ends after ${seconds(PAUSE_MS)} and it
POSTs Enrow's completion payload to that URL. Side by side in the same n8n, each round (${ROUNDS} rounds):
n8n's own **Wait** node ("Resume: On Webhook Call"; an HTTP Request node hands
\`$execution.resumeUrl\` to a small caller in the bench, which POSTs to it after the same ${seconds(PAUSE_MS)}, and a
Merge passes every item on once it has, so the Wait node pauses holding them all, as this node
does), and over more than one item the Wait node once more with a **Split Out** after it, the call
carrying one result per item as Enrow's GET gives them: n8n's own nodes resuming with the same
output, the like-for-like comparison. Times: from the callback (the simulator's clock when it sends
it, or the caller's) to the execution's \`stoppedAt\` in n8n; same machine, same clock.

${table(
	"Items | This node's executions | Requests to the API while paused, all runs (pause) | GETs after the callback (median) | Callback answered by n8n after (median) | **This node**: callback → execution end, median (min – max) | Wait node (hands on one item: the call) | Ratio | Wait node → Split Out of the results | Ratio",
	rows,
)}

What the Wait node workflows output: ${waitOutputs.join('; ')}.${settings.length ? `\n\n**n8n settings beyond the defaults in this run:** ${settings.join(', ')}.` : ''}

- **Requests while paused**: every request from n8n to the (simulated) Enrow API between the pause
  and the callback: a paused execution costs nothing.
- **Callback → execution end** is what the user waits for once Enrow is done: n8n receives the
  call, the node checks with Enrow that the job is done and reads the results (the GETs after the
  callback), pairs them with the items, and n8n finishes and saves the execution; n8n answers the
  callback only then. Where that time goes, and the ratios of earlier runs: History, below.`;
	const medians = SIZES.map((rows) => median(times('enrow', rows)));
	const requests = total(enrow, 'requestsWhilePaused');
	return {
		body,
		targets: [
			{
				what: 'Webhook resume: callback → execution end (real n8n)',
				target: '< 1 s',
				measured: SIZES.map(
					(rows, at) =>
						`${items(rows)}: median ${millis(medians[at])} (max ${millis(Math.max(...times('enrow', rows)))})`,
				).join('; '),
				met: Math.max(...medians) < 1000 && enrow.every((r) => r.status === 'success'),
			},
			{
				what: "Webhook resume vs n8n's Wait node handing on as many items (1 item: the Wait node; 1,000: Wait node → Split Out), same n8n and run (median / median)",
				target: `≤ ${RATIO_TARGET}×`,
				measured: `${SIZES.map((rows, at) => `${items(rows)}: ${sameOutput[at].toFixed(2)}×`).join('; ')} (against the Wait node alone: ${SIZES.map((rows) => `${num(rows)}: ${ratioOf(rows, 'alone').toFixed(2)}×`).join(', ')})`,
				met: sameOutput.every((value) => value <= RATIO_TARGET),
			},
			{
				what: 'Requests while paused (real n8n)',
				target: '0',
				measured: String(requests),
				met: requests === 0,
			},
		],
	};
}

export const webhookResume: Section<ResumeResult> = {
	title: '4. Webhook resume latency in a real n8n',
	measure: measureResumes,
	report: resumeReport,
};
