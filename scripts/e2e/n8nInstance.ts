/**
 * One real n8n (the reference 2.41.1, or another installed version: `install` option) with this
 * repository's packages installed as community packages, for end-to-end tests. What differs
 * between n8n versions is in n8nVersions.ts.
 *
 *   const n8n = await N8nInstance.create({ tarballs });     // temp user folder + the packages
 *   await n8n.importCredentials([...]); await n8n.importWorkflow(workflow);
 *   const run = await n8n.executeWorkflow(workflow.id);     // `n8n execute`: one run, JSON out
 *
 *   await n8n.importAndPublishWorkflow(webhookWorkflow);    // before or after start()
 *   await n8n.start();                                      // `n8n start`: webhooks, waiting executions
 *   await n8n.api.callWebhook('path', { body });
 *   const execution = await n8n.api.waitForExecution({ workflowId, status: 'waiting' });
 *   await n8n.restart();                                    // same folder, port and encryption key
 *
 * Queue mode (the way users scale n8n out), with the `queue` option:
 *
 *   const services = await startQueueServices();            // queueServices.ts: Redis + PostgreSQL
 *   const n8n = await N8nInstance.create({ tarballs, queue: { services } });
 *   await n8n.start();       // `n8n start` (main), `n8n worker` and `n8n webhook` together
 *   // { services, workers: 3 }: three `n8n worker` processes taking executions from one queue
 *
 * All processes share the encryption key, Redis and the PostgreSQL database; each has its own
 * user folder with the packages installed (a shared folder would share n8n's crash journal, and
 * a process that finds another's journal takes it for a crash and sleeps 10 s), its own log and
 * its own task-runner broker port; each worker its own health port. Production executions run on
 * the workers (whichever takes the job from Redis). With the webhook
 * processor (default), WEBHOOK_URL points at it, as a load balancer in front of a scaled n8n
 * sends /webhook/ and /webhook-waiting/ to webhook processors: production webhook calls and
 * resume URLs reach it, and the main process serves none
 * (N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true). `restart()` restarts all of them.
 *
 * Everything listens on 127.0.0.1. Call `disposeAllN8nInstances()` in afterAll.
 */
import { randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ensureN8nInstalled, type N8nInstall } from './installN8n';
import { N8nApi, type OwnerAccount } from './n8nApi';
import { traitsOf, type N8nVersionTraits } from './n8nVersions';
import { envWithoutNpmConfig, installPackagesIntoUserFolder } from './packPackage';
import {
	freePort,
	runTracked,
	sleep,
	spawnTracked,
	stopAllTracked,
	tail,
	type TrackedProcess,
} from './processes';
import { queueModeEnv, type QueueServiceEndpoints } from './queueServices';
import { extractRunJson, type ExecutionRun } from './runData';

export interface CredentialFixture {
	id: string;
	name: string;
	type: string;
	/** Plain values; `n8n import:credentials` encrypts them with the instance's key. */
	data: Record<string, unknown>;
}

