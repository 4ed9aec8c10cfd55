/**
 * Issue 16 §8 in a real n8n 2.41.1: a CRM list goes to Enrow as one bulk search with "Return Job
 * ID Immediately", Webhook URL = the Enrow Trigger's production URL and Row Reference = the CRM
 * record ID; the results arrive in another execution, the trigger's, and each of its items
 * carries the reference of the record it belongs to.
 */
import { randomUUID } from 'crypto';

import { disposeAllN8nInstances, type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { nodeOutput } from '../../scripts/e2e/runData';
import { startSimulator, type Simulator } from '../../simulator';
import { createN8n } from './support/e2eRun';
import { reportTiming } from './support/timing';
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
	simulator = await startSimulator();
	simulator.configure({ enrow: { jobDurationMs: { bulkBase: 1000, bulkPerRow: 0 } } });
	n8n = await createN8n('row-reference');
	await n8n.importCredentials([enrowCredential(simulator.url)]);
	const triggerUrl = `${n8n.webhookBaseUrl}webhook/${triggerWebhookId}/webhook`;
	for (const workflow of [triggerRun, enrichWorkflow(triggerUrl)])
		await n8n.importAndPublishWorkflow(workflow);
	reportTiming('n8n start (row-reference suite)', await n8n.start());
});

afterAll(async () => {
	await disposeAllN8nInstances();
	await simulator?.close();
});

test("the Enrow Trigger's execution gives each result the CRM record ID it was sent with", async () => {
	const leads = [
		{ crmId: 'hs-101', name: 'Dwight Schrute', domain: 'dundermifflin.com' },
		{ crmId: 'hs-102', name: 'Nobody Atall', domain: 'dundermifflin.com' },
		// The same person in another CRM record: searched (and charged) once.
		{ crmId: 'hs-103', name: 'dwight schrute', domain: 'https://www.dundermifflin.com/' },
		{ crmId: 'hs-104', name: 'Jim Halpert', domain: 'dundermifflin.com' },
	];
	expect((await n8n.api.callWebhook('e2e-row-reference', { body: { leads } })).status).toBe(200);

	const enrich = await n8n.api.waitForExecution({
		workflowId: 'e2eRowRefEnrich1',
		status: ['success', 'error'],
	});
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

	const run = await n8n.api.waitForExecution({
		workflowId: triggerRun.id,
		status: ['success', 'error'],
	});
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
