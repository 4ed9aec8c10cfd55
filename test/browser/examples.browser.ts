/**
 * The browser check (`npm run test:browser`): the environment `npm run dev` serves (reference n8n
 * with both packed packages, the simulator credentials and every example), opened in headless
 * Chromium. Saves the README's screenshots under docs/screenshots/.
 *
 * - (a) opens in the editor, runs from "Execute workflow", and its Enrow node's panel renders the
 *   resource, operation and wait mode parameters;
 * - (b) starts a bulk job from the editor with its trigger's URL as the job's webhook, and its
 *   Enrow Trigger runs when the simulator calls that URL back;
 * - (c) the signup form answers with a fixed text per outcome, also when ValidEmailChecker is
 *   down; called as a sub-workflow it returns the verdict.
 */
import * as fs from 'fs';
import * as path from 'path';

import type { Page } from 'playwright-core';

import { nodeOutput } from '../../scripts/e2e/runData';
import {
	ENRICH_NODES,
	EXAMPLES,
	REPO_ROOT,
	type DevEnvironment,
} from '../../scripts/demo/environment';
import { OUTCOMES } from '../../scripts/demo/summary';
import { VEC_RETRY_LIMITS } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport';
import type { BrowserSession } from './support/browser';
import { startEditor, type Editor } from './support/editor';

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

let editor: Editor;
let environment: DevEnvironment;
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
	editor = await startEditor();
	({ environment, session, page } = editor);
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => await editor?.stop());

const openWorkflow = async (workflowId: string) => await editor.openWorkflow(workflowId);

/** The run button reads "Executing workflow" while a run is on (a string: this file has no DOM types). */
async function waitUntilNotExecuting(): Promise<void> {
	await page.waitForFunction(
		`!document.querySelector('[data-test-id="execute-workflow-button"]')?.textContent?.includes('Executing')`,
		null,
		{ timeout: 120_000 },
	);
}

const node = (name: string) => page.locator('[data-test-id="canvas-node"]', { hasText: name });

describe('example (a) Enrich CRM leads in the editor', () => {
	test('runs from "Execute workflow": the nine sample leads reach every outcome', async () => {
		await openWorkflow(EXAMPLES.enrichLeads.id);
		const button = page.locator('[data-test-id="execute-workflow-button"]');
		await expect(button.innerText()).resolves.toContain('Execute workflow');
		await button.click();
		await page.waitForTimeout(500);
		await waitUntilNotExecuting();
		await page.waitForTimeout(1000);
		await page.screenshot({ path: path.join(SCREENSHOTS, 'enrich-crm-leads.png') });

		const [execution] = await environment.n8n.api.listExecutions({
			workflowId: EXAMPLES.enrichLeads.id,
			limit: 1,
		});
		expect(execution.status).toBe('success');
		const full = await environment.n8n.api.getExecution(execution.id);
		const table = nodeOutput(full.data, ENRICH_NODES.table).map((item) => item.json);
		expect(table).toHaveLength(9);
		expect(new Set(table.map((row) => row.outcome))).toEqual(new Set(OUTCOMES));
		expect(table).toContainEqual(
			expect.objectContaining({
				name: 'Aisha Khan',
				email: 'aisha.khan@bluepeak-analytics.io',
				outcome: 'verified',
			}),
		);
		// The canvas shows the items that went down each branch.
		const labels = await page.locator('[data-test-id="edge-label"]').allInnerTexts();
		expect(labels).toContain('9 items');
	});

	test("the Enrow node's panel renders resource, operation and wait mode", async () => {
		await node(ENRICH_NODES.find).dblclick();
		const panel = page.locator('[data-test-id="ndv"]');
		await panel.waitFor();
		const valueOf = async (parameter: string) =>
			await panel
				.locator(`[data-test-id="parameter-input-${parameter}"] input`)
				.first()
				.inputValue();
		expect(await valueOf('resource')).toBe('Email Finder');
		expect(await valueOf('operation')).toBe('Find in Bulk');
		expect(await valueOf('waitMode')).toBe('Poll Until Done');
		for (const parameter of ['fullName', 'companyDomain', 'companyName']) {
			await expect(
				panel.locator(`[data-test-id="parameter-input-${parameter}"]`).count(),
			).resolves.toBeGreaterThan(0);
		}
		await page.waitForTimeout(500);
		await page.screenshot({ path: path.join(SCREENSHOTS, 'enrow-node-panel.png') });
		await page.keyboard.press('Escape');
	});
});

