/**
 * Section 5, one child process playing one n8n queue-mode worker: `runs` executions at once of
 * "Find an email" (Poll Until Done) over `items` different people each, against a simulator
 * that other such processes use with the same API key. Each process has its own pacer, as
 * each worker does; only Enrow's 429s tell them about each other.
 *
 *   bench/sections/sharedKeyCase.ts <simulator URL> <process number> <runs> <items>
 */
import { childMain, log } from '../support/child';
import { FIND_SINGLE, runEnrow } from '../support/enrowRun';

export interface SharedKeyRun {
	status: string;
	/** Items with a completed job. */
	completed: number;
	error?: string;
}

async function oneRun(url: string, first: number, items: number): Promise<SharedKeyRun> {
	const input = Array.from({ length: items }, (_, i) => ({
		fullName: `First${first + i} Last${first + i}`,
		companyDomain: `company${(first + i) % 997}.com`,
	}));
	const result = await runEnrow(url, { ...FIND_SINGLE, waitMode: 'poll' }, input);
	return {
		status: result.status,
		completed: result.output.filter((item) => item.json.status === 'completed').length,
		error: result.error?.message,
	};
}

if (require.main === module)
	childMain(async ([url, processNumber, runs, items]) => {
		const count = Number(items);
		const started = Date.now();
		const results = await Promise.all(
			Array.from({ length: Number(runs) }, (_, run) =>
				oneRun(url, (Number(processNumber) * Number(runs) + run) * count, count),
			),
		);
		log(
			`process ${processNumber}: ${results.map((r) => r.status).join(', ')} in ${Date.now() - started} ms`,
		);
		return results;
	});
