/**
 * Benchmark cases run in child processes: each gets its own heap, CPU clock and event loop, and
 * the two cores of a small machine can work on two cases at once.
 *
 *   const result = await runChild<Result>('bench/sections/overheadCase.ts', ['100000']);
 *   // in the child:  childMain(async (args) => ({ ... }));
 */
import { fork } from 'child_process';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface ChildOptions {
	/** Extra Node flags, e.g. ['--cpu-prof'] or ['--max-old-space-size=256']. */
	nodeFlags?: string[];
	env?: NodeJS.ProcessEnv;
	/** Kill the child after this long (default 5 minutes). */
	timeoutMs?: number;
	/** Prefix for the child's own log lines on stderr. */
	label?: string;
}

type Message = { ok: true; result: unknown } | { ok: false; error: string };

export async function runChild<T>(
	script: string,
	args: string[] = [],
	options: ChildOptions = {},
): Promise<T> {
	const child = fork(path.join(REPO_ROOT, script), args, {
		cwd: REPO_ROOT,
		execArgv: ['-r', 'ts-node/register/transpile-only', ...(options.nodeFlags ?? [])],
		env: { ...process.env, ...options.env },
		stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
	});
	const label = options.label ?? path.basename(script, '.ts');
	let output = '';
	const relay = (chunk: Buffer) => {
		const text = chunk.toString();
		output += text;
		for (const line of text.split('\n'))
			if (line.trim()) process.stderr.write(`  [${label}] ${line}\n`);
	};
	child.stdout!.on('data', relay);
	child.stderr!.on('data', relay);

	let message: Message | undefined;
	child.on('message', (received) => (message = received as Message));
	const timeoutMs = options.timeoutMs ?? 5 * 60_000;
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	clearTimeout(timer);
	if (message?.ok) return message.result as T;
	const reason = message && !message.ok ? message.error : `exited with ${code} and no result`;
	throw new Error(
		`${script} ${args.join(' ')}: ${reason}\n${output.split('\n').slice(-15).join('\n')}`,
	);
}

/** The child side: runs `main` with the process arguments and sends back its result. */
export function childMain<T>(main: (args: string[]) => Promise<T>): void {
	main(process.argv.slice(2)).then(
		(result) => process.send!({ ok: true, result } satisfies Message, () => process.exit(0)),
		(error: Error) =>
			process.send!({ ok: false, error: error.stack ?? String(error) } satisfies Message, () =>
				process.exit(1),
			),
	);
}

/** Prints a progress line (stderr, so it never mixes with results). */
export function log(line: string): void {
	process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}