export interface WorkflowFixture {
	/** `n8n import:workflow` and `n8n execute --id` need a fixed id. */
	id: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface N8nInstanceOptions {
	/** The packages as `npm pack` made them (buildAndPack in packPackage.ts), installed in this order. */
	tarballs: readonly string[];
	/** Used in the temp folder's name. */
	name?: string;
	/** Fixed for the instance's life so restarts can decrypt credentials. Random by default. */
	encryptionKey?: string;
	install?: N8nInstall;
	/** Use (and keep) this user folder instead of a new temp one; created when missing. */
	userFolder?: string;
	/** Listen on this port instead of a free one. */
	port?: number;
	/** The owner account to create or log in with (default: the e2e owner). */
	owner?: OwnerAccount;
	/** Run in queue mode (main + worker + webhook processor). Default: one `n8n start` on SQLite. */
	queue?: QueueModeOptions;
	/** More n8n settings for every process, e.g. `{ N8N_EXPRESSION_ENGINE_POOL_SIZE: '2' }`. */
	env?: Record<string, string>;
}

export interface QueueModeOptions {
	/** Redis and PostgreSQL, e.g. from queueServices.ts `startQueueServices()`. */
	services: QueueServiceEndpoints;
	/** Also run an `n8n webhook` processor, which then serves every production webhook and
	 *  resume URL (WEBHOOK_URL points at it). Default true. */
	webhookProcessor?: boolean;
	/** `n8n worker --concurrency` of each worker (default 10, n8n's default). */
	workerConcurrency?: number;
	/** How many `n8n worker` processes (default 1). Worker 1 keeps the folder and log names of a
	 *  single worker (`worker/`, `worker.log`); worker k has `worker-k/` and `worker-k.log`. */
	workers?: number;
}

/** The n8n processes of an instance: `n8n start`, and in queue mode `n8n worker` and `n8n webhook`. */
export type N8nProcessRole = 'main' | 'worker' | 'webhook';

/** Queue-mode settings fixed for the instance's life (ports stay the same across restarts). */
interface QueueLayout {
	services: QueueServiceEndpoints;
	/** Each worker's health server (/healthz/readiness), on 127.0.0.1: worker 1's first. */
	workerHealthPorts: number[];
	/** The webhook processor's port, when there is one. */
	webhookPort?: number;
	workerConcurrency: number;
}

const liveInstances = new Set<N8nInstance>();

/**
 * Stops every server and CLI run and removes every user folder this process created. Call it in
 * jest's afterAll so a failed or timed-out test leaves nothing running; a process-exit hook
 * (processes.ts) SIGKILLs whatever is still alive as a last resort.
 */
export async function disposeAllN8nInstances(): Promise<void> {
	// n8n first, then whatever else runs (CLI runs, and Redis/PostgreSQL of queueServices.ts,
	// which n8n processes still need while they shut down).
	await Promise.all([...liveInstances].map(async (instance) => await instance.stop()));
	await stopAllTracked();
	await Promise.all([...liveInstances].map(async (instance) => await instance.dispose()));
}

export class N8nInstance {
	/** Output of every n8n command and server run of this instance. */
	readonly logFile: string;
	/** Webhooks, resume URLs and the public API (executions); the API key exists once started. */
	readonly api: N8nApi;
	/** `n8n start`. */
	private server?: TrackedProcess;
	/** Queue mode: every `n8n worker`, and `n8n webhook`. */
	private helpers: Array<{ label: string; running: TrackedProcess }> = [];
	private importCount = 0;
	/** What differs between n8n versions (CLI commands, API routes), for `install.version`. */
	readonly traits: N8nVersionTraits;

	private constructor(
		readonly install: N8nInstall,
		readonly userFolder: string,
		/** Fixed for the instance's life: WEBHOOK_URL, and so resume URLs, must survive restarts. */
		readonly port: number,
		readonly encryptionKey: string,
		owner?: OwnerAccount,
		/** False for a folder the caller passed in: dispose() leaves it in place. */
		private readonly ownsUserFolder = true,
		/** Set in queue mode. */
		readonly queue?: QueueLayout,
		private readonly extraEnv: Record<string, string> = {},
	) {
		this.logFile = path.join(userFolder, 'n8n.log');
		this.traits = traitsOf(install.version);
		this.api = new N8nApi(this.baseUrl, owner, this.webhookBaseUrl, this.traits);
		liveInstances.add(this);
	}

