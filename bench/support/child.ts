/**
 * Benchmark cases run in child processes: each has its own heap, CPU clock and event loop, and
 * two cores can work on two cases at once. A case is an exported async function of a bench
 * module, called with JSON arguments; what it returns comes back by IPC:
 *
 *   const runs = await inChild<Run[]>('sections/vecThroughput', 'vecCases');
 */
import { fork } from 'child_process';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface ChildOptions {
	/** Extra Node flags, e.g. ['--expose-gc']. */
	nodeFlags?: string[];
	env?: NodeJS.ProcessEnv;
	/** Kill the child after this long (default 5 minutes). */
	timeoutMs?: number;
	label?: string;
}

type Message = { ok: true; result: unknown } | { ok: false; error: string };
type Case = (...args: unknown[]) => Promise<unknown>;

/** Runs export `name` of `bench/<module>.ts` in a fresh Node process. */
export async function inChild<T>(
	module: string,
	name: string,
	args: unknown[] = [],
	options: ChildOptions = {},
): Promise<T> {
	const child = fork(__filename, [module, name, JSON.stringify(args)], {
		cwd: REPO_ROOT,
		execArgv: ['-r', 'ts-node/register/transpile-only', ...(options.nodeFlags ?? [])],
		env: { ...process.env, ...options.env },
		stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
	});
	let output = '';
	const relay = (chunk: Buffer) => {
		output += chunk.toString();
		for (const line of chunk.toString().split('\n'))
			if (line.trim()) process.stderr.write(`  [${options.label ?? name}] ${line}\n`);
	};
	child.stdout!.on('data', relay);
	child.stderr!.on('data', relay);
	let message: Message | undefined;
	child.on('message', (received) => (message = received as Message));
	const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 5 * 60_000);
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	clearTimeout(timer);
	if (message?.ok) return message.result as T;
	const reason = message && !message.ok ? message.error : `exited with ${code} and no result`;
	throw new Error(
		`${options.label ?? name}: ${reason}\n${output.split('\n').slice(-15).join('\n')}`,
	);
}

/** Prints a progress line (stderr, so it never mixes with results). */
export function log(line: string): void {
	process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

// The child's side: `child.ts <module> <export> <JSON arguments>`.
if (require.main === module) {
	const [file, name, args] = process.argv.slice(2);
	const send = (message: Message, code: number) => process.send!(message, () => process.exit(code));
	Promise.resolve()
		.then(async () => {
			const exported = require(path.join(__dirname, '..', file)) as Record<string, Case>;
			return await exported[name](...(JSON.parse(args) as unknown[]));
		})
		.then(
			(result) => send({ ok: true, result }, 0),
			(error: Error) => send({ ok: false, error: error.stack ?? String(error) }, 1),
		);
}
