/**
 * Child processes for the end-to-end tests. Every process runs in its own process group, so n8n
 * and the task runners it spawns stop together. Nothing may outlive the test run, however it
 * ends: afterAll stops processes (disposeAllN8nInstances), a process-exit hook SIGKILLs what is
 * left, and for the ends no hook sees (jest interrupted or killed) a small watchdog process per
 * group SIGKILLs the group once the test process is gone.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';

const liveGroups = new Set<number>();
const liveProcesses = new Set<TrackedProcess>();
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
	});
}

/** Checks every second: owner gone => SIGKILL the group; group gone => quit. */
const WATCHDOG = `
const [owner, group] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
setInterval(() => {
	if (!alive(-group)) process.exit(0);
	if (!alive(owner)) { try { process.kill(-group, 'SIGKILL'); } catch {} process.exit(0); }
}, 1000);
`;

function startWatchdog(group: number): void {
	const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(group)], {
		detached: true,
		stdio: 'ignore',
	});
	watchdog.unref();
}

export interface TrackedProcess {
	child: ChildProcess;
	/** Everything the process printed so far (stdout and stderr interleaved). */
	output(): string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** SIGTERM (or the `stopSignal` given) to the whole group, then SIGKILL after `graceMs`. Resolves once it has exited. */
	stop(graceMs?: number): Promise<void>;
}

export interface TrackedSpawnOptions extends SpawnOptions {
	logFile: string;
	/** What `stop()` sends first (default SIGTERM); SIGKILL to the group follows after the grace time. */
	stopSignal?: NodeJS.Signals;
	/** Send `stopSignal` to the group leader only, not the whole group (PostgreSQL: SIGINT to the
	 *  postmaster is a fast shutdown; its helper processes must not get it). */
	stopLeaderOnly?: boolean;
}

/** Starts `command` in a new process group; its output goes to `logFile` (appended) and memory. */
export function spawnTracked(
	command: string,
	args: string[],
	options: TrackedSpawnOptions,
): TrackedProcess {
	installExitHook();
	const { logFile, stopSignal = 'SIGTERM', stopLeaderOnly = false, ...spawnOptions } = options;
	const child = spawn(command, args, {
		...spawnOptions,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error(`Could not start ${command}`);
	liveGroups.add(pid);
	startWatchdog(pid);
	const log = fs.createWriteStream(logFile, { flags: 'a' });
	const chunks: string[] = [];
	const record = (chunk: Buffer) => {
		chunks.push(chunk.toString());
		log.write(chunk);
	};
	child.stdout?.on('data', record);
	child.stderr?.on('data', record);
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
		child.on('close', (code, signal) => {
			liveGroups.delete(pid);
			liveProcesses.delete(tracked);
			// Task runners and other helpers n8n started leave with it.
			killGroup(pid, 'SIGKILL');
			log.end();
			resolve({ code, signal });
		});
	});
	const tracked: TrackedProcess = {
		child,
		output: () => chunks.join(''),
		exited,
		stop: async (graceMs = 20_000) => {
			if (!liveGroups.has(pid)) return void (await exited);
			if (stopLeaderOnly) {
				try {
					process.kill(pid, stopSignal);
				} catch {
					// Already gone.
				}
			} else {
				killGroup(pid, stopSignal);
			}
			const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		},
	};
	liveProcesses.add(tracked);
	return tracked;
}

/** Stops every process started here that is still running (servers and CLI runs alike). */
export async function stopAllTracked(graceMs = 10_000): Promise<void> {
	await Promise.all([...liveProcesses].map(async (tracked) => await tracked.stop(graceMs)));
}

export interface CommandResult {
	code: number | null;
	stdout: string;
	output: string;
}

/** Runs a command to completion (killed after `timeoutMs`). stdout is kept apart for parsing. */
export async function runTracked(
	command: string,
	args: string[],
	options: TrackedSpawnOptions & { timeoutMs: number },
): Promise<CommandResult> {
	const { timeoutMs, ...rest } = options;
	const tracked = spawnTracked(command, args, rest);
	const stdout: string[] = [];
	tracked.child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
	const timer = setTimeout(() => void tracked.stop(5_000), timeoutMs);
	const { code, signal } = await tracked.exited;
	clearTimeout(timer);
	if (signal) {
		throw new Error(
			`${command} ${args.join(' ')} was stopped (${signal}; time limit ${timeoutMs} ms):\n${tail(tracked.output())}`,
		);
	}
	return { code, stdout: stdout.join(''), output: tracked.output() };
}

const portsHandedOut = new Set<number>();

/** A free TCP port on 127.0.0.1, never the same twice in this process. */
export async function freePort(): Promise<number> {
	for (;;) {
		const port = await new Promise<number>((resolve, reject) => {
			const server = net.createServer();
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const address = server.address();
				server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
			});
		});
		if (!portsHandedOut.has(port)) {
			portsHandedOut.add(port);
			return port;
		}
	}
}

export function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}

export const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
