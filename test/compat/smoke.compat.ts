/**
 * The compatibility smoke set: both packages installed as community packages in a real n8n of
 * each version users run (N8N_COMPAT_VERSIONS; default 1.123.81, 2.0.3 and the reference
 * 2.41.1), one version at a time, against the API simulator. Per version: find in bulk polled
 * (`n8n execute`); both On Error continue modes and ValidEmailChecker (`n8n execute`); verify
 * in bulk paused and resumed by Enrow's callback; the same inside a sub-workflow; the Enrow
 * Trigger with a secret; one MCP tool call (the tool never pauses).
 */
import { randomBytes, randomUUID } from 'crypto';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import {
	exampleCredentials,
	loadExample,
	simulatorTarget,
	type ExampleWorkflow,
} from '../../scripts/demo/environment';
import { ensureN8nInstalled } from '../../scripts/e2e/installN8n';
import { disposeAllN8nInstances, type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { requestedCompatVersions } from '../../scripts/e2e/n8nVersions';
import { sleep } from '../../scripts/e2e/processes';
import { nodeOutput } from '../../scripts/e2e/runData';
import { startSimulator, type Simulator } from '../../simulator';
import type { JobSummary } from '../../simulator/types';
import { createN8n } from '../e2e/support/e2eRun';
import { executeToEnd } from '../e2e/support/executeRun';
import { reportTiming } from '../e2e/support/timing';
import {
	addresses,
	enrowCredential,
	vecCredential,
	verifyOnCallbackWorkflow,
} from '../e2e/support/workflows';
import {
	findInBulkWorkflow,
	onErrorWorkflow,
	parentOfSubWorkflow,
	pausingSubWorkflow,
	securedTriggerWorkflow,
} from './support/smokeWorkflows';

const MCP_TOKEN = randomBytes(24).toString('hex');
const TRIGGER_SECRET = randomBytes(12).toString('hex');

/** Example (e) with its Enrow verifier in "Pause and resume" mode, on its own path. */
function mcpWorkflow(): ExampleWorkflow {
	const workflow = structuredClone(loadExample('aiTools'));
	workflow.id = 'compatMcpTools01';
	for (const node of workflow.nodes) {
		if (node.type === '@n8n/n8n-nodes-langchain.mcpTrigger') {
			node.parameters.path = 'compat-enrow-tools';
			node.webhookId = randomUUID();
		}
		if (node.name === 'Verify email with Enrow') node.parameters.waitMode = 'webhook';
	}
	return workflow;
}

describe.each(requestedCompatVersions())('n8n %s', (version) => {
	let simulator: Simulator;
	let n8n: N8nInstance;
	let startedAt = 0;

	const paused = verifyOnCallbackWorkflow('compatPaused0001', 'compat-verify-paused');
	const subWorkflow = pausingSubWorkflow('compatSubflow001');
	const parent = parentOfSubWorkflow('compatParent0001', 'compat-sub-workflow', subWorkflow.id);
	const triggerWebhookId = randomUUID();
	const trigger = securedTriggerWorkflow('compatTrigger001', triggerWebhookId, TRIGGER_SECRET);
	const mcp = mcpWorkflow();

	beforeAll(async () => {
		startedAt = Date.now();
		simulator = await startSimulator({
			config: {
				enrow: { jobDurationMs: { single: 300, bulkBase: 800, bulkPerRow: 0 } },
				vec: { latencyMs: { min: 0, max: 0 } },
			},
		});
		const install = ensureN8nInstalled((line) => process.stderr.write(`${line}\n`), version);
		n8n = await createN8n(`compat-${version}`, { install });
		await n8n.importCredentials([
			enrowCredential(simulator.url),
			vecCredential(simulator.url),
			// Example (e)'s own credentials: the Bearer token of its MCP Server Trigger, the keys.
			...exampleCredentials({ ...simulatorTarget(simulator), mcpToken: MCP_TOKEN }),
		]);
	});

	afterAll(async () => {
		await disposeAllN8nInstances();
		await simulator?.close();
		reportTiming(`compat n8n ${version}: whole smoke set`, Date.now() - startedAt);
	});

	beforeEach(() => simulator.reset());

	test('find in bulk, polled: one Enrow job, a result per person in input order', async () => {
		const people = [
			{ fullName: 'Dwight Schrute', companyDomain: 'dundermifflin.com' },
			{ fullName: 'Nobody Atall', companyDomain: 'dundermifflin.com' },
			{ fullName: 'Jim Halpert', companyDomain: 'dundermifflin.com' },
		];
		const workflow = findInBulkWorkflow('compatFindBulk01', people);
		const run = await executeToEnd(n8n, workflow);

		const items = nodeOutput(run.data, 'Enrow');
		expect(items.map((item) => [item.json.email, item.json.found])).toEqual([
			['dwight.schrute@dundermifflin.com', true],
			[null, false],
			['jim.halpert@dundermifflin.com', true],
		]);
		items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
		const stats = simulator.stats();
		expect(stats.requestsByRoute['POST /email/find/bulk']).toBe(1);
		expect(stats.jobs).toEqual([expect.objectContaining({ kind: 'findBulk', rows: 3 })]);
	});

	test('On Error: the error output takes the failed item only; "Continue" keeps every item on the main output (ValidEmailChecker)', async () => {
		const leads = [
			{ crmId: 'lead-1', email: 'pam.beesly@dundermifflin.com' },
			{ crmId: 'lead-2', email: '' },
		];
		const workflow = onErrorWorkflow('compatOnError001', leads);
		const run = await executeToEnd(n8n, workflow);

		const landed = (name: string) => nodeOutput(run.data, name).map((item) => item.json);
		expect(landed('Verified')).toEqual([
			expect.objectContaining({ email: 'pam.beesly@dundermifflin.com', valid: true }),
		]);
		expect(landed('Failed')).toEqual([
			expect.objectContaining({ crmId: 'lead-2', error: 'Email of item 1 is empty' }),
		]);
		const all = landed('All');
		expect(all).toHaveLength(2);
		expect(all[0]).toEqual(expect.objectContaining({ status: 'safe', is_valid: true }));
		expect(all[0]).not.toHaveProperty('error');
		expect(all[1]).toEqual(expect.objectContaining({ error: 'Email of item 1 is empty' }));
		expect(simulator.stats().requestsByRoute['POST /api/verify-single']).toBe(1);
	});

	describe('with the server running', () => {
		beforeAll(async () => {
			await n8n.importWorkflows([paused, subWorkflow, parent, trigger, mcp]);
			reportTiming(`compat n8n ${version}: n8n start`, await n8n.start());
			// Through the running n8n's API, as every version can (2.0.3's CLI cannot).
			// The sub-workflow first: 2.41.1 publishes no workflow that calls an unpublished one.
			const published = [paused, parent, trigger, mcp];
			if (n8n.traits.callsPublishedSubWorkflowsOnly) published.unshift(subWorkflow);
			for (const workflow of published) await n8n.publishWorkflow(workflow.id);
		});

		test("verify in bulk pauses, then resumes on Enrow's callback with a result per item", async () => {
			simulator.configure({ enrow: { jobDurationMs: { bulkBase: 6000, bulkPerRow: 0 } } });
			const emails = ['pam@dundermifflin.com', 'bounce@dundermifflin.com', 'not an address'];
			expect((await n8n.api.callWebhook('compat-verify-paused', { body: { emails } })).status).toBe(
				200,
			);

			const job = await startedJob(simulator);
			const executionId = executionIdIn(job.webhook);
			if (n8n.traits.signsResumeUrls) expect(job.webhook).toMatch(/\?signature=[0-9a-f]+$/);
			const waiting = await n8n.api.waitForExecutionStatus(executionId, 'waiting');
			expect(waiting.workflowId).toBe(paused.id);
			expect(waiting.customData).toEqual(expect.objectContaining({ enrowJobs0: job.id }));
			// A call naming a job that is not this execution's resumes nothing (on 1.123.81 and
			// 2.0.3 the URL has no secret, so this check is all that guards it).
			const forged = await n8n.api.request('POST', job.webhook!, {
				body: { event: 'bulk_verification_finished', id: randomUUID() },
			});
			expect(forged.status).toBe(403);
			expect((await n8n.api.getExecution(executionId, false)).status).toBe('waiting');

			const done = await n8n.api.waitForExecutionStatus(executionId, ['success', 'error']);
			expect(done.status).toBe('success');
			expect(simulator.stats().webhookDeliveries).toEqual([
				expect.objectContaining({ jobId: job.id, status: 200 }),
			]);
			expect(nodeOutput(done.data, 'Enrow').map((item) => item.json)).toEqual([
				expect.objectContaining({ email: emails[0], valid: true, jobId: job.id }),
				expect.objectContaining({ email: emails[1], valid: false }),
				expect.objectContaining({ email: emails[2], reason: 'syntax' }),
			]);
			expect(simulator.stats().requestsByRoute['POST /email/verify/bulk']).toBe(1);
		});

		test('a sub-workflow whose Enrow node is set to wait for the callback hands its parent the results', async () => {
			simulator.configure({ enrow: { jobDurationMs: { bulkBase: 4000, bulkPerRow: 0 } } });
			const emails = addresses(2);
			expect((await n8n.api.callWebhook('compat-sub-workflow', { body: { emails } })).status).toBe(
				200,
			);

			const done = await n8n.api.waitForExecution({
				workflowId: parent.id,
				status: ['success', 'error'],
				timeoutMs: 60_000,
			});
			expect(done.status).toBe('success');
			expect(nodeOutput(done.data, 'Verify in Sub-workflow').map((item) => item.json)).toEqual(
				emails.map((email) => expect.objectContaining({ email, valid: true, status: 'completed' })),
			);
			const [job] = simulator.stats().jobs;
			expect(simulator.stats().requestsByRoute['POST /email/verify/bulk']).toBe(1);
			if (n8n.traits.resumesParentWithSubWorkflowResults) {
				// Paused: Enrow's callback resumed the sub-workflow, and n8n the parent.
				expect(executionIdIn(job.webhook)).toMatch(/^\d+$/);
				expect(simulator.stats().webhookDeliveries).toEqual([
					expect.objectContaining({ jobId: job.id, status: 200 }),
				]);
			} else {
				// n8n 1.x would resume the parent with the sub-workflow's input: the node polls.
				expect(job.webhook ?? null).toBeNull();
			}
		});

		test('the Enrow Trigger with a secret: refuses a call without it, runs on one with it', async () => {
			const triggerUrl = `${n8n.webhookBaseUrl}webhook/${triggerWebhookId}/webhook`;
			const unsigned = await n8n.api.request('POST', triggerUrl, {
				body: { event: 'bulk_verification_finished', id: randomUUID() },
			});
			expect(unsigned.status).toBe(401);

			const started = await fetch(`${simulator.url}/email/verify/bulk`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-api-key': 'sim-enrow-key' },
				body: JSON.stringify({
					verifications: ['a@acme-corp.com', 'invalid@acme-corp.com'],
					settings: { webhook: `${triggerUrl}?token=${TRIGGER_SECRET}` },
				}),
			});
			const { id } = (await started.json()) as { id: string };

			const run = await n8n.api.waitForExecution({
				workflowId: trigger.id,
				status: ['success', 'error'],
			});
			expect(run.status).toBe('success');
			expect(nodeOutput(run.data, 'Enrow Trigger').map((item) => item.json)).toEqual(
				expect.arrayContaining([
					expect.objectContaining({ email: 'a@acme-corp.com', valid: true, jobId: id }),
					expect.objectContaining({ email: 'invalid@acme-corp.com', valid: false }),
				]),
			);
			expect(await n8n.api.listExecutions({ workflowId: trigger.id })).toHaveLength(1);
		});

		test('an MCP client calls the Enrow verifier as a tool: it answers in the call, never pausing', async () => {
			const client = await connectMcp(`${n8n.webhookBaseUrl}mcp/compat-enrow-tools`);
			try {
				const result = await client.callTool({
					name: 'Verify_email_with_Enrow',
					arguments: { email: 'angela@dundermifflin.com' },
				});
				expect(result.isError).not.toBe(true);
				const [content] = result.content as Array<{ type: string; text: string }>;
				expect(JSON.parse(content.text)).toEqual([
					expect.objectContaining({
						email: 'angela@dundermifflin.com',
						valid: true,
						status: 'completed',
					}),
				]);
			} finally {
				await client.close().catch(() => undefined);
			}
			const [job] = simulator.stats().jobs;
			expect(job.webhook ?? null).toBeNull();
			expect(await n8n.api.listExecutions({ workflowId: mcp.id, status: 'waiting' })).toEqual([]);
		});
	});
});

