/** Timings of the end-to-end run, printed as they happen and appended to .e2e/timings.log. */
import * as fs from 'fs';
import * as path from 'path';

import { REPO_ROOT } from '../../../scripts/e2e/packPackage';

export function reportTiming(label: string, ms: number): void {
	const line = `[e2e timing] ${label}: ${(ms / 1000).toFixed(1)} s`;
	process.stderr.write(`${line}\n`);
	const dir = path.join(REPO_ROOT, '.e2e');
	fs.mkdirSync(dir, { recursive: true });
	fs.appendFileSync(path.join(dir, 'timings.log'), `${new Date().toISOString()} ${line}\n`);
}

/** Runs `work` and reports how long it took under `label`. */
export async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await work();
	} finally {
		reportTiming(label, Date.now() - started);
	}
}
