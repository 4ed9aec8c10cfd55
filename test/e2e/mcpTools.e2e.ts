/**
 * The nodes as AI tools, end to end: example (e) "Enrow tools for AI agents (MCP server)"
 * (examples/enrow-tools-for-ai-agents.json) published in a real n8n 2.41.1, and a real MCP
 * client (@modelcontextprotocol/sdk, Streamable HTTP) at its production URL `/mcp/enrow-tools`,
 * as Claude Desktop or Cursor would use it. The client lists the tools (names, descriptions,
 * input schemas), calls each one against the API simulator and reads the answers. A workflow
 * built from the example shows that a tool in "Pause and resume" mode answers without pausing
 * and that a call above Options → Max Credits is refused with a message a model can relay.
 */
import { randomBytes, randomUUID } from 'crypto';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { INodeType } from 'n8n-workflow';

import { ValidEmailChecker } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node';
import { Enrow } from '../../nodes/Enrow/Enrow.node';
import {
	exampleCredentials,
	loadExample,
	simulatorTarget,
	type ExampleWorkflow,
} from '../../scripts/demo/environment';
import { type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { sleep } from '../../scripts/e2e/processes';
import { type Simulator } from '../../simulator';
import { prepareSuite, stopSuite } from './support/suite';
import { reportTiming, timed } from './support/timing';

const TOKEN = randomBytes(24).toString('hex');
const example = loadExample('aiTools');
const TOOLS = {
	find: 'Find_work_email_with_Enrow',
	verify: 'Verify_email_with_Enrow',
	vec: 'Verify_email_with_ValidEmailChecker',
	balance: 'Enrow_credit_balance',
} as const;

/** Example (e) with its Enrow verifier in "Pause and resume" mode and its finder capped at
 *  0.5 credit (a search costs at most 1), on its own path. */
function variantOf(workflow: ExampleWorkflow): ExampleWorkflow {
	const variant = structuredClone(workflow);
	variant.id = 'e2eMcpVariant001';
	variant.name = `${workflow.name}, variant`;
	for (const node of variant.nodes) {
		if (node.type === '@n8n/n8n-nodes-langchain.mcpTrigger') {
			node.parameters.path = 'enrow-tools-variant';
			node.webhookId = randomUUID();
		}
		if (node.name === 'Verify email with Enrow') node.parameters.waitMode = 'webhook';
		if (node.name === 'Find work email with Enrow') node.parameters.options = { maxCredits: 0.5 };
	}
	return variant;
}
const variant = variantOf(example);

let simulator: Simulator;
let n8n: N8nInstance;
const clients: Client[] = [];

beforeAll(async () => {
	({ simulator, n8n } = await prepareSuite({
		name: 'mcp-tools',
		simulatorConfig: {
			enrow: { jobDurationMs: { single: 400, bulkBase: 600, bulkPerRow: 0 } },
			vec: { latencyMs: { min: 0, max: 0 } },
		},
		credentials: (_url, started) =>
			exampleCredentials({ ...simulatorTarget(started), mcpToken: TOKEN }),
	}));
	await n8n.importWorkflows([example, variant]);
	await n8n.publishWorkflow(example.id);
	await n8n.publishWorkflow(variant.id);
	reportTiming('n8n start (mcp-tools suite)', await n8n.start());
});

afterAll(async () => {
	await Promise.all(clients.map(async (client) => await client.close().catch(() => undefined)));
	await stopSuite(simulator);
});

function mcpUrl(path: string): URL {
	return new URL(`${n8n.webhookBaseUrl}mcp/${path}`);
}

/**
 * An MCP client session with the server at `/mcp/<path>`. Retries while n8n answers 404: it
 * reports ready before it has registered the production webhooks of published workflows.
 */
async function connect(path: string, token: string | null = TOKEN): Promise<Client> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const client = new Client({ name: 'n8n-nodes-enrow e2e', version: '1.0.0' });
		const transport = new StreamableHTTPClientTransport(mcpUrl(path), {
			requestInit: { headers: token ? { authorization: `Bearer ${token}` } : {} },
		});
		try {
			await client.connect(transport);
			clients.push(client);
			return client;
		} catch (error) {
			await client.close().catch(() => undefined);
			// The SDK's StreamableHTTPError carries the HTTP status as `code`.
			if ((error as { code?: unknown }).code !== 404 || Date.now() > deadline) throw error;
			await sleep(500);
		}
	}
}

interface ToolAnswer {
	isError: boolean;
	text: string;
}

async function call(
	client: Client,
	name: string,
	args: Record<string, unknown>,
): Promise<ToolAnswer> {
	const result = await client.callTool({ name, arguments: args });
	const content = result.content as Array<{ type: string; text?: string }>;
	expect(content).toHaveLength(1);
	expect(content[0].type).toBe('text');
	return { isError: result.isError === true, text: content[0].text ?? '' };
}