	static async create(options: N8nInstanceOptions): Promise<N8nInstance> {
		const install = options.install ?? ensureN8nInstalled();
		const ownsUserFolder = options.userFolder === undefined;
		const userFolder =
			options.userFolder === undefined
				? fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${options.name ?? 'instance'}-`))
				: path.resolve(options.userFolder);
		fs.mkdirSync(userFolder, { recursive: true });
		const workers = options.queue?.workers ?? 1;
		if (!Number.isInteger(workers) || workers < 1) {
			throw new Error(`queue.workers must be a whole number of at least 1 (got ${workers})`);
		}
		const webhookProcessor = Boolean(options.queue) && options.queue?.webhookProcessor !== false;
		const processes: N8nProcessId[] = options.queue
			? [
					{ role: 'main' },
					...workerNumbers(workers).map((worker) => ({ role: 'worker' as const, worker })),
					...(webhookProcessor ? [{ role: 'webhook' as const }] : []),
				]
			: [{ role: 'main' }];
		try {
			for (const { role, worker } of processes) {
				const folder = processUserFolder(userFolder, role, worker);
				fs.mkdirSync(folder, { recursive: true });
				installPackagesIntoUserFolder(options.tarballs, folder);
			}
		} catch (error) {
			if (ownsUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
			throw error;
		}
		const encryptionKey = options.encryptionKey ?? randomBytes(24).toString('hex');
		const queue: QueueLayout | undefined = options.queue && {
			services: options.queue.services,
			workerHealthPorts: await Promise.all(
				workerNumbers(workers).map(async () => await freePort()),
			),
			webhookPort: webhookProcessor ? await freePort() : undefined,
			workerConcurrency: options.queue.workerConcurrency ?? 10,
		};
		return new N8nInstance(
			install,
			userFolder,
			options.port ?? (await freePort()),
			encryptionKey,
			options.owner,
			ownsUserFolder,
			queue,
			options.env,
		);
	}

	/** `http://127.0.0.1:<port>/`: the main process (editor, REST and public API). */
	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}/`;
	}

	/** n8n's WEBHOOK_URL, the base of production webhooks and resume URLs: `baseUrl`, or the
	 *  webhook processor's `http://127.0.0.1:<port>/` in queue mode with one. */
	get webhookBaseUrl(): string {
		return this.queue?.webhookPort ? `http://127.0.0.1:${this.queue.webhookPort}/` : this.baseUrl;
	}

	get isRunning(): boolean {
		return this.server !== undefined;
	}

	/** The processes this instance runs: main, plus worker (and webhook) in queue mode. */
	get roles(): N8nProcessRole[] {
		if (!this.queue) return ['main'];
		return ['main', 'worker', ...(this.queue.webhookPort ? ['webhook' as const] : [])];
	}

	/** How many `n8n worker` processes run (0 outside queue mode). */
	get workerCount(): number {
		return this.queue?.workerHealthPorts.length ?? 0;
	}

	/** Where a process's output goes: `n8n.log` (main and CLI runs), `worker.log` (worker 1),
	 *  `worker-<k>.log` (worker k), `webhook.log`. */
	processLogFile(role: N8nProcessRole, worker = 1): string {
		if (role === 'main') return this.logFile;
		return path.join(this.userFolder, `${processName(role, worker)}.log`);
	}

	/** Everything a process printed so far (all its runs: restarts append); `worker` picks one
	 *  of several workers (1-based, default the first). */
	processLog(role: N8nProcessRole, worker = 1): string {
		const file = this.processLogFile(role, worker);
		return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	}

	/** Every worker's log, worker 1's first. */
	workerLogs(): string[] {
		return workerNumbers(this.workerCount).map((worker) => this.processLog('worker', worker));
	}

