/**
 * Every operation's panel as a user meets it in the real editor (issue 16): the canvas subtitle
 * is the operation's label, the Operation menu says when to pick each operation, each paid
 * operation shows its credit sentence, the finder says "domain or name" under the field, and
 * Phone Finder's "Find Person By" shows only the fields of the chosen way.
 */
import * as path from 'path';

import type { INodeProperties } from 'n8n-workflow';
import type { Locator, Page } from 'playwright-core';

import { Enrow } from '../../nodes/Enrow/Enrow.node';
import { ValidEmailChecker } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node';
import { EXAMPLE_CREDENTIALS, REPO_ROOT } from '../../scripts/demo/environment';
import { operationMenus, type MenuOperation } from '../support/operationMenus';
import { startEditor, type Editor } from './support/editor';

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const WORKFLOW_ID = 'browserPanels0001';

interface Operation extends MenuOperation {
	resourceName: string;
	nodeType: string;
	credential: keyof typeof EXAMPLE_CREDENTIALS;
	/** The credit sentence the panel shows, if the operation is paid. */
	creditNotice?: string;
}

/** Every operation of a node, with the texts its description declares. */
function operationsOf(
	properties: INodeProperties[],
	nodeType: string,
	credential: Operation['credential'],
): Operation[] {
	const resources = properties.find((p) => p.name === 'resource')?.options as Array<{
		name: string;
		value: string;
	}>;
	return operationMenus(properties).map((menu) => ({
		...menu,
		resourceName: resources.find((r) => r.value === menu.resource)!.name,
		nodeType,
		credential,
		creditNotice: properties.find(
			(p) =>
				p.name === 'creditNotice' &&
				p.displayOptions?.show?.resource?.includes(menu.resource) &&
				p.displayOptions?.show?.operation?.includes(menu.operation),
		)?.displayName,
	}));
}

const OPERATIONS = [
	...operationsOf(new Enrow().description.properties, 'n8n-nodes-enrow.enrow', 'enrow'),
	...operationsOf(
		new ValidEmailChecker().description.properties,
		'n8n-nodes-validemailchecker.validEmailChecker',
		'vec',
	),
];

/** Node names say resource and operation, so what the canvas shows under them is the subtitle alone. */
const nodeNameOf = (op: Operation) =>
	`${op.nodeType.includes('validemailchecker') ? 'ValidEmailChecker' : 'Enrow'} ${op.resourceName} ${op.name}`;

let editor: Editor;
let page: Page;

