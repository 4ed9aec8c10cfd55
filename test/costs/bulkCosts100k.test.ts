/**
 * bulkCosts.test.ts at 100,000 rows, in a file of its own: each run takes a few seconds of CPU
 * (the node's work, n8n-core's and the simulator's), so the two files stay under about 30 s each.
 */
import type { Simulator } from '../../simulator';
import { expectBulkCosts, startInstantSimulator, type Kind } from './costKit';

describe('Bulk operations: requests and credits for 100,000 rows', () => {
	let simulator: Simulator;
	beforeAll(async () => (simulator = await startInstantSimulator()));
	beforeEach(() => simulator.reset());
	afterAll(async () => await simulator.close());

	it.each<Kind>(['verify', 'find'])(
		'%s, N = 100,000 rows, polling: one POST per 5,000 unique rows, credits for unique rows only',
		async (kind) => await expectBulkCosts(simulator, kind, 100_000),
	);
});