	private env(brokerPort: number, role: N8nProcessRole = 'main', worker = 1): NodeJS.ProcessEnv {
		const env = envWithoutNpmConfig();
		// A developer's own n8n settings must not leak into the test instance, nor jest's
		// NODE_ENV=test: with it, every n8n CLI command exits 0 at once and does nothing.
		for (const key of Object.keys(env)) {
			if (
				/^(N8N_|DB_|EXECUTIONS_|QUEUE_|JEST_|WEBHOOK_URL$|GENERIC_TIMEZONE$|NODE_ENV$)/.test(key)
			) {
				delete env[key];
			}
		}
		return {
			...env,
			PATH: `${this.install.nodeBinDir}${path.delimiter}${env.PATH ?? ''}`,
			N8N_USER_FOLDER: processUserFolder(this.userFolder, role, worker),
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(role === 'webhook' ? this.queue?.webhookPort : this.port),
			WEBHOOK_URL: this.webhookBaseUrl,
			...(this.queue ? this.queueEnv(role, worker) : {}),
			// Each n8n process starts a task-runner broker; the default 5679 clashes between processes.
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
			N8N_LOG_LEVEL: process.env.N8N_E2E_LOG_LEVEL ?? 'info',
			...this.extraEnv,
		};
	}

	/** Redis + PostgreSQL for every process; each worker's health server; main without
	 *  production webhooks when a webhook processor serves them. */
	private queueEnv(role: N8nProcessRole, worker: number): Record<string, string> {
		const queue = this.queue!;
		const env = queueModeEnv(queue.services);
		if (role === 'worker') {
			Object.assign(env, {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(queue.workerHealthPorts[worker - 1]),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			});
		}
		if (queue.webhookPort) {
			if (role === 'main') env.N8N_DISABLE_PRODUCTION_MAIN_PROCESS = 'true';
			// The editor is on main; n8n would otherwise derive its URL from WEBHOOK_URL.
			env.N8N_EDITOR_BASE_URL = this.baseUrl;
		}
		return env;
	}

	// ---- CLI ------------------------------------------------------------------------------

	/** Runs `n8n <args>` to completion. The server may be running: both use the same database
	 *  (the main user folder's SQLite file, or PostgreSQL in queue mode). */
	async cli(args: string[], timeoutMs = 180_000) {
		fs.appendFileSync(this.logFile, `\n===== n8n ${args.join(' ')} =====\n`);
		return await runTracked(this.install.nodeBin, [this.install.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env(await freePort()),
			logFile: this.logFile,
			timeoutMs,
		});
	}

	private async cliOrThrow(args: string[]): Promise<void> {
		const result = await this.cli(args);
		if (result.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} exited with ${result.code}:\n${tail(result.output)}`);
		}
	}

	private writeImportFile(kind: string, content: unknown): string {
		const dir = path.join(this.userFolder, 'import');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${kind}-${++this.importCount}.json`);
		fs.writeFileSync(file, JSON.stringify(content, null, 2));
		return file;
	}

	/** A workflow as `n8n import:workflow` of this version takes it: unpublished, with settings. */
	private importable(workflow: WorkflowFixture): Record<string, unknown> {
		const versionId = this.traits.importRecordsNoVersion ? { versionId: randomUUID() } : {};
		return { active: false, settings: {}, ...versionId, ...workflow };
	}

	async importCredentials(credentials: CredentialFixture[]): Promise<void> {
		const file = this.writeImportFile('credentials', credentials);
		await this.cliOrThrow(['import:credentials', `--input=${file}`]);
	}

	/** Imports (or overwrites) a workflow, unpublished. Returns its id. */
	async importWorkflow(workflow: WorkflowFixture): Promise<string> {
		const file = this.writeImportFile('workflow', this.importable(workflow));
		await this.cliOrThrow(['import:workflow', `--input=${file}`]);
		return workflow.id;
	}

	/** Imports (or overwrites) several workflows with one `n8n import:workflow` run (each CLI run
	 *  boots n8n: seconds each), unpublished. Returns their ids. */
	async importWorkflows(workflows: WorkflowFixture[]): Promise<string[]> {
		const file = this.writeImportFile(
			'workflows',
			workflows.map((workflow) => this.importable(workflow)),
		);
		await this.cliOrThrow(['import:workflow', `--input=${file}`]);
		return workflows.map((workflow) => workflow.id);
	}

