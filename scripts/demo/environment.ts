/**
 * What `npm run demo`, `npm run dev` and the browser check share: the reference n8n (installed on
 * first use, with progress), both packages built and packed, the API simulator with a realistic
 * outcome mix, and an `n8n start` with the example workflows and their credentials imported.
 *
 * Built on the end-to-end library in scripts/e2e (install, pack, user folder, REST API).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

import { startSimulator, type Simulator, type SimulatorConfigPatch } from '../../simulator';
import {
	ensureN8nInstalled,
	isN8nInstalled,
	n8nCacheDir,
	N8N_VERSION,
	type N8nInstall,
} from '../e2e/installN8n';
import type { OwnerAccount } from '../e2e/n8nApi';
import { N8nInstance, type CredentialFixture, type WorkflowFixture } from '../e2e/n8nInstance';
import { buildAndPack, PACKAGES, REPO_ROOT } from '../e2e/packPackage';

export { REPO_ROOT };
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
export const SAMPLE_LEADS_CSV = path.join(EXAMPLES_DIR, 'data', 'leads.csv');
/** Local, gitignored state of `npm run dev` and the packed packages. */
export const DEV_DIR = path.join(REPO_ROOT, '.dev');

/** The example workflows, by the id each file carries. */
export const EXAMPLES = {
	enrichLeads: { id: 'enrichCrmLeads01', file: 'enrich-crm-leads.json' },
	bulkWithTrigger: { id: 'bulkJobTrigger01', file: 'bulk-search-with-trigger.json' },
	verifySignup: { id: 'verifySignup0001', file: 'verify-signup-email.json' },
	noPayingTwice: { id: 'enrichNoTwice001', file: 'enrich-without-paying-twice.json' },
	aiTools: { id: 'enrowMcpTools001', file: 'enrow-tools-for-ai-agents.json' },
} as const;

/** The credential ids and names the example workflows refer to. */
export const EXAMPLE_CREDENTIALS = {
	enrow: { id: 'enrowAccount0001', name: 'Enrow account', type: 'enrowApi' },
	vec: { id: 'vecAccount000001', name: 'ValidEmailChecker account', type: 'validEmailCheckerApi' },
	/** n8n's own Bearer Auth credential, which protects example (e)'s MCP Server Trigger. */
	mcpToken: { id: 'mcpServerToken01', name: 'MCP server token', type: 'httpBearerAuth' },
} as const;

/** The Bearer token of example (e)'s MCP server in `npm run dev` (n8n listens on 127.0.0.1 only). */
export const DEMO_MCP_TOKEN = 'enrow-dev-mcp-token';

/** Node names in example (a) that the demo and the checks read. */
export const ENRICH_NODES = {
	sample: 'Sample leads',
	find: 'Find emails (Enrow, bulk)',
	verify: 'Verify found emails (Enrow, bulk)',
	secondOpinion: 'Second opinion (ValidEmailChecker)',
	table: 'Clean table',
} as const;

/** The owner `npm run dev` and the demo create; fine to print: n8n listens on 127.0.0.1 only. */
export const DEMO_OWNER: OwnerAccount = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Enrow-demo-1',
};

/**
 * The simulator as a realistic run sees it: 15% of searches find nothing, 12% of found addresses
 * fail Enrow's verifier (the doubtful ones), and ValidEmailChecker's verdicts on those vary.
 */
export const DEMO_SIMULATOR_CONFIG: SimulatorConfigPatch = {
	enrow: { finderMissPercent: 15, verifierInvalidPercent: 12 },
	vec: {
		statusMixPercent: { invalid: 25, unknown: 5, catch_all: 25, risky: 10 },
		latencyMs: { min: 300, max: 1200 },
	},
};

export type ExampleKey = keyof typeof EXAMPLES;

