/**
 * What a model reads about each operation when a node is an AI tool, worked out the way n8n 2.41
 * does it (n8n-workflow's NodeHelpers): n8n makes the tool variant `<node>Tool` of a
 * `usableAsTool` node, adding its own `descriptionType` / `toolDescription` parameters unless the
 * node declares `toolDescription`; a workflow's node parameters get their defaults for the
 * variant; `getToolDescriptionForNode` then gives the description. (test/e2e/mcpTools.e2e.ts
 * checks what an MCP client receives from a real n8n.)
 */
import { NodeHelpers, type INode, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { ValidEmailChecker } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node';
import { Enrow } from '../../nodes/Enrow/Enrow.node';
import { operationMenus } from '../support/operationMenus';

/** What n8n's tool generation (n8n/dist/tool-generation/ai-tools.js) gives our description. */
function toolVariant(node: INodeType): INodeTypeDescription {
	const declaresOwn = node.description.properties.some(
		(property) => property.name === 'toolDescription',
	);
	// n8n adds its own `descriptionType` ("Set Automatically": "<action> in <name>") otherwise.
	expect(declaresOwn).toBe(true);
	return { ...node.description, name: `${node.description.name}Tool` };
}

const operationsOf = (description: INodeTypeDescription) => operationMenus(description.properties);

function nodeWith(type: INodeTypeDescription, parameters: Record<string, string>): INode {
	const node: INode = {
		id: 'tool',
		name: 'Tool',
		type: `n8n-nodes-test.${type.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	// As n8n's Workflow does with every node it loads: parameters with their defaults.
	node.parameters =
		NodeHelpers.getNodeParameters(type.properties, parameters, true, false, node, type) ?? {};
	return node;
}

const NODES: Array<[string, INodeType, string]> = [
	['Enrow', new Enrow(), 'Enrow'],
	['ValidEmailChecker', new ValidEmailChecker(), 'ValidEmailChecker'],
];

describe.each(NODES)('%s as a tool', (_label, nodeType, service) => {
	const tool = toolVariant(nodeType);

	describe.each(operationsOf(tool))('$resource → $operation ($action)', (operation) => {
		const parameters = { resource: operation.resource, operation: operation.operation };
		const node = nodeWith(tool, parameters);
		const description = NodeHelpers.getToolDescriptionForNode(node, { description: tool });

		it("reaches the model as the operation's own text, not n8n's generated minimum", () => {
			expect(description).toBe(node.parameters.toolDescription);
			expect(description).not.toBe(NodeHelpers.makeDescription(parameters, tool));
			expect(description.length).toBeGreaterThan(250);
			expect(description).toContain(service);
		});

		it('says when to use it, what it costs and what the answer holds', () => {
			expect(description).toMatch(/\buse it\b|\bprefer\b/i);
			expect(description).toMatch(/\bFree\b|\bCost: /);
			expect(description).toMatch(/\bAnswer: a JSON list\b/);
		});

		it('ends as a sentence, without doubled spaces', () => {
			expect(description).not.toMatch(/ {2}/);
			expect(description).toMatch(/\.$/);
		});
	});

	it('gives every operation its own text', () => {
		const texts = operationsOf(tool).map(
			(operation) =>
				nodeWith(tool, { resource: operation.resource, operation: operation.operation }).parameters
					.toolDescription,
		);
		expect(new Set(texts).size).toBe(texts.length);
	});

	it('shows the Tool Description only in the tool variant', () => {
		const [first] = operationsOf(tool);
		const plain = nodeWith(nodeType.description, {
			resource: first.resource,
			operation: first.operation,
		});
		expect(plain.parameters).not.toHaveProperty('toolDescription');
	});

	it("keeps a description the user wrote, as n8n's own field does", () => {
		const [first] = operationsOf(tool);
		const node = nodeWith(tool, {
			resource: first.resource,
			operation: first.operation,
			toolDescription: 'Only for leads of the Paris office.',
		});
		expect(NodeHelpers.getToolDescriptionForNode(node, { description: tool })).toBe(
			'Only for leads of the Paris office.',
		);
	});
});

it('the paid Enrow operations state their price per call or per row', () => {
	const tool = toolVariant(new Enrow());
	const text = (resource: string, operation: string) =>
		String(nodeWith(tool, { resource, operation }).parameters.toolDescription);
	expect(text('emailFinder', 'find')).toContain('1 Enrow credit when an email is found');
	expect(text('emailFinder', 'findBulk')).toContain('1 Enrow credit per row');
	expect(text('emailVerifier', 'verify')).toContain('0.25 Enrow credit per address');
	expect(text('emailVerifier', 'verifyBulk')).toContain('0.25 Enrow credit per address');
	expect(text('phoneFinder', 'find')).toContain('40 Enrow credits per number found');
	expect(text('phoneFinder', 'findBulk')).toContain('40 Enrow credits per row');
	for (const [resource, operation] of [
		['emailFinder', 'find'],
		['emailVerifier', 'verifyBulk'],
		['phoneFinder', 'findBulk'],
	]) {
		expect(text(resource, operation)).toContain('Max Credits');
	}
});