	/**
	 * Publishes (activates) a workflow so its trigger listens. While the server runs this goes
	 * through the public API: `n8n publish:workflow` only writes the database, and a running n8n
	 * would not register the workflow's webhooks until restarted.
	 */
	async publishWorkflow(workflowId: string): Promise<void> {
		if (this.server) await this.api.publishWorkflow(workflowId);
		else if (this.traits.importRecordsNoVersion) {
			throw new Error(
				`n8n ${this.install.version} cannot publish an imported workflow from the CLI (no version recorded): publish it after start()`,
			);
		} else await this.cliOrThrow(this.traits.publishCommand(workflowId));
	}

	/** Imports a workflow started by a Webhook (or other trigger) node and publishes it. */
	async importAndPublishWorkflow(workflow: WorkflowFixture): Promise<string> {
		await this.importWorkflow(workflow);
		await this.publishWorkflow(workflow.id);
		return workflow.id;
	}

	/**
	 * `n8n execute --id`: runs a Manual Trigger workflow in its own n8n process and returns the
	 * run, whether it succeeded or failed (a failed run has `data.resultData.error`).
	 */
	async executeWorkflow(workflowId: string, timeoutMs = 300_000): Promise<ExecutionRun> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs);
		const run = extractRunJson(result.stdout);
		if (!run) {
			throw new Error(
				`n8n execute --id=${workflowId} printed no run data (exit ${result.code}):\n${tail(result.output)}`,
			);
		}
		return run;
	}

	// ---- Server ---------------------------------------------------------------------------

	/**
	 * `n8n start`; resolves once the REST API answers and the API key exists. In queue mode
	 * every `n8n worker` and `n8n webhook` start at the same time (on PostgreSQL n8n runs
	 * migrations under an advisory lock and seeds shared secrets race-free, so the order does not
	 * matter) and this resolves once their /healthz/readiness answers too. Returns the ms taken.
	 */
	async start(timeoutMs = 180_000): Promise<number> {
		if (this.server) throw new Error('n8n is already running');
		const started = Date.now();
		const deadline = started + timeoutMs;
		const server = await this.spawnProcess('main', ['start']);
		this.server = server;
		try {
			const ready: Array<Promise<void>> = [
				this.waitUntilReady(server, deadline).then(async () => await this.api.signInAsOwner()),
			];
			if (this.queue) {
				for (const [index, healthPort] of this.queue.workerHealthPorts.entries()) {
					const label = processName('worker', index + 1);
					const worker = await this.spawnProcess(
						'worker',
						['worker', `--concurrency=${this.queue.workerConcurrency}`],
						index + 1,
					);
					this.helpers.push({ label, running: worker });
					ready.push(
						waitForReadiness(
							`n8n ${label}`,
							worker,
							`http://127.0.0.1:${healthPort}/healthz/readiness`,
							deadline,
						),
					);
				}
				if (this.queue.webhookPort) {
					const webhook = await this.spawnProcess('webhook', ['webhook']);
					this.helpers.push({ label: 'webhook', running: webhook });
					ready.push(
						waitForReadiness(
							'n8n webhook',
							webhook,
							`${this.webhookBaseUrl}healthz/readiness`,
							deadline,
						),
					);
				}
			}
			await Promise.all(ready);
		} catch (error) {
			const outputs = [
				`--- n8n start output ---\n${tail(server.output())}`,
				...this.helpers.map(
					({ label, running }) => `--- n8n ${label} output ---\n${tail(running.output())}`,
				),
			];
			await this.stop();
			throw new Error(`${(error as Error).message}\n${outputs.join('\n')}`);
		}
		return Date.now() - started;
	}

	private async spawnProcess(
		role: N8nProcessRole,
		args: string[],
		worker = 1,
	): Promise<TrackedProcess> {
		const logFile = this.processLogFile(role, worker);
		fs.appendFileSync(
			logFile,
			`\n===== n8n ${args.join(' ')} (${new Date().toISOString()}) =====\n`,
		);
		return spawnTracked(this.install.nodeBin, [this.install.n8nBin, ...args], {
			cwd: processUserFolder(this.userFolder, role, worker),
			env: this.env(await freePort(), role, worker),
			logFile,
		});
	}

	/** SIGTERM to every process, then SIGKILL after `graceMs`. Waiting executions stay in the database. */
	async stop(graceMs = 20_000): Promise<void> {
		const processes = [this.server, ...this.helpers.map((helper) => helper.running)];
		this.server = undefined;
		this.helpers = [];
		await Promise.all(processes.map(async (running) => await running?.stop(graceMs)));
	}

	/** Stops and starts again (all processes) on the same user folders, ports and encryption key.
	 *  Returns start ms. */
	async restart(): Promise<number> {
		await this.stop();
		return await this.start();
	}

	/** Stops the server and removes the user folder (kept when N8N_E2E_KEEP=1, for debugging,
	 *  and when the caller passed it in as `userFolder`). */
	async dispose(): Promise<void> {
		liveInstances.delete(this);
		await this.stop();
		if (!this.ownsUserFolder) return;
		if (process.env.N8N_E2E_KEEP === '1') {
			process.stderr.write(`[e2e] kept n8n user folder ${this.userFolder}\n`);
		} else {
			fs.rmSync(this.userFolder, { recursive: true, force: true });
		}
	}

	/** Everything the main process and CLI runs printed so far, for assertion messages
	 *  (`processLog()` for the worker and webhook processor). */
	log(): string {
		return fs.readFileSync(this.logFile, 'utf8');
	}

	private async waitUntilReady(server: TrackedProcess, deadline: number): Promise<void> {
		let exited = false;
		void server.exited.then(() => (exited = true));
		for (;;) {
			if (exited) throw new Error('n8n start exited before it was ready');
			if (Date.now() > deadline) throw new Error('n8n start was not ready in time');
			// /healthz/readiness turns 200 once the database is migrated; the REST routes come a
			// little later (503 "n8n is starting up" until then), so wait for a REST answer too.
			const ready = await this.api.request('GET', 'healthz/readiness').catch(() => undefined);
			if (ready?.status === 200) {
				const settings = await this.api.request('GET', 'rest/settings').catch(() => undefined);
				if (settings?.status === 200 && typeof settings.body === 'object') return;
			}
			await sleep(250);
		}
	}
}

