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

/** The marker installN8n.ts writes once an install is complete (not exported there). */
const INSTALL_MARKER = '.e2e-install-complete.json';
const PAUSE_MS = 5000;
/** Runs per size: the report gives the median and the range. */
export const RESUME_REPEATS = 3;
export const RESUME_SIZES = [1, 1000];

export interface ResumeCase {
	label: string;
	rows: number;
	executionId: string;
	status: string;
	outputs: number;
	/** Requests from n8n to the simulator between the job's start and its callback. */
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
}

export type ResumeResult =
	| { measured: true; cases: ResumeCase[]; n8nStartMs: number; buildMs: number }
	| { measured: false; reason: string };

const CREDENTIAL = { id: 'benchEnrowCred01', name: 'Enrow (bench simulator)' };
const WEBHOOK_PATH = 'bench-webhook-resume';

/** Webhook → one item per row → Enrow "Verify an email" in webhook mode (sent as one bulk job). */
function workflow(): WorkflowFixture {
	const nodes = [
		{
			id: randomUUID(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			webhookId: randomUUID(),
			position: [0, 0],
			parameters: {
				httpMethod: 'POST',
				path: WEBHOOK_PATH,
				responseMode: 'onReceived',
				options: {},
			},
		},
		{
			id: randomUUID(),
			name: 'One Item per Row',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.rows', options: {} },
		},
		{
			id: randomUUID(),
			name: 'Enrow',
			type: 'n8n-nodes-enrow.enrow',
			typeVersion: 1,
			position: [440, 0],
			credentials: { enrowApi: CREDENTIAL },
			parameters: {
				resource: 'emailVerifier',
				operation: 'verify',
				email: '={{ $json.email }}',
				waitMode: 'webhook',
				options: {},
			},
		},
	];
	const connections: WorkflowFixture['connections'] = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	});
	return {
		id: 'benchWebhookResume01',
		name: 'Bench: webhook resume',
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
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
	const callbackAt = job.completesAt;
	const enrowRequests = stats.requests.filter((request) => !request.path.startsWith('/__sim'));
	const jobStartedAt =
		enrowRequests.find((request) => request.method === 'POST')?.at ?? job.createdAt;
	const whilePaused = enrowRequests.filter(
		(request) => request.at > jobStartedAt && request.at < callbackAt,
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
	};
	log(`resume ${rows} rows: ${result.status}, ${result.resumeMs} ms after the callback`);
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
		try {
			const buildStarted = Date.now();
			const tarballs = buildAndPack(path.join(REPO_ROOT, '.e2e', 'bench-package'));
			const buildMs = Date.now() - buildStarted;
			simulator = await startSimulator({
				config: {
					enrow: { jobDurationMs: { single: PAUSE_MS, bulkBase: PAUSE_MS, bulkPerRow: 0 } },
				},
			});
			const n8n = await N8nInstance.create({ tarballs, name: 'bench' });
			await n8n.importCredentials([
				{ ...CREDENTIAL, type: 'enrowApi', data: { apiKey: ENROW_KEY, baseUrl: simulator.url } },
			]);
			const flow = workflow();
			await n8n.importWorkflow(flow);
			const n8nStartMs = await n8n.start();
			// Published through the API while the server runs: no extra n8n CLI process.
			await n8n.publishWorkflow(flow.id);
			const seen: Array<string | number> = [];
			const cases: ResumeCase[] = [];
			for (const rows of RESUME_SIZES) {
				for (let round = 0; round < RESUME_REPEATS; round++) {
					cases.push(await measureCase(n8n, simulator, flow, rows, seen));
				}
			}
			return { measured: true, cases, n8nStartMs, buildMs };
		} finally {
			await disposeAllN8nInstances();
			await simulator?.close();
		}
	});
