/**
 * Issue 16 §8 in a real n8n 2.41.1: a CRM list goes to Enrow as one bulk search with "Return Job
 * ID Immediately", Webhook URL = the Enrow Trigger's production URL and Row Reference = the CRM
 * record ID; the results arrive in another execution, the trigger's, and each of its items
 * carries the reference of the record it belongs to.
 */
import { randomUUID } from 'crypto';

import { type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { nodeOutput } from '../../scripts/e2e/runData';
import { type Simulator } from '../../simulator';
import { runFromWebhook, startSuite, stopSuite, waitForRunEnd } from './support/suite';
import {
	enrowCredential,
	enrowNode,
	enrowTriggerWorkflow,
	linearWorkflow,
	webhookTrigger,
} from './support/workflows';

let simulator: Simulator;
let n8n: N8nInstance;

const triggerWebhookId = randomUUID();
const triggerRun = enrowTriggerWorkflow(
	'e2eRowRefTrigger1',
	'E2E Enrow Trigger (row references)',
	triggerWebhookId,
	['bulk_search_finished'],
);

/** Webhook (POST { leads: [...] }) → one item per lead → Enrow bulk search, not waiting. */
function enrichWorkflow(triggerUrl: string) {
	return linearWorkflow('e2eRowRefEnrich1', 'E2E enrich with row references', [
		webhookTrigger('e2e-row-reference'),
		{
			name: 'One Item per Lead',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.leads', options: {} },
		},
		enrowNode({
			resource: 'emailFinder',
			operation: 'findBulk',
			fullName: '={{ $json.name }}',
			companyDomain: '={{ $json.domain }}',
			waitMode: 'none',
			simplify: true,
			options: { webhookUrl: triggerUrl, rowReference: '={{ $json.crmId }}' },
		}),
	]);
}

beforeAll(async () => {
	({ simulator, n8n } = await startSuite({
		name: 'row-reference',
		simulatorConfig: { enrow: { jobDurationMs: { bulkBase: 1000, bulkPerRow: 0 } } },
		credentials: (url) => [enrowCredential(url)],
		workflows: (instance) => [
			triggerRun,
			enrichWorkflow(`${instance.webhookBaseUrl}webhook/${triggerWebhookId}/webhook`),
		],
		startTimingLabel: 'n8n start (row-reference suite)',
	}));
});

afterAll(() => stopSuite(simulator));

test("the Enrow Trigger's execution gives each result the CRM record ID it was sent with", async () => {
	const leads = [
		{ crmId: 'hs-101', name: 'Dwight Schrute', domain: 'dundermifflin.com' },
		{ crmId: 'hs-102', name: 'Nobody Atall', domain: 'dundermifflin.com' },
		// The same person in another CRM record: searched (and charged) once.
		{ crmId: 'hs-103', name: 'dwight schrute', domain: 'https://www.dundermifflin.com/' },
		{ crmId: 'hs-104', name: 'Jim Halpert', domain: 'dundermifflin.com' },
	];
	const enrich = await runFromWebhook(n8n, 'e2e-row-reference', { leads }, 'e2eRowRefEnrich1');
	expect(enrich.status).toBe('success');
	const pending = nodeOutput(enrich.data, 'Enrow').map((item) => item.json);
	expect(pending.map((json) => [json.status, json.rowReference])).toEqual([
		['ongoing', 'hs-101'],
		['ongoing', 'hs-102'],
		['ongoing', 'hs-103'],
		['ongoing', 'hs-104'],
	]);
	const [job] = simulator.stats().jobs;
	expect(job.rows).toBe(3);

	const run = await waitForRunEnd(n8n, triggerRun.id);
	expect(run.status).toBe('success');
	const items = nodeOutput(run.data, 'Enrow Trigger').map((item) => item.json);
	const byReference = Object.fromEntries(items.map((json) => [json.rowReference, json]));
	expect(Object.keys(byReference).sort()).toEqual(['hs-101', 'hs-102', 'hs-103', 'hs-104']);
	expect(items).toHaveLength(4);
	expect(byReference['hs-101']).toEqual(
		expect.objectContaining({
			email: 'dwight.schrute@dundermifflin.com',
			found: true,
			event: 'bulk_search_finished',
			jobId: job.id,
		}),
	);
	expect(byReference['hs-103'].email).toBe('dwight.schrute@dundermifflin.com');
	expect(byReference['hs-102']).toEqual(expect.objectContaining({ found: false }));
	expect(byReference['hs-104']).toEqual(expect.objectContaining({ found: true }));
	// The node's own encoding of the references never reaches the user.
	expect(JSON.stringify(items)).not.toContain('rowReferences');
});
