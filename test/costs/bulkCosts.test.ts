/**
 * Requests and credits of the bulk operations per N rows, in each wait mode, against one job per
 * row: the counts `npm run bench` reported in its section 1 until issue 28, now asserted. The rows
 * look like a real list (test/costs/datasets.ts: 10% duplicates, 2% bad syntax for the verifier,
 * every 20th person not found); every expected figure is computed from what the data set holds.
 * 100,000 rows: bulkCosts100k.test.ts. How many reads a job of some duration costs:
 * pollSchedule.test.ts.
 */
import type { Simulator } from '../../simulator';
import { runWebhook } from '../harness';
import { shortenPrePauseReads } from '../support/injected';
import { runEnrow } from '../integration/enrowKit';
import {
	bulkCost,
	countsOf,
	dataFor,
	expectBulkCosts,
	parametersFor,
	startInstantSimulator,
	type Kind,
} from './costKit';

// Jobs here take a few hundred milliseconds: read them once before pausing, not for 2 s.
shortenPrePauseReads();

const KINDS: Kind[] = ['verify', 'find'];
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe('Bulk operations: requests and credits per N rows', () => {
	let simulator: Simulator;
	beforeAll(async () => (simulator = await startInstantSimulator()));
	beforeEach(() => simulator.reset());
	afterAll(async () => await simulator.close());

	it.each(
		KINDS.flatMap((kind) =>
			[1, 100, 5000, 12_000].map((n) => [kind, n.toLocaleString('en-US'), n] as const),
		),
	)(
		'%s, N = %s rows, polling: one POST per 5,000 unique rows, credits for unique rows only',
		async (kind, _, n) => await expectBulkCosts(simulator, kind, n),
	);

	it.each(KINDS)(
		'%s, 12,000 rows, "Return Job ID Immediately": the same POSTs and credits, no reads',
		async (kind) => {
			const data = dataFor(kind, 12_000);
			const result = await runEnrow(simulator, parametersFor(kind, true, 'none'), {
				input: data.rows,
			});
			expect(result.status).toBe('success');
			expect(result.output).toHaveLength(data.rows.length);
			simulator.completeAllJobs();
			expect(countsOf(simulator.stats(), kind)).toEqual(
				expect.objectContaining({ ...bulkCost(kind, data), jobReads: 0, accountReads: 1 }),
			);
		},
	);

	it.each(KINDS)(
		'%s, 12,000 rows, paused until Enrow calls back: the same POSTs and credits, nothing read while paused, each job read once on resuming',
		async (kind) => {
			// Jobs run until the test completes them, so the node pauses however loaded the machine.
			simulator.configure({ enrow: { jobDurationMs: { bulkBase: 60_000 } } });
			const data = dataFor(kind, 12_000);
			const cost = bulkCost(kind, data);
			const waiting = await runEnrow(simulator, parametersFor(kind, true, 'webhook'), {
				input: data.rows,
			});
			expect(waiting.status).toBe('waiting');
			const atPause = simulator.stats().requests.length;
			await sleep(500);
			expect(simulator.stats().requests).toHaveLength(atPause);

			simulator.completeAllJobs();
			const readsBefore = countsOf(simulator.stats(), kind).jobReads;
			while (simulator.stats().webhookDeliveries.length < cost.posts) await sleep(20);
			const [delivery] = simulator.stats().webhookDeliveries;
			const call = await runWebhook({
				waiting,
				url: delivery.url,
				body: { event: delivery.event, id: delivery.jobId, credits: { cost: 0 } },
			});
			expect(call.resumed).toBe(true);
			expect(call.result.output.filter((item) => item.json.status === 'completed')).toHaveLength(
				data.rows.length,
			);
			const counts = countsOf(simulator.stats(), kind);
			expect(counts).toEqual(expect.objectContaining(cost));
			expect(counts.jobReads - readsBefore).toBe(cost.posts);
		},
	);
});
