/**
 * Section 5, one child process: 200 "Find an email" items in one run of the Enrow node. Two runs
 * side by side, each with its own simulator (10 POST/s per key, single jobs 1.5 s):
 * wait mode "Return Job ID Immediately" (the submission alone) and "Poll Until Done".
 */
import { startSimulator } from '../../simulator';
import { childMain, log } from '../support/child';
import { finderRows } from '../support/datasets';
import { FIND_SINGLE, runEnrow } from '../support/enrowRun';

export const ITEMS = 200;

export interface PacingRun {
	waitMode: 'none' | 'poll';
	items: number;
	wallMs: number;
	posts: number;
	gets: number;
	rateLimited: number;
	maxPostsAttemptedInAnyOneSecond: number;
	/** First POST received → last POST received, at the simulator. */
	postSpanMs: number;
	status: string;
	completed: number;
}

async function pacing(waitMode: 'none' | 'poll'): Promise<PacingRun> {
	const simulator = await startSimulator({
		config: { enrow: { jobDurationMs: { single: 1500 } } },
	});
	try {
		// 200 different people: single operations make one job per item, duplicates or not.
		const input = finderRows(ITEMS * 2)
			.rows.filter((_, i) => i % 10 !== 9)
			.slice(0, ITEMS);
		const started = Date.now();
		const result = await runEnrow(simulator.url, { ...FIND_SINGLE, waitMode }, input);
		const wallMs = Date.now() - started;
		const stats = simulator.stats();
		const posts = stats.requests.filter((request) => request.method === 'POST');
		log(`pacing (${waitMode}): ${result.status} in ${wallMs} ms`);
		return {
			waitMode,
			items: input.length,
			wallMs,
			posts: stats.posts,
			gets: stats.gets,
			rateLimited: posts.filter((request) => request.status === 429).length,
			maxPostsAttemptedInAnyOneSecond: stats.maxPostsAttemptedInAnyOneSecond,
			postSpanMs: posts.length ? posts[posts.length - 1].at - posts[0].at : 0,
			status: result.status,
			completed: result.output.filter(
				(item) => item.json.status === (waitMode === 'none' ? 'ongoing' : 'completed'),
			).length,
		};
	} finally {
		await simulator.close();
	}
}

// Only as a child process; the section modules import this file for its types and constants.
if (require.main === module)
	childMain(async () => await Promise.all([pacing('none'), pacing('poll')]));