beforeAll(async () => {
	editor = await startEditor();
	page = editor.page;
	// One node per operation, in a grid, named by its action label.
	await editor.environment.n8n.importWorkflow({
		id: WORKFLOW_ID,
		name: 'Every operation panel',
		nodes: OPERATIONS.map((op, index) => {
			const { id, name } = EXAMPLE_CREDENTIALS[op.credential];
			return {
				id: `panel-${index}`,
				name: nodeNameOf(op),
				type: op.nodeType,
				typeVersion: 1,
				position: [(index % 4) * 320, Math.floor(index / 4) * 220],
				parameters: { resource: op.resource, operation: op.operation },
				credentials: { [EXAMPLE_CREDENTIALS[op.credential].type]: { id, name } },
			};
		}),
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	await editor.openWorkflow(WORKFLOW_ID);
});

afterAll(async () => await editor?.stop());

const nodeNamed = (name: string) =>
	page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);

async function openPanel(name: string): Promise<Locator> {
	await nodeNamed(name).dblclick();
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor();
	return panel;
}

async function closePanel(): Promise<void> {
	await page.locator('[data-test-id="ndv-close-button"]').click();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden' });
}

const parameter = (panel: Locator, name: string) =>
	panel.locator(`[data-test-id="parameter-input-${name}"]`);

/** The texts of an options parameter's open dropdown (each option's name and description). */
async function menuTexts(panel: Locator, name: string): Promise<string> {
	await parameter(panel, name).first().click();
	const list = page.locator('.el-select-dropdown:visible, .el-popper:visible').last();
	await list.waitFor();
	const text = await list.innerText();
	await page.keyboard.press('Escape');
	return text.replace(/\s+/g, ' ');
}

describe.each(OPERATIONS.map((op) => [`${op.resourceName} → ${op.name}`, op] as const))(
	'%s',
	(_label, op) => {
		const nodeName = nodeNameOf(op);

		test('the canvas subtitle is the operation label; the panel shows the operation and its credit sentence', async () => {
			const onCanvas = await nodeNamed(nodeName).innerText();
			expect(onCanvas.replace(nodeName, '')).toContain(op.action);
			expect(onCanvas).not.toContain(`${op.operation}: ${op.resource}`);
			const panel = await openPanel(nodeName);
			try {
				await expect(
					parameter(panel, 'operation').locator('input').first().inputValue(),
				).resolves.toBe(op.name);
				if (op.creditNotice) {
					await expect(panel.innerText()).resolves.toContain(op.creditNotice);
				}
				// The Operation menu says when to pick each operation of this resource.
				const menu = await menuTexts(panel, 'operation');
				for (const sibling of OPERATIONS.filter(
					(other) => other.nodeType === op.nodeType && other.resource === op.resource,
				)) {
					expect(menu).toContain(sibling.description.replace(/\s+/g, ' '));
				}
			} finally {
				await closePanel();
			}
		});
	},
);

/** The parameter's row in the panel (label, Fixed/Expression switch, input, issues). */
const parameterRow = (panel: Locator, name: string) =>
	panel.locator('[data-test-id="parameter-item"]', {
		has: page.locator(`[data-test-id="parameter-input-${name}"]`),
	});

/** n8n flags a required parameter that is still empty with an issue icon. */
async function issueShown(panel: Locator, name: string): Promise<boolean> {
	return (await parameterRow(panel, name).locator('[data-test-id="parameter-issues"]').count()) > 0;
}

describe('what a user must give is visible where they give it', () => {
	test('settings read once for the run offer no expression; per-item fields do', async () => {
		const panel = await openPanel('Enrow Email Finder Find in Bulk');
		const expressionSwitch = async (name: string) =>
			await parameterRow(panel, name).locator('[data-test-id="radio-button-expression"]').count();
		try {
			for (const name of ['fullName', 'companyDomain', 'companyName']) {
				expect({ name, switch: await expressionSwitch(name) }).toEqual({ name, switch: 1 });
			}
			for (const name of ['waitMode', 'timeoutMinutes', 'pollIntervalSeconds', 'simplify']) {
				expect({ name, switch: await expressionSwitch(name) }).toEqual({ name, switch: 0 });
			}
		} finally {
			await closePanel();
		}
	});

	test('Find an email: "Give Company Domain or Company Name" is shown under the domain field', async () => {
		const panel = await openPanel('Enrow Email Finder Find');
		try {
			await expect(panel.innerText()).resolves.toContain('Give Company Domain or Company Name');
			// Full Name is required: n8n marks it as an issue while it is empty.
			await expect(issueShown(panel, 'fullName')).resolves.toBe(true);
			await expect(issueShown(panel, 'companyDomain')).resolves.toBe(false);
		} finally {
			await closePanel();
		}
	});

	test('Find a phone number: Find Person By shows only the fields of the chosen way', async () => {
		const panel = await openPanel('Enrow Phone Finder Find');
		const shown = async () => {
			const names: string[] = [];
			for (const name of ['linkedinUrl', 'firstName', 'lastName', 'companyDomain', 'companyName']) {
				if ((await parameter(panel, name).count()) > 0) names.push(name);
			}
			return names;
		};
		const choose = async (label: string) => {
			await parameter(panel, 'findPersonBy').first().click();
			await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
			await page.waitForTimeout(300);
		};
		try {
			expect(await shown()).toEqual(['linkedinUrl']);
			await expect(issueShown(panel, 'linkedinUrl')).resolves.toBe(true);
			expect(await menuTexts(panel, 'findPersonBy')).toMatch(
				/LinkedIn URL.*Name and Company.*LinkedIn URL, Else Name and Company/,
			);
			await choose('Name and Company');
			expect(await shown()).toEqual(['firstName', 'lastName', 'companyDomain', 'companyName']);
			await expect(issueShown(panel, 'firstName')).resolves.toBe(true);
			await expect(issueShown(panel, 'lastName')).resolves.toBe(true);
			await page.screenshot({ path: path.join(SCREENSHOTS, 'phone-finder-panel.png') });
			await choose('LinkedIn URL, Else Name and Company');
			expect(await shown()).toEqual([
				'linkedinUrl',
				'firstName',
				'lastName',
				'companyDomain',
				'companyName',
			]);
		} finally {
			await closePanel();
		}
	});
});
