/**
 * The example workflows and the demo's sample, checked without n8n: every connection leads to a
 * node, our nodes' parameters are ones the nodes declare (with valid resource/operation values),
 * credentials are referenced as the demo creates them, and the sample looks like a real CRM export.
 * (`npm run test:browser` runs the examples in a real n8n.)
 */
import * as fs from 'fs';

import type { INodeProperties, INodeType } from 'n8n-workflow';

import { Enrow } from '../../nodes/Enrow/Enrow.node';
import { EnrowTrigger } from '../../nodes/EnrowTrigger/EnrowTrigger.node';
import { ValidEmailChecker } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node';
import { parseCsv, toCsv } from '../../scripts/demo/csv';
import {
	EXAMPLE_CREDENTIALS,
	EXAMPLES,
	enrichLeadsWorkflow,
	loadExample,
	ENRICH_NODES,
	SAMPLE_LEADS_CSV,
	type ExampleKey,
	type ExampleWorkflow,
} from '../../scripts/demo/environment';
import { countOutcomes, joinToInput, leadColumns, leadsToSend } from '../../scripts/demo/summary';

/** Our nodes by the types n8n gives them; `<node>Tool` is the variant n8n makes of a node that is
 *  `usableAsTool` (same parameters: ours declare `toolDescription`, so n8n adds none of its own). */
const OUR_NODES: Record<string, INodeType> = {
	'n8n-nodes-enrow.enrow': new Enrow(),
	'n8n-nodes-enrow.enrowTool': new Enrow(),
	'n8n-nodes-enrow.enrowTrigger': new EnrowTrigger(),
	'n8n-nodes-validemailchecker.validEmailChecker': new ValidEmailChecker(),
	'n8n-nodes-validemailchecker.validEmailCheckerTool': new ValidEmailChecker(),
};

type Connections = Record<string, Record<string, Array<Array<{ node: string; type: string }>>>>;

const keys = Object.keys(EXAMPLES) as ExampleKey[];

describe.each(keys)('example %s', (key) => {
	const workflow = loadExample(key);

	it('carries its fixed id, a name and unique node names', () => {
		expect(workflow.id).toBe(EXAMPLES[key].id);
		expect(workflow.name).toBeTruthy();
		const names = workflow.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
	});

	it('connects only nodes that exist', () => {
		const names = new Set(workflow.nodes.map((node) => node.name));
		for (const [from, outputs] of Object.entries(workflow.connections as Connections)) {
			expect(names).toContain(from);
			for (const [type, targets] of Object.entries(outputs)) {
				for (const target of targets.flat()) {
					expect(names).toContain(target.node);
					expect(target.type).toBe(type);
				}
			}
		}
	});

	it('uses our nodes only under the type n8n gives them from their own package', () => {
		const community = workflow.nodes
			.map((node) => node.type)
			.filter((type) => !type.startsWith('n8n-nodes-base.') && !type.startsWith('@n8n/'));
		for (const type of community) expect(Object.keys(OUR_NODES)).toContain(type);
	});

	it('sets only parameters our nodes declare, with valid option values', () => {
		for (const node of workflow.nodes) {
			const type = OUR_NODES[node.type];
			if (!type) continue;
			const properties = type.description.properties;
			const byName = new Map<string, INodeProperties[]>();
			for (const property of properties) {
				byName.set(property.name, [...(byName.get(property.name) ?? []), property]);
			}
			for (const [name, value] of Object.entries(node.parameters)) {
				expect({ node: node.name, parameter: name, declared: byName.has(name) }).toEqual({
					node: node.name,
					parameter: name,
					declared: true,
				});
				const options = byName
					.get(name)!
					.flatMap((property) =>
						property.type === 'options'
							? (property.options ?? []).map((option) => (option as { value: unknown }).value)
							: [],
					);
				if (options.length && typeof value === 'string' && !value.startsWith('=')) {
					expect(options).toContain(value);
				}
			}
		}
	});

	it('refers to credentials as the demo creates them', () => {
		for (const node of workflow.nodes) {
			for (const [credentialType, reference] of Object.entries(node.credentials ?? {})) {
				const expected = Object.values(EXAMPLE_CREDENTIALS).find(
					(credential) => credential.type === credentialType,
				);
				expect({ node: node.name, id: reference.id }).toEqual({
					node: node.name,
					id: expected?.id,
				});
			}
		}
	});
});

