/**
 * The credit guard where users meet it: the example "Enrich without paying twice"
 * (examples/enrich-without-paying-twice.json) in a real n8n 2.41.1, run twice on the same list.
 * n8n's Remove Duplicates node lets only contacts it has not seen reach Enrow, so the second run
 * sends nothing; the dry run branch sends nothing paid; Max Credits caps the real search.
 */
import { disposeAllN8nInstances, type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { nodeOutput } from '../../scripts/e2e/runData';
import { exampleCredentials, loadExample, simulatorTarget } from '../../scripts/demo/environment';
import { startSimulator, type Simulator } from '../../simulator';
import { createN8n } from './support/e2eRun';

let simulator: Simulator;
let n8n: N8nInstance;

beforeAll(async () => {
	simulator = await startSimulator({
		config: { enrow: { jobDurationMs: { single: 300, bulkBase: 500, bulkPerRow: 0 } } },
	});
	n8n = await createN8n('credit-guard');
	await n8n.importCredentials(exampleCredentials(simulatorTarget(simulator)));
});

afterAll(async () => {
	await disposeAllN8nInstances();
	await simulator?.close();
});

const ESTIMATE = 'Estimate (dry run)';
const FIND = 'Find emails (at most 100 credits)';

test('two runs of the same list: the first searches each contact once, the second sends nothing', async () => {
	const workflow = loadExample('noPayingTwice');
	await n8n.importWorkflow(workflow);

	const first = await n8n.executeWorkflow(workflow.id);
	expect(first.data.resultData.error).toBeUndefined();
	const [estimate] = nodeOutput(first.data, ESTIMATE).map((item) => item.json);
	const found = nodeOutput(first.data, FIND).map((item) => item.json);
	const posts = simulator.stats().requests.filter((request) => request.method === 'POST');
	// One bulk job: the dry run branch started none. "Aisha  Khan" at BLUEPEAK-ANALYTICS.IO is
	// the same person as "Aisha Khan" at bluepeak-analytics.io: searched once.
	expect(posts).toHaveLength(1);
	const searches = (posts[0].body as { searches: unknown[] }).searches;
	expect(searches).toHaveLength(4);
	expect(estimate).toEqual(
		expect.objectContaining({ status: 'estimated', rowsToSend: 4, maxCredits: 4 }),
	);
	expect(simulator.stats().credits.reserved).toBe(estimate.maxCredits);
	expect(found.length).toBeGreaterThanOrEqual(4);
	expect(found.every((json) => json.status === 'completed')).toBe(true);

	const requestsBefore = simulator.stats().requests.length;
	const second = await n8n.executeWorkflow(workflow.id);
	expect(second.data.resultData.error).toBeUndefined();
	expect(simulator.stats().requests.slice(requestsBefore)).toEqual([]);
	expect(second.data.resultData.runData[FIND]).toBeUndefined();
});