interface ExampleNode {
	name: string;
	type: string;
	disabled?: boolean;
	/** Settings → On Error, e.g. `continueErrorOutput`. */
	onError?: string;
	webhookId?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

export type ExampleWorkflow = Omit<WorkflowFixture, 'nodes'> & { nodes: ExampleNode[] };

export function loadExample(key: ExampleKey): ExampleWorkflow {
	const file = path.join(EXAMPLES_DIR, EXAMPLES[key].file);
	return JSON.parse(fs.readFileSync(file, 'utf8')) as ExampleWorkflow;
}

/** Where the Enrow node sends its requests: the simulator, or the real APIs with the user's keys. */
export interface ApiTarget {
	enrow: { apiKey: string; baseUrl?: string };
	/** Absent: no ValidEmailChecker key (real mode); example (a) then runs without a second opinion. */
	vec?: { apiKey: string; baseUrl?: string };
	/** Added to the credential names in n8n, e.g. "(simulator)". */
	label?: string;
	/** The Bearer token example (e)'s MCP server accepts (default DEMO_MCP_TOKEN). */
	mcpToken?: string;
}

export function simulatorTarget(simulator: Simulator): ApiTarget {
	return {
		enrow: { apiKey: 'sim-enrow-key', baseUrl: simulator.url },
		vec: { apiKey: 'sim-vec-key', baseUrl: simulator.url },
		label: '(simulator)',
	};
}

export function exampleCredentials(target: ApiTarget): CredentialFixture[] {
	const name = (base: string) => (target.label ? `${base} ${target.label}` : base);
	const credentials: CredentialFixture[] = [
		{
			...EXAMPLE_CREDENTIALS.enrow,
			name: name(EXAMPLE_CREDENTIALS.enrow.name),
			data: {
				apiKey: target.enrow.apiKey,
				baseUrl: target.enrow.baseUrl ?? 'https://api.enrow.io',
			},
		},
	];
	if (target.vec) {
		credentials.push({
			...EXAMPLE_CREDENTIALS.vec,
			name: name(EXAMPLE_CREDENTIALS.vec.name),
			data: {
				apiKey: target.vec.apiKey,
				baseUrl: target.vec.baseUrl ?? 'https://app.validemailchecker.com',
			},
		});
	}
	credentials.push({
		...EXAMPLE_CREDENTIALS.mcpToken,
		name: name(EXAMPLE_CREDENTIALS.mcpToken.name),
		data: { token: target.mcpToken ?? DEMO_MCP_TOKEN },
	});
	return credentials;
}

export interface Lead {
	name: string;
	company: string;
	domain: string;
}

/**
 * Example (a) as the demo imports it: its "Sample leads" node holds `leads` instead of the nine
 * samples (the only change), and without a ValidEmailChecker key that node is disabled (doubtful
 * addresses then pass through and end up "invalid", as Enrow's verifier said).
 */
export function enrichLeadsWorkflow(target: ApiTarget, leads?: Lead[]): ExampleWorkflow {
	const workflow = loadExample('enrichLeads');
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-validemailchecker.validEmailChecker' && !target.vec)
			node.disabled = true;
		if (node.name === ENRICH_NODES.sample && leads) {
			node.parameters.jsonOutput = JSON.stringify({ leads }, null, 2);
		}
	}
	return workflow;
}

export type Log = (line: string) => void;

function formatDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** "12.3 s", or "13 min 35 s" from two minutes on. */
export function seconds(ms: number): string {
	return ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : formatDuration(ms);
}

function freeDiskGb(dir: string): number | undefined {
	try {
		let existing = dir;
		while (!fs.existsSync(existing)) existing = path.dirname(existing);
		const stats = fs.statfsSync(existing);
		return (stats.bavail * stats.bsize) / 1024 ** 3;
	} catch {
		return undefined;
	}
}

/**
 * The reference n8n. The first time, installs it (3-10 minutes, about 3 GB, into a cache outside
 * the repository) in a child process so that progress can be reported while it runs.
 */
export async function prepareN8n(log: Log): Promise<N8nInstall> {
	if (isN8nInstalled()) return ensureN8nInstalled(log);
	const cacheDir = n8nCacheDir();
	log(
		`First run: the reference n8n ${N8N_VERSION} (with the Node 24 it needs) is not installed yet.\n` +
			`  Installing it once into ${cacheDir}: usually 5 to 15 minutes, about 3 GB of disk.\n` +
			'  Later runs find it there and start in seconds.',
	);
	const free = freeDiskGb(cacheDir);
	if (free !== undefined && free < 4) {
		log(
			`  Warning: only ${free.toFixed(1)} GB free on the cache's disk; the install needs about 3 GB.`,
		);
	}
	const started = Date.now();
	const heartbeat = setInterval(
		() => log(`... still installing n8n (${formatDuration(Date.now() - started)} so far)`),
		60_000,
	);
	try {
		await new Promise<void>((resolve, reject) => {
			const child = spawn(
				process.execPath,
				[
					'-r',
					'ts-node/register/transpile-only',
					path.join(__dirname, '..', 'e2e', 'installN8n.ts'),
				],
				{ cwd: REPO_ROOT, stdio: 'inherit' },
			);
			child.on('error', reject);
			child.on('exit', (code, signal) =>
				code === 0
					? resolve()
					: reject(
							new Error(`Installing n8n failed (exit ${code ?? signal}); see the output above.`),
						),
			);
		});
	} finally {
		clearInterval(heartbeat);
	}
	return ensureN8nInstalled(log);
}

/** `npm run build` + `npm pack` of both packages into .dev/package/<pid> (removed on exit).
 *  Returns the tarballs. */
export function buildPackages(): string[] {
	const outDir = path.join(DEV_DIR, 'package', String(process.pid));
	fs.rmSync(outDir, { recursive: true, force: true });
	process.once('exit', () => fs.rmSync(outDir, { recursive: true, force: true }));
	return buildAndPack(outDir);
}

/** The simulator, on `port` when it is free (else any free port), with the demo's outcome mix. */
export async function startDemoSimulator(
	options: { port?: number; config?: SimulatorConfigPatch } = {},
): Promise<Simulator> {
	const port = options.port !== undefined && (await isPortFree(options.port)) ? options.port : 0;
	return await startSimulator({ port, config: options.config ?? DEMO_SIMULATOR_CONFIG });
}