describe('example (e), Enrow tools for AI agents', () => {
	const workflow = loadExample('aiTools');
	const server = workflow.nodes.find(
		(node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger',
	)!;
	const tools = workflow.nodes.filter((node) => /Tool$/.test(node.type));

	it('is an MCP server behind Bearer auth, at the path the README gives', () => {
		expect(server.parameters).toMatchObject({ authentication: 'bearerAuth', path: 'enrow-tools' });
		expect(server.credentials?.httpBearerAuth?.id).toBe(EXAMPLE_CREDENTIALS.mcpToken.id);
		expect(server.webhookId).toBeTruthy();
	});

	it("connects each tool to the server as an ai_tool, and leaves each tool's description to the node", () => {
		expect(tools.map((node) => node.type).sort()).toEqual([
			'n8n-nodes-enrow.enrowTool',
			'n8n-nodes-enrow.enrowTool',
			'n8n-nodes-enrow.enrowTool',
			'n8n-nodes-validemailchecker.validEmailCheckerTool',
		]);
		const connections = workflow.connections as Connections;
		for (const tool of tools) {
			expect(connections[tool.name]).toEqual({
				ai_tool: [[{ node: server.name, type: 'ai_tool', index: 0 }]],
			});
			expect(tool.parameters.toolDescription).toBeUndefined();
			// MCP tool names are node names with other characters than letters, digits, _ and -
			// turned into "_": these stay readable.
			expect(tool.name).toMatch(/^[A-Za-z][A-Za-z ]+[A-Za-z]$/);
		}
	});

	it('lets the model fill the inputs with $fromAI, each with a key and a description', () => {
		const fromAi = /^=\{\{ \$fromAI\('([A-Za-z]+)', `([^`]{20,})`, 'string'(, '')?\) \}\}$/;
		const inputs = tools.flatMap((tool) =>
			Object.entries(tool.parameters)
				.filter(([, value]) => typeof value === 'string' && value.includes('$fromAI'))
				.map(([name, value]) => [tool.name, name, fromAi.exec(value as string)?.[1]]),
		);
		expect(inputs).toEqual([
			['Find work email with Enrow', 'fullName', 'fullName'],
			['Find work email with Enrow', 'companyDomain', 'companyDomain'],
			['Find work email with Enrow', 'companyName', 'companyName'],
			['Verify email with Enrow', 'email', 'email'],
			['Verify email with ValidEmailChecker', 'email', 'email'],
		]);
	});
});

/** The nodes an output of `from` leads to (output `output`, default every output). */
function next(workflow: ExampleWorkflow, from: string, output?: number): string[] {
	const outputs = (workflow.connections as Connections)[from]?.main ?? [];
	const chosen = output === undefined ? outputs : [outputs[output] ?? []];
	return chosen.flat().map((target) => target.node);
}

function nodeNamed(workflow: ExampleWorkflow, name: string) {
	const found = workflow.nodes.find((node) => node.name === name);
	if (!found) throw new Error(`${workflow.name} has no node "${name}"`);
	return found;
}

/** The field names an Edit Fields (Set) node assigns, with their values. */
function assignments(node: { parameters: Record<string, unknown> }): Record<string, unknown> {
	const list = (
		node.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }
	).assignments;
	return Object.fromEntries(list.map((assignment) => [assignment.name, assignment.value]));
}

const stickyTexts = (workflow: ExampleWorkflow) =>
	workflow.nodes
		.filter((node) => node.type === 'n8n-nodes-base.stickyNote')
		.map((node) => String(node.parameters.content));

describe.each([
	['enrichLeads', 'One item per lead', ['name', 'company', 'domain', 'crmRecordId']],
	['bulkWithTrigger', 'One item per lead', ['name', 'company', 'domain', 'crmRecordId']],
] as const)(
	'example %s: a "Map your fields" step right after the source',
	(key, source, fields) => {
		const workflow = loadExample(key);
		const mapping = nodeNamed(workflow, 'Map your fields');
		const finders = workflow.nodes.filter(
			(node) => node.type === 'n8n-nodes-enrow.enrow' && node.parameters.operation === 'findBulk',
		);

		it('comes right after the source and is the only way from it to the rest', () => {
			expect(mapping.type).toBe('n8n-nodes-base.set');
			expect(next(workflow, source)).toEqual(['Map your fields']);
			expect(mapping.parameters.includeOtherFields).toBeUndefined();
		});

		it("maps the source's columns, by expression, to the fields the Enrow node reads", () => {
			const mapped = assignments(mapping);
			expect(Object.keys(mapped)).toEqual(fields);
			for (const value of Object.values(mapped)) expect(String(value)).toMatch(/^=\{\{ \$json\./);
		});

		it('has its Enrow search read only mapped fields', () => {
			expect(finders.length).toBeGreaterThan(0);
			for (const finder of finders) {
				for (const parameter of ['fullName', 'companyDomain', 'companyName']) {
					const read = [...String(finder.parameters[parameter]).matchAll(/\$json\.(\w+)/g)].map(
						(match) => match[1],
					);
					expect(read.length).toBeGreaterThan(0);
					for (const field of read) expect(fields).toContain(field);
				}
			}
		});

		if (key === 'bulkWithTrigger') {
			it('sends the CRM record ID as Row Reference; the trigger branch hands it to the CRM update', () => {
				for (const finder of finders) {
					expect(finder.parameters.options).toMatchObject({
						rowReference: '={{ $json.crmRecordId }}',
					});
				}
				expect(assignments(nodeNamed(workflow, 'Contact to update in your CRM'))).toMatchObject({
					crmRecordId: '={{ $json.rowReference }}',
				});
			});
		}

		it('tells the user, on the canvas, to change the values to their own columns', () => {
			expect(stickyTexts(workflow).join('\n')).toMatch(
				/Map your fields[\s\S]*your (CRM's )?column/,
			);
		});
	},
);

it("example (a)'s result table gives each lead's CRM record ID back", () => {
	const workflow = loadExample('enrichLeads');
	expect(assignments(nodeNamed(workflow, ENRICH_NODES.table)).crmRecordId).toBe(
		'={{ $json.crmRecordId }}',
	);
});

describe('example (b): the job carries the Enrow Trigger as its webhook', () => {
	const workflow = loadExample('bulkWithTrigger');
	const enrow = nodeNamed(workflow, 'Start bulk search (returns at once)');
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-enrow.enrowTrigger')!;

	it("pre-sets Options → Webhook URL to the trigger's Production URL, from n8n's own address", () => {
		expect(enrow.parameters.waitMode).toBe('none');
		const webhookUrl = String((enrow.parameters.options as Record<string, unknown>).webhookUrl);
		const expression = /^=\{\{ (.+?) \}\}(.*)$/.exec(webhookUrl);
		expect(expression).not.toBeNull();
		// What n8n gives the expression: `$execution.resumeUrl` is <WEBHOOK_URL>webhook-waiting/<id>.
		const evaluate = new Function('$execution', `return ${expression![1]};`) as (execution: {
			resumeUrl: string;
		}) => string;
		const base = evaluate({
			resumeUrl: 'https://n8n.example.com/webhook-waiting/4711?signature=0f0f',
		});
		expect(base + expression![2]).toBe(
			`https://n8n.example.com/webhook/${trigger.webhookId}/webhook`,
		);
	});
});

describe.each(keys)(
	"example %s's sticky notes name our nodes' parameters as the editor shows them",
	(key) => {
		const workflow = loadExample(key);
		const properties = workflow.nodes
			.map((node) => OUR_NODES[node.type])
			.filter((type): type is INodeType => type !== undefined)
			.flatMap((type) => type.description.properties);
		/** What the editor shows for each choice: an option's name, a collection entry's displayName. */
		const optionLabels = (property: INodeProperties) =>
			(property.options ?? []).map((option) =>
				'displayName' in option ? option.displayName : option.name,
			);
		const text = stickyTexts(workflow).join('\n');

		it('"Parameter: Value" and "Options → Option"', () => {
			let checked = 0;
			for (const [, label, value] of text.matchAll(/\*\*([A-Z][\w ]+): ([^*]+)\*\*/g)) {
				const property = properties.find((candidate) => candidate.displayName === label);
				if (!property) continue; // not one of our parameters
				checked += 1;
				expect({ label, value, options: optionLabels(property) }).toEqual({
					label,
					value,
					options: expect.arrayContaining([value]),
				});
			}
			for (const [, option] of text.matchAll(/Options → ([A-Z][\w]*(?: [A-Z][\w]*)*)/g)) {
				const collections = properties.filter((property) => property.name === 'options');
				checked += 1;
				expect({
					option,
					declared: collections.some((collection) => optionLabels(collection).includes(option)),
				}).toEqual({
					option,
					declared: true,
				});
			}
			// (b) relies on a Wait Mode and an option, and says so.
			if (key === 'bulkWithTrigger') expect(checked).toBeGreaterThanOrEqual(3);
		});
	},
);

describe('example (c): fixed answers, and a signup even when ValidEmailChecker is down', () => {
	const workflow = loadExample('verifySignup');
	const checker = workflow.nodes.find(
		(node) => node.type === 'n8n-nodes-validemailchecker.validEmailChecker',
	)!;
	const answerNodes = workflow.nodes.filter(
		(node) => node.type === 'n8n-nodes-base.set' && 'message' in assignments(node),
	);

	it('answers the form with the message field only', () => {
		const respond = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.respondToWebhook')!;
		expect(respond.parameters.responseBody).toBe(
			'={{ JSON.stringify({ formSubmittedText: $json.message }) }}',
		);
	});

	it("chooses among fixed texts, never the checker's reason, and promises no welcome email", () => {
		expect(answerNodes.length).toBe(4);
		const texts = answerNodes.map((node) => String(assignments(node).message));
		for (const message of texts) {
			expect(message).not.toMatch(/^=/);
			expect(message).not.toMatch(/welcome|sent/i);
		}
		expect(new Set(texts)).toEqual(
			new Set([
				'Thanks, your account is being created.',
				"This address can't receive email. Please check it and try again.",
				'Please use a permanent email address, not a disposable one.',
			]),
		);
		const everything = JSON.stringify(workflow);
		expect(everything).not.toContain('$json.reason');
		expect(everything).not.toMatch(/we sent|welcome email to/i);
	});

	it('routes every ValidEmailChecker error (5xx, timeout, no credits) to an accepted signup flagged for a later check', () => {
		expect(checker.onError).toBe('continueErrorOutput');
		const onError = next(workflow, checker.name, 1).map((name) => nodeNamed(workflow, name));
		expect(onError).toHaveLength(1);
		expect(assignments(onError[0])).toMatchObject({
			accepted: true,
			checkLater: true,
			message: 'Thanks, your account is being created.',
		});
		// Every answer, checked or not, reaches the form's answer through one node.
		const joins = new Set(answerNodes.flatMap((node) => next(workflow, node.name)));
		expect(joins.size).toBe(1);
	});

	it('leaves a clearly marked placeholder where the account gets created, for accepted signups only', () => {
		const accepted = next(workflow, 'Answer the form');
		expect(accepted).toEqual(['Accepted?']);
		expect(next(workflow, 'Accepted?', 0)).toEqual(['Create the account (your step)']);
		expect(next(workflow, 'Accepted?', 1)).toEqual([]);
	});
});

it('example (a) needs both packages: the Enrow nodes and the ValidEmailChecker node', () => {
	const types = new Set(loadExample('enrichLeads').nodes.map((node) => node.type));
	expect(types).toContain('n8n-nodes-enrow.enrow');
	expect(types).toContain('n8n-nodes-validemailchecker.validEmailChecker');
});

describe('the demo sample (examples/data/leads.csv)', () => {
	const rows = parseCsv(fs.readFileSync(SAMPLE_LEADS_CSV, 'utf8'));

	it('holds about 200 leads with a few duplicates, a few without company and accented names', () => {
		expect(rows.length).toBeGreaterThanOrEqual(180);
		expect(rows.length).toBeLessThanOrEqual(220);
		expect(leadColumns(Object.keys(rows[0]))).toEqual({
			name: 'name',
			company: 'company',
			domain: 'domain',
		});
		const distinct = new Set(rows.map((row) => JSON.stringify(row)));
		expect(rows.length - distinct.size).toBeGreaterThanOrEqual(3);
		expect(rows.filter((row) => !row.company && !row.domain).length).toBeGreaterThanOrEqual(3);
		expect(rows.filter((row) => row.company && !row.domain).length).toBeGreaterThanOrEqual(3);
		expect(rows.filter((row) => /[^\x20-\x7e]/.test(row.name)).length).toBeGreaterThanOrEqual(5);
	});

	it('goes into the "Sample leads" node of the workflow the demo imports, and nothing else changes', () => {
		const leads = leadsToSend(rows, leadColumns(Object.keys(rows[0])));
		const original = loadExample('enrichLeads');
		const demo = enrichLeadsWorkflow({ enrow: { apiKey: 'k' }, vec: { apiKey: 'v' } }, leads);
		const sample = demo.nodes.find((node) => node.name === 'Sample leads');
		expect(JSON.parse(String(sample?.parameters.jsonOutput))).toEqual({ leads });
		expect(demo.nodes.filter((node) => node.name !== 'Sample leads')).toEqual(
			original.nodes.filter((node) => node.name !== 'Sample leads'),
		);
	});

	it('disables only the ValidEmailChecker node when there is no ValidEmailChecker key', () => {
		const demo = enrichLeadsWorkflow({ enrow: { apiKey: 'k' } });
		expect(demo.nodes.filter((node) => node.disabled).map((node) => node.type)).toEqual([
			'n8n-nodes-validemailchecker.validEmailChecker',
		]);
	});
});

describe('demo helpers', () => {
	it('reads and writes CSV with quotes, commas, newlines and a BOM', () => {
		const text = '\uFEFFname,company\r\n"O\'Brien, Renée","Acme ""Labs"""\r\n"Multi\nline",x\n';
		const rows = parseCsv(text);
		expect(rows).toEqual([
			{ name: "O'Brien, Renée", company: 'Acme "Labs"' },
			{ name: 'Multi\nline', company: 'x' },
		]);
		expect(parseCsv(toCsv(rows, ['name', 'company']))).toEqual(rows);
	});

	it('puts the table rows back in input order, duplicates included', () => {
		const input = [
			{ name: 'A', company: 'X', domain: '', title: 'CEO' },
			{ name: 'B', company: '', domain: '', title: '' },
			{ name: 'A', company: 'X', domain: '', title: 'CEO' },
		];
		const verifiedA = {
			name: 'A',
			company: 'X',
			domain: 'x.com',
			email: 'a@x.com',
			outcome: 'verified',
			detail: '',
		};
		const table = [
			{ name: 'B', company: '', domain: '', email: '', outcome: 'skipped', detail: '' },
			verifiedA,
			verifiedA,
		];
		const joined = joinToInput(
			leadsToSend(input, leadColumns(Object.keys(input[0]))),
			input,
			table,
		);
		expect(joined.map((row) => [row.name, row.outcome, row.domain, row.title])).toEqual([
			['A', 'verified', 'x.com', 'CEO'],
			['B', 'skipped', '', ''],
			['A', 'verified', 'x.com', 'CEO'],
		]);
		expect(countOutcomes(joined).get('verified')).toBe(2);
	});
});
