/**
 * The API simulator in a process of its own (`simulator/cli.ts --port 0 --quiet`), driven through
 * its control API, so the CPU and memory it spends are not counted as the node's.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';

import type { SimulatorConfigPatch, SimulatorStats } from '../../simulator';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface SimulatorProcess {
	url: string;
	pid: number;
	configure(patch: SimulatorConfigPatch): Promise<void>;
	reset(): Promise<void>;
	stats(): Promise<SimulatorStats>;
	close(): Promise<void>;
}

/**
 * One control-API request. Retried twice: between runs a keep-alive connection can sit idle past
 * the server's keep-alive timeout, and a request sent as the server closes it fails ("fetch
 * failed"); every control request is safe to repeat.
 */
export async function control(
	url: string,
	method: 'GET' | 'POST',
	route: string,
	body?: unknown,
): Promise<unknown> {
	for (let attempt = 1; ; attempt++) {
		try {
			const response = await fetch(`${url}/__sim/${route}`, {
				method,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			if (!response.ok) throw new Error(`simulator ${method} ${route}: ${response.status}`);
			return (await response.json()) as unknown;
		} catch (error) {
			if (attempt >= 3) throw error;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
}

export async function startSimulatorProcess(
	config: SimulatorConfigPatch = {},
): Promise<SimulatorProcess> {
	const child: ChildProcess = spawn(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', 'simulator/cli.ts', '--port', '0', '--quiet'],
		{
			cwd: REPO_ROOT,
			env: { ...process.env, SIMULATOR_CONFIG: JSON.stringify(config) },
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let output = '';
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`simulator did not start:\n${output}`)),
			60_000,
		);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`simulator exited (${code}):\n${output}`));
		});
	});
	let closing = false;
	child.once('exit', (code, signal) => {
		if (!closing)
			process.stderr.write(
				`simulator process exited (${code ?? signal}):\n${output.slice(-2000)}\n`,
			);
	});
	return {
		url,
		pid: child.pid!,
		configure: async (patch) => void (await control(url, 'POST', 'config', patch)),
		reset: async () => void (await control(url, 'POST', 'reset')),
		stats: async () => (await control(url, 'GET', 'stats')) as SimulatorStats,
		close: async () => {
			closing = true;
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}