describe('example (b) bulk search now, results when Enrow calls back', () => {
	test('"Start the search" returns job IDs at once; the Enrow Trigger then processes the results', async () => {
		await openWorkflow(EXAMPLES.bulkWithTrigger.id);
		const before = await environment.n8n.api.listExecutions({
			workflowId: EXAMPLES.bulkWithTrigger.id,
		});
		await node('Start the search').hover();
		await page.locator('[data-test-id="execute-workflow-button-Start the search"]').click();
		await page.waitForTimeout(500);
		await waitUntilNotExecuting();

		const started = await environment.n8n.api.waitForExecution({
			workflowId: EXAMPLES.bulkWithTrigger.id,
			status: ['success', 'error'],
			exclude: before.map((execution) => execution.id),
		});
		expect(started.mode).toBe('manual');
		const jobs = nodeOutput(started.data, 'Start bulk search (returns at once)').map(
			(item) => item.json,
		);
		expect(jobs).toHaveLength(5);
		expect(jobs.every((job) => job.status === 'ongoing' && typeof job.jobId === 'string')).toBe(
			true,
		);
		await page.waitForTimeout(1500);
		await page.screenshot({ path: path.join(SCREENSHOTS, 'bulk-search-with-trigger.png') });

		// The job carried the trigger's Production URL (Options → Webhook URL, pre-set by expression).
		const start = environment.simulator
			.stats()
			.requests.filter(
				(request) => request.method === 'POST' && request.path === '/email/find/bulk',
			)
			.pop();
		expect((start?.body as { settings?: { webhook?: string } })?.settings?.webhook).toBe(
			environment.triggerUrl,
		);

		// The simulator finishes the job and calls the trigger's production URL, as Enrow would.
		const callback = await environment.n8n.api.waitForExecution({
			workflowId: EXAMPLES.bulkWithTrigger.id,
			status: ['success', 'error'],
			exclude: [...before.map((execution) => execution.id), started.id],
			timeoutMs: 60_000,
		});
		expect(callback.status).toBe('success');
		expect(callback.mode).toBe('webhook');
		const contacts = nodeOutput(callback.data, 'Contact to update in your CRM').map(
			(item) => item.json,
		);
		expect(contacts).toContainEqual(
			expect.objectContaining({
				email: 'aisha.khan@bluepeak-analytics.io',
				enrowJobId: jobs[0].jobId,
				// The CRM record ID went to Enrow as the row's reference and came back with its result.
				crmRecordId: 'crm-201',
			}),
		);
		expect(nodeOutput(callback.data, 'Not found (credit refunded)').length).toBeGreaterThan(0);
		expect(environment.simulator.stats().webhookDeliveries).toContainEqual(
			expect.objectContaining({ url: environment.triggerUrl, jobId: jobs[0].jobId, status: 200 }),
		);
	});
});

