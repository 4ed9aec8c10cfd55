/**
 * What the canvas shows under each node (issue 16 §6): the chosen operation as its menu labels
 * it, and the trigger's events by name, evaluated by n8n's own expression engine as the editor
 * does (`workflow.expression.getSimpleParameterValue`), never raw values like "findBulk: emailFinder".
 */
import {
	NodeHelpers,
	Workflow,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';

import { Enrow } from '../../nodes/Enrow/Enrow.node';
import { EnrowTrigger } from '../../nodes/EnrowTrigger/EnrowTrigger.node';
import { ValidEmailChecker } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node';
import { operationMenus } from '../support/operationMenus';
import { testNode } from '../support/testNode';

function subtitleOf(nodeType: INodeType, parameters: INodeParameters): unknown {
	const node = testNode('subtitle', 'Node', 'test.node');
	node.parameters =
		NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			parameters,
			true,
			false,
			node,
			nodeType.description,
		) ?? {};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		node,
		nodeType.description.subtitle,
		'internal',
		{},
	);
}

describe.each([
	['Enrow', new Enrow(), 10, 'Find an email'],
	['ValidEmailChecker', new ValidEmailChecker(), 1, 'Verify an email'],
])('%s node subtitle', (_name, nodeType, operationCount, defaultAction) => {
	const operations = operationMenus(nodeType.description.properties);

	it('covers every operation of the menus', () => {
		expect(operations).toHaveLength(operationCount);
	});

	it.each(operations)(
		'$resource → $operation reads "$action"',
		({ resource, operation, action }) => {
			expect(subtitleOf(nodeType, { resource, operation })).toBe(action);
		},
	);

	it('shows the default operation by its label on a node just added', () => {
		expect(subtitleOf(nodeType, {})).toBe(defaultAction);
	});
});

describe('Enrow Trigger subtitle', () => {
	const trigger = new EnrowTrigger();

	it('says "Every finished job" when every event is selected (the default)', () => {
		expect(subtitleOf(trigger, {})).toBe('Every finished job');
	});

	it('names the selected events by their labels', () => {
		expect(subtitleOf(trigger, { events: ['bulk_search_finished'] })).toBe(
			'Bulk Email Search Finished',
		);
		expect(
			subtitleOf(trigger, { events: ['single_search_finished', 'bulk_verification_finished'] }),
		).toBe('Email Search Finished (Single), Bulk Verification Finished');
	});

	it('says when no event is selected', () => {
		expect(subtitleOf(trigger, { events: [] })).toBe('No events selected');
	});
});