/** One n8n process of an instance: its role, and for a worker which one (1-based). */
interface N8nProcessId {
	role: N8nProcessRole;
	worker?: number;
}

/** 1, 2, … count. */
function workerNumbers(count: number): number[] {
	return Array.from({ length: count }, (_, index) => index + 1);
}

/** `worker` (worker 1: the names of a single worker stay), `worker-<k>`, `webhook`, `main`. */
function processName(role: N8nProcessRole, worker = 1): string {
	return role === 'worker' && worker > 1 ? `worker-${worker}` : role;
}

/** The main process uses the instance's user folder; each worker and the webhook processor get
 *  their own folder inside it (`worker/`, `worker-2/`…, `webhook/`). */
function processUserFolder(userFolder: string, role: N8nProcessRole, worker = 1): string {
	return role === 'main' ? userFolder : path.join(userFolder, processName(role, worker));
}

/** Polls `url` until it answers 200 (n8n's /healthz/readiness: database and Redis connected). */
async function waitForReadiness(
	label: string,
	running: TrackedProcess,
	url: string,
	deadline: number,
): Promise<void> {
	let exited = false;
	void running.exited.then(() => (exited = true));
	for (;;) {
		if (exited) throw new Error(`${label} exited before it was ready`);
		if (Date.now() > deadline) throw new Error(`${label} was not ready in time`);
		const status = await fetch(url, { signal: AbortSignal.timeout(5_000) })
			.then((response) => response.status)
			.catch(() => 0);
		if (status === 200) return;
		await sleep(250);
	}
}