/** A successful tool answer: n8n returns the node's output items' JSON, as a list. */
async function results(
	client: Client,
	name: string,
	args: Record<string, unknown>,
): Promise<Array<Record<string, unknown>>> {
	const answer = await call(client, name, args);
	expect(answer).toEqual({ isError: false, text: expect.any(String) });
	return JSON.parse(answer.text) as Array<Record<string, unknown>>;
}

/** The text the node declares for an operation as a tool (its `toolDescription` default). */
function declaredToolText(node: INodeType, resource: string, operation: string): unknown {
	return node.description.properties.find(
		(property) =>
			property.name === 'toolDescription' &&
			property.displayOptions?.show?.resource?.includes(resource) &&
			property.displayOptions?.show?.operation?.includes(operation),
	)?.default;
}

describe('example (e) behind its MCP Server Trigger', () => {
	let client: Client;

	beforeAll(async () => {
		client = await timed(
			'MCP client connects (initialize)',
			async () => await connect('enrow-tools'),
		);
	});

	it('refuses MCP clients without the Bearer token', async () => {
		const refused = { code: 403, message: expect.stringContaining('Authorization data is wrong') };
		await expect(connect('enrow-tools', null)).rejects.toMatchObject(refused);
		await expect(connect('enrow-tools', 'not-the-token')).rejects.toMatchObject(refused);
	});

	it("tells the client how to choose between the tools (the trigger's instructions)", () => {
		expect(client.getServerVersion()?.name).toBe('Enrow_MCP_server');
		const instructions = client.getInstructions() ?? '';
		for (const name of Object.values(TOOLS)) expect(instructions).toContain(name);
	});

	it("lists the four tools, each with its operation's description and its $fromAI inputs", async () => {
		const { tools } = await client.listTools();
		const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
		expect(Object.keys(byName).sort()).toEqual(Object.values(TOOLS).sort());

		const enrow = new Enrow();
		const vec = new ValidEmailChecker();
		const expected: Record<string, unknown> = {
			[TOOLS.find]: declaredToolText(enrow, 'emailFinder', 'find'),
			[TOOLS.verify]: declaredToolText(enrow, 'emailVerifier', 'verify'),
			[TOOLS.vec]: declaredToolText(vec, 'email', 'verify'),
			[TOOLS.balance]: declaredToolText(enrow, 'account', 'get'),
		};
		for (const [name, text] of Object.entries(expected)) {
			expect(typeof text).toBe('string');
			expect(byName[name].description).toBe(text);
			// Not n8n's generated minimum, "Find an email in Enrow".
			expect(byName[name].description!.length).toBeGreaterThan(250);
		}
		expect(byName[TOOLS.find].description).toContain('1 Enrow credit when an email is found');
		expect(byName[TOOLS.verify].description).toContain('0.25 Enrow credit per address');
		expect(byName[TOOLS.vec].description).toContain('1 ValidEmailChecker credit per address');
		expect(byName[TOOLS.balance].description).toContain('Free');

		const find = byName[TOOLS.find].inputSchema;
		expect(find.type).toBe('object');
		expect(find.required).toEqual(['fullName']);
		expect(find.properties).toEqual({
			fullName: {
				type: 'string',
				description: "The person's first and last name, e.g. Dwight Schrute",
			},
			companyDomain: expect.objectContaining({
				type: 'string',
				description: expect.stringContaining('dundermifflin.com'),
				default: '',
			}),
			companyName: expect.objectContaining({
				type: 'string',
				description: expect.stringContaining('Dunder Mifflin'),
				default: '',
			}),
		});
		for (const name of [TOOLS.verify, TOOLS.vec]) {
			expect(byName[name].inputSchema).toEqual(
				expect.objectContaining({
					type: 'object',
					required: ['email'],
					properties: {
						email: { type: 'string', description: expect.stringContaining('email address') },
					},
				}),
			);
		}
		expect(byName[TOOLS.balance].inputSchema.properties ?? {}).toEqual({});
	});

	it('finds a work email, and says so when there is none (refunded)', async () => {
		simulator.reset();
		const [found] = await results(client, TOOLS.find, {
			fullName: 'Dwight Schrute',
			companyDomain: 'https://www.dundermifflin.com/',
		});
		expect(found).toEqual(
			expect.objectContaining({
				found: true,
				email: 'dwight.schrute@dundermifflin.com',
				qualification: 'valid',
				companyDomain: 'dundermifflin.com',
				status: 'completed',
			}),
		);
		const [missing] = await results(client, TOOLS.find, {
			fullName: 'Nobody Atall',
			companyDomain: '',
			companyName: 'Stealth Startup',
		});
		expect(missing).toEqual(
			expect.objectContaining({ found: false, email: null, status: 'completed' }),
		);
		const stats = simulator.stats();
		expect(stats.requestsByRoute['POST /email/find/single']).toBe(2);
		expect(stats.credits).toEqual(expect.objectContaining({ reserved: 2, charged: 1 }));
	});

	it("verifies an address with Enrow's verifier", async () => {
		const [good] = await results(client, TOOLS.verify, { email: 'pam.beesly@dundermifflin.com' });
		expect(good).toEqual(
			expect.objectContaining({
				email: 'pam.beesly@dundermifflin.com',
				valid: true,
				qualification: 'valid',
				status: 'completed',
			}),
		);
		const [bad] = await results(client, TOOLS.verify, { email: 'bounce@dundermifflin.com' });
		expect(bad).toEqual(expect.objectContaining({ valid: false, qualification: 'invalid' }));
	});

	it("verifies an address with ValidEmailChecker's detailed verdict", async () => {
		const before = simulator.stats().vec.calls;
		const [safe] = await results(client, TOOLS.vec, { email: 'pam.beesly@dundermifflin.com' });
		expect(safe).toEqual(
			expect.objectContaining({ status: 'safe', is_valid: true, credits_used: 1 }),
		);
		const [throwaway] = await results(client, TOOLS.vec, { email: 'someone@mailinator.com' });
		expect(throwaway).toEqual(
			expect.objectContaining({ status: 'disposable', is_valid: false, is_disposable: true }),
		);
		expect(simulator.stats().vec.calls - before).toBe(2);
	});

	it('reads the Enrow credit balance for free', async () => {
		const [balance] = await results(client, TOOLS.balance, {});
		expect(balance).toEqual({ credits: expect.any(Number), webhooks: expect.any(Array) });
	});

	it("records each call as an execution of the workflow, with the tool's run", async () => {
		const deadline = Date.now() + 30_000;
		let executions = await n8n.api.listExecutions({ workflowId: example.id, includeData: true });
		while (
			executions.some((execution) => execution.status !== 'success') ||
			executions.length < 7
		) {
			if (Date.now() > deadline) break;
			await sleep(300);
			executions = await n8n.api.listExecutions({ workflowId: example.id, includeData: true });
		}
		const toolRuns = executions.map((execution) =>
			Object.keys(execution.data?.resultData.runData ?? {}).filter(
				(name) => name !== 'Enrow MCP server',
			),
		);
		expect(executions.map((execution) => execution.status)).toEqual(Array(7).fill('success'));
		expect(toolRuns.flat().sort()).toEqual([
			'Enrow credit balance',
			'Find work email with Enrow',
			'Find work email with Enrow',
			'Verify email with Enrow',
			'Verify email with Enrow',
			'Verify email with ValidEmailChecker',
			'Verify email with ValidEmailChecker',
		]);
	});
});