describe('example (c) verify a signup email', () => {
	const ANSWERS = {
		accepted: 'Thanks, your account is being created.',
		undeliverable: "This address can't receive email. Please check it and try again.",
		disposable: 'Please use a permanent email address, not a disposable one.',
	};

	async function submitForm(name: string, email: string): Promise<string> {
		const form = await session.context.newPage();
		await form.setViewportSize({ width: 900, height: 260 });
		try {
			await form.goto(`${environment.n8n.baseUrl}form/signup`);
			await form.fill('#field-0', name);
			await form.fill('#field-1', email);
			await form.click('#submit-btn');
			await form.waitForFunction(
				`${JSON.stringify(Object.values(ANSWERS))}.some((text) => document.body.innerText.includes(text))`,
				null,
				{ timeout: 60_000 },
			);
			if (email === 'ada.lovelace@analytical-engines.com') {
				await form.screenshot({ path: path.join(SCREENSHOTS, 'signup-form-answer.png') });
			}
			return await form.locator('body').innerText();
		} finally {
			await form.close();
		}
	}

	test("the form answers with a fixed text per outcome, never the checker's own reason", async () => {
		const accepted = await submitForm('Ada', 'ada.lovelace@analytical-engines.com');
		expect(accepted).toContain(ANSWERS.accepted);
		expect(accepted).not.toMatch(/welcome email/i);
		const disposable = await submitForm('Temp', 'someone@mailinator.com');
		expect(disposable).toContain(ANSWERS.disposable);
		expect(disposable).not.toContain('someone@mailinator.com');
		expect(await submitForm('Bounce', 'disabled.user@acme-supplies.com')).toContain(
			ANSWERS.undeliverable,
		);
	});

	test('with ValidEmailChecker down (HTTP 503 on every attempt), the signup is still accepted, flagged to check later', async () => {
		const before = await environment.n8n.api.listExecutions({
			workflowId: EXAMPLES.verifySignup.id,
		});
		// Every attempt the node makes (the first and its retries) gets a 503.
		environment.simulator.addFault({
			match: { method: 'POST', path: '/api/verify-single' },
			type: 'status',
			status: 503,
			times: VEC_RETRY_LIMITS.maxFailureRetries + 1,
		});
		expect(await submitForm('Grace', 'grace.hopper@analytical-engines.com')).toContain(
			ANSWERS.accepted,
		);
		const run = await environment.n8n.api.waitForExecution({
			workflowId: EXAMPLES.verifySignup.id,
			status: ['success', 'error'],
			exclude: before.map((execution) => execution.id),
		});
		expect(run.status).toBe('success');
		expect(nodeOutput(run.data, 'Create the account (your step)').map((item) => item.json)).toEqual(
			[
				expect.objectContaining({
					email: 'grace.hopper@analytical-engines.com',
					name: 'Grace',
					accepted: true,
					checkLater: true,
				}),
			],
		);
	});

	test('called by another workflow (as an AI agent tool calls it), it returns the verdict', async () => {
		const caller = {
			id: 'browserCheckCall1',
			name: 'Calls (c) like an agent tool',
			nodes: [
				{
					id: 'c1',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'c2',
					name: 'Verify',
					type: 'n8n-nodes-base.executeWorkflow',
					typeVersion: 1.2,
					position: [220, 0],
					parameters: {
						workflowId: { __rl: true, value: EXAMPLES.verifySignup.id, mode: 'id' },
						workflowInputs: {
							mappingMode: 'defineBelow',
							value: { email: 'catchall.desk@acme-supplies.com' },
							matchingColumns: [],
							schema: [
								{
									id: 'email',
									displayName: 'email',
									required: false,
									defaultMatch: false,
									display: true,
									canBeUsedToMatch: true,
									type: 'string',
								},
							],
							attemptToConvertTypes: false,
							convertFieldsToString: true,
						},
						options: {},
					},
				},
			],
			connections: { Start: { main: [[{ node: 'Verify', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		};
		await environment.n8n.importWorkflow(caller);
		const run = await environment.n8n.executeWorkflow(caller.id);
		expect(run.data.resultData.error).toBeUndefined();
		expect(nodeOutput(run.data, 'Verify').map((item) => item.json)).toEqual([
			expect.objectContaining({
				email: 'catchall.desk@acme-supplies.com',
				accepted: true,
				status: 'catch_all',
			}),
		]);
	});
});
