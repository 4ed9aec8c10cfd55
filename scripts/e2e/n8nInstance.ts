/**
 * One real n8n 2.41.1 with this package installed as a community package, for end-to-end tests.
 *
 *   const n8n = await N8nInstance.create({ tarball });      // temp user folder + the package
 *   await n8n.importCredentials([...]); await n8n.importWorkflow(workflow);
 *   const run = await n8n.executeWorkflow(workflow.id);     // `n8n execute`: one run, JSON out
 *
 *   await n8n.importAndPublishWorkflow(webhookWorkflow);    // before or after start()
 *   await n8n.start();                                      // `n8n start`: webhooks, waiting executions
 *   await n8n.api.callWebhook('path', { body });
 *   const execution = await n8n.api.waitForExecution({ workflowId, status: 'waiting' });
 *   await n8n.restart();                                    // same folder, port and encryption key
 *
 * Everything listens on 127.0.0.1. Call `disposeAllN8nInstances()` in afterAll.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ensureN8nInstalled, type N8nInstall } from './installN8n';
import { N8nApi, type OwnerAccount } from './n8nApi';
import { envWithoutNpmConfig, installPackageIntoUserFolder } from './packPackage';
import {
	freePort,
	runTracked,
	sleep,
	spawnTracked,
	stopAllTracked,
	tail,
	type TrackedProcess,
} from './processes';
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
	/** This package as `npm pack` made it (see packPackage.ts). */
	tarball: string;
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
}

const liveInstances = new Set<N8nInstance>();

/**
 * Stops every server and CLI run and removes every user folder this process created. Call it in
 * jest's afterAll so a failed or timed-out test leaves nothing running; a process-exit hook
 * (processes.ts) SIGKILLs whatever is still alive as a last resort.
 */
export async function disposeAllN8nInstances(): Promise<void> {
	await stopAllTracked();
	await Promise.all([...liveInstances].map(async (instance) => await instance.dispose()));
}

export class N8nInstance {
	/** Output of every n8n command and server run of this instance. */
	readonly logFile: string;
	/** Webhooks, resume URLs and the public API (executions); the API key exists once started. */
	readonly api: N8nApi;
	private server?: TrackedProcess;
	private importCount = 0;

	private constructor(
		readonly install: N8nInstall,
		readonly userFolder: string,
		/** Fixed for the instance's life: WEBHOOK_URL, and so resume URLs, must survive restarts. */
		readonly port: number,
		readonly encryptionKey: string,
		owner?: OwnerAccount,
		/** False for a folder the caller passed in: dispose() leaves it in place. */
		private readonly ownsUserFolder = true,
	) {
		this.logFile = path.join(userFolder, 'n8n.log');
		this.api = new N8nApi(this.baseUrl, owner);
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
		try {
			installPackageIntoUserFolder(options.tarball, userFolder);
		} catch (error) {
			if (ownsUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
			throw error;
		}
		const encryptionKey = options.encryptionKey ?? randomBytes(24).toString('hex');
		return new N8nInstance(
			install,
			userFolder,
			options.port ?? (await freePort()),
			encryptionKey,
			options.owner,
			ownsUserFolder,
		);
	}

	/** `http://127.0.0.1:<port>/`, also n8n's WEBHOOK_URL. */
	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}/`;
	}

	get isRunning(): boolean {
		return this.server !== undefined;
	}

	private env(brokerPort: number): NodeJS.ProcessEnv {
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
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			WEBHOOK_URL: this.baseUrl,
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
		};
	}

	// ---- CLI ------------------------------------------------------------------------------

	/** Runs `n8n <args>` to completion. The server may be running: both use the same SQLite file. */
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

	async importCredentials(credentials: CredentialFixture[]): Promise<void> {
		const file = this.writeImportFile('credentials', credentials);
		await this.cliOrThrow(['import:credentials', `--input=${file}`]);
	}

	/** Imports (or overwrites) a workflow, unpublished. Returns its id. */
	async importWorkflow(workflow: WorkflowFixture): Promise<string> {
		const file = this.writeImportFile('workflow', { active: false, settings: {}, ...workflow });
		await this.cliOrThrow(['import:workflow', `--input=${file}`]);
		return workflow.id;
	}

	/**
	 * Publishes (activates) a workflow so its trigger listens. While the server runs this goes
	 * through the public API: `n8n publish:workflow` only writes the database, and a running n8n
	 * would not register the workflow's webhooks until restarted.
	 */
	async publishWorkflow(workflowId: string): Promise<void> {
		if (this.server) await this.api.publishWorkflow(workflowId);
		else await this.cliOrThrow(['publish:workflow', `--id=${workflowId}`]);
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

	/** `n8n start`; resolves once the REST API answers and the API key exists. Returns the ms taken. */
	async start(timeoutMs = 180_000): Promise<number> {
		if (this.server) throw new Error('n8n is already running');
		const started = Date.now();
		fs.appendFileSync(this.logFile, '\n===== n8n start =====\n');
		const server = spawnTracked(this.install.nodeBin, [this.install.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: this.env(await freePort()),
			logFile: this.logFile,
		});
		this.server = server;
		try {
			await this.waitUntilReady(server, started + timeoutMs);
			await this.api.signInAsOwner();
		} catch (error) {
			await this.stop();
			throw new Error(`${(error as Error).message}\n--- n8n output ---\n${tail(server.output())}`);
		}
		return Date.now() - started;
	}

	/** SIGTERM, then SIGKILL after `graceMs`. Waiting executions stay in the database. */
	async stop(graceMs = 20_000): Promise<void> {
		const server = this.server;
		this.server = undefined;
		await server?.stop(graceMs);
	}

	/** Stops and starts again on the same user folder, port and encryption key. Returns start ms. */
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

	/** Everything n8n printed for this instance so far, for assertion messages. */
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