describe('a workflow built from example (e)', () => {
	let client: Client;

	beforeAll(async () => {
		client = await connect('enrow-tools-variant');
	});

	it('a tool in "Pause and resume" mode answers in the call, without pausing', async () => {
		simulator.reset();
		const started = Date.now();
		const [verdict] = await results(client, TOOLS.verify, { email: 'angela@dundermifflin.com' });
		reportTiming('MCP tool call, Enrow verify in webhook mode (polled)', Date.now() - started);
		expect(verdict).toEqual(
			expect.objectContaining({
				email: 'angela@dundermifflin.com',
				valid: true,
				status: 'completed',
			}),
		);
		const stats = simulator.stats();
		expect(stats.jobs).toHaveLength(1);
		// Polled: no resume URL handed to Enrow, the result read with GETs.
		expect(stats.jobs[0].webhook ?? null).toBeNull();
		expect(stats.gets).toBeGreaterThan(0);
		const waiting = await n8n.api.listExecutions({ workflowId: variant.id, status: 'waiting' });
		expect(waiting).toEqual([]);
	});

	it('a call above Max Credits is refused with a message the model can relay, and nothing is sent', async () => {
		simulator.reset();
		const answer = await call(client, TOOLS.find, {
			fullName: 'Dwight Schrute',
			companyDomain: 'dundermifflin.com',
		});
		process.stderr.write(`[e2e] refused call: ${answer.text}\n`);
		expect(answer.isError).toBe(true);
		expect(answer.text).toContain('This run may cost up to 1 credit, more than Max Credits (0.5)');
		expect(answer.text).toContain('Nothing was sent to Enrow');
		expect(simulator.stats().posts).toBe(0);
	});
});