export async function isPortFree(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** The Enrow Trigger's production URL in example (b): `<n8n>/webhook/<webhookId>/webhook`. */
export function enrowTriggerUrl(n8n: N8nInstance, workflow: ExampleWorkflow): string {
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-enrow.enrowTrigger');
	if (!trigger?.webhookId)
		throw new Error(`${workflow.name} has no Enrow Trigger with a webhookId`);
	return n8n.api.webhookUrl(`${trigger.webhookId}/webhook`);
}

export interface BootOptions {
	/** n8n-nodes-enrow and n8n-nodes-validemailchecker, as buildPackages() packed them. */
	tarballs: readonly string[];
	install: N8nInstall;
	target: ApiTarget;
	/** Which examples to import; each is published (its triggers listen) unless `publish: false`. */
	examples: Array<{ key: ExampleKey; workflow?: ExampleWorkflow; publish?: boolean }>;
	userFolder?: string;
	port?: number;
	encryptionKey?: string;
	name?: string;
	/** Start `n8n start` (default). False: imports only, for `n8n execute` runs. */
	start?: boolean;
}

/**
 * An n8n with both packages, the credentials and the examples in place, started unless
 * `start: false`. Imports take two n8n CLI runs (credentials, then every workflow at once);
 * publishing goes through the API once the server runs, which registers the webhooks at once.
 */
export async function bootN8n(
	options: BootOptions,
): Promise<{ n8n: N8nInstance; startMs: number }> {
	if (options.userFolder) {
		// A kept user folder: replace the previously installed copies of the packages entirely.
		for (const { name } of PACKAGES) {
			fs.rmSync(path.join(options.userFolder, '.n8n', 'nodes', 'node_modules', name), {
				recursive: true,
				force: true,
			});
		}
	}
	const n8n = await N8nInstance.create({
		tarballs: options.tarballs,
		install: options.install,
		name: options.name ?? 'demo',
		userFolder: options.userFolder,
		port: options.port,
		encryptionKey: options.encryptionKey,
		owner: DEMO_OWNER,
	});
	try {
		await n8n.importCredentials(exampleCredentials(options.target));
		const dir = path.join(n8n.userFolder, 'import', 'examples');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		const workflows = options.examples.map((example) => ({
			...example,
			workflow: example.workflow ?? loadExample(example.key),
		}));
		for (const { workflow } of workflows) {
			fs.writeFileSync(
				path.join(dir, `${workflow.id}.json`),
				JSON.stringify({ ...workflow, active: false }, null, 2),
			);
		}
		const imported = await n8n.cli(['import:workflow', '--separate', `--input=${dir}`]);
		if (imported.code !== 0) {
			throw new Error(
				`n8n import:workflow failed (exit ${imported.code}):\n${imported.output.slice(-2000)}`,
			);
		}
		if (options.start === false) return { n8n, startMs: 0 };
		const startMs = await n8n.start();
		for (const { workflow, publish } of workflows) {
			if (publish !== false) await n8n.publishWorkflow(workflow.id);
		}
		return { n8n, startMs };
	} catch (error) {
		await n8n.dispose();
		throw error;
	}
}

export interface DevEnvironment {
	n8n: N8nInstance;
	simulator: Simulator;
	startMs: number;
	/** Example (b)'s Enrow Trigger's production URL, which its Enrow node sends as the job's webhook. */
	triggerUrl: string;
	stop(): Promise<void>;
}

/**
 * What `npm run dev` leaves running (and the browser check uses): the simulator, n8n with both
 * packages, the owner, the simulator credentials and every example imported and published.
 */
export async function startDevEnvironment(options: {
	tarballs: readonly string[];
	install: N8nInstall;
	userFolder?: string;
	port?: number;
	simulatorPort?: number;
	encryptionKey?: string;
}): Promise<DevEnvironment> {
	const simulator = await startDemoSimulator({ port: options.simulatorPort });
	try {
		const { n8n, startMs } = await bootN8n({
			tarballs: options.tarballs,
			install: options.install,
			target: simulatorTarget(simulator),
			examples: [
				{ key: 'enrichLeads' },
				{ key: 'bulkWithTrigger' },
				{ key: 'verifySignup' },
				{ key: 'noPayingTwice' },
				{ key: 'aiTools' },
			],
			userFolder: options.userFolder,
			port: options.port,
			encryptionKey: options.encryptionKey,
			name: 'dev',
		});
		// No dashboard webhook: (b)'s Enrow node sends its trigger's URL with the job (Options →
		// Webhook URL), so only (b)'s jobs start its trigger, as in the user's n8n.
		const triggerUrl = enrowTriggerUrl(n8n, loadExample('bulkWithTrigger'));
		return {
			n8n,
			simulator,
			startMs,
			triggerUrl,
			stop: async () => {
				await n8n.stop();
				await simulator.close();
			},
		};
	} catch (error) {
		await simulator.close();
		throw error;
	}
}
