/** Reading what ran where from the n8n processes' own logs (queue mode). */
import { sleep } from '../../../scripts/e2e/processes';

/** How often a line naming execution `id` appears in a process's log ("... execution 7 (job 3)"):
 *  the worker logs "Worker started execution <id>", the process that put a run on the queue
 *  "Enqueued execution <id>". */
export function countLogLines(log: string, text: string, id: string | number): number {
	return log.split(new RegExp(`${text} ${id} \\(job `)).length - 1;
}

/** Retries `check` until it passes: a process logs "Worker finished execution" after the run is
 *  saved, and its output reaches the log file a moment later. */
export async function eventually(check: () => void, timeoutMs = 15_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			check();
			return;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await sleep(200);
		}
	}
}