/** The Enrow job the run started, once the simulator has it. */
async function startedJob(simulator: Simulator): Promise<JobSummary> {
	const deadline = Date.now() + 60_000;
	while (simulator.stats().jobs.length === 0) {
		if (Date.now() > deadline) throw new Error('No Enrow job was started');
		await sleep(200);
	}
	return simulator.stats().jobs[0];
}

/** The execution id in the URL the node hands Enrow, `<base>webhook-waiting/<id>/enrow-callback`
 *  (with `?signature=…` where n8n signs resume URLs). */
function executionIdIn(resumeUrl: string | null | undefined): string {
	const id = /webhook-waiting\/(\d+)\/enrow-callback(\?signature=[0-9a-f]+)?$/.exec(
		resumeUrl ?? '',
	)?.[1];
	if (!id) throw new Error(`Not a resume URL: ${resumeUrl}`);
	return id;
}

/** An MCP session with the Bearer token; retries while n8n answers 404 (webhooks not registered yet). */
async function connectMcp(url: string): Promise<Client> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const client = new Client({ name: 'n8n-nodes-enrow compat', version: '1.0.0' });
		const transport = new StreamableHTTPClientTransport(new URL(url), {
			requestInit: { headers: { authorization: `Bearer ${MCP_TOKEN}` } },
		});
		try {
			await client.connect(transport);
			return client;
		} catch (error) {
			await client.close().catch(() => undefined);
			if ((error as { code?: unknown }).code !== 404 || Date.now() > deadline) throw error;
			await sleep(500);
		}
	}
}
