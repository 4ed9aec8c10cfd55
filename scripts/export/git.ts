/** Runs git in a folder. */
import { spawnSync } from 'child_process';

function run(cwd: string, args: string[], env: NodeJS.ProcessEnv) {
	return spawnSync('git', args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** git's output, trimmed; throws with git's own message when it fails. */
export function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
	const result = run(cwd, args, env);
	if (result.status !== 0) {
		const why = result.error?.message ?? result.stderr.trim();
		throw new Error(`git ${args.join(' ')} (in ${cwd}) failed: ${why}`);
	}
	return result.stdout.trim();
}

/** Whether git answers yes (exit code 0), for questions such as `merge-base --is-ancestor`. */
export function gitSays(cwd: string, args: string[]): boolean {
	return run(cwd, args, process.env).status === 0;
}
