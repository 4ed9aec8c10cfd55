/**
 * What the nodes rely on that older n8n versions lack or name differently: the execution's
 * custom data (1.123.81 and 2.0.3 have no `this.customData`, only the store behind
 * `$execution.customData`), tool calls (no `isToolExecution()` there, only the tool variant's node type),
 * and n8n-workflow's NodeConnectionTypes (missing before about n8n 1.85: the nodes then refuse
 * to load with a message that says which n8n they need).
 */
import type { IExecuteFunctions, INode, IWorkflowExecutionCustomData } from 'n8n-workflow';

import { executionCustomData } from '../../nodes/Enrow/engine/executionCustomData';
import { isToolCall } from '../../nodes/Enrow/engine/runOptions';
import { pauseWouldLoseResults } from '../../nodes/Enrow/engine/subWorkflowPause';

function store(): IWorkflowExecutionCustomData {
	const values = new Map<string, string>();
	return {
		set: (key, value) => void values.set(key, value),
		setAll: (all) => Object.entries(all).forEach(([key, value]) => values.set(key, value)),
		get: (key) => values.get(key) as string,
		getAll: () => Object.fromEntries(values),
	};
}

/** A node context as n8n's: `customData` (newer n8n), or only the `$execution` keys (1.123.81, 2.0.3). */
function contextWith(fields: object): IExecuteFunctions {
	return fields as unknown as IExecuteFunctions;
}

describe("the execution's custom data", () => {
	it('is this.customData where n8n has it', () => {
		const customData = store();
		expect(executionCustomData(contextWith({ customData }))).toBe(customData);
	});

	it('is the store behind $execution.customData on n8n 1.123.81 and 2.0.3, whose contexts have no customData', () => {
		const customData = store();
		const context = contextWith({ additionalKeys: { $execution: { customData } } });
		expect(executionCustomData(context)).toBe(customData);
	});

	it('is missing when neither holds a store (the node then polls instead of pausing)', () => {
		expect(executionCustomData(contextWith({}))).toBeUndefined();
		expect(
			executionCustomData(contextWith({ additionalKeys: { $execution: {} } })),
		).toBeUndefined();
		const copied = { set: undefined, get: undefined }; // what an expression engine hands back
		expect(
			executionCustomData(contextWith({ additionalKeys: { $execution: { customData: copied } } })),
		).toBeUndefined();
	});
});

describe('a tool call', () => {
	const context = (type: string, isToolExecution?: () => boolean) => ({
		getNode: () => ({ type }) as INode,
		getNodeParameter: () => undefined,
		isToolExecution,
	});

	it('is what isToolExecution() says where n8n has it', () => {
		expect(isToolCall(context('n8n-nodes-enrow.enrow', () => true))).toBe(true);
	});

	it("is the tool variant's node type on n8n 1.123.81 and 2.0.3, which have no isToolExecution()", () => {
		expect(isToolCall(context('n8n-nodes-enrow.enrowTool'))).toBe(true);
		expect(isToolCall(context('n8n-nodes-enrow.enrow'))).toBe(false);
	});
});

describe('a pause inside a sub-workflow', () => {
	afterEach(() => jest.resetModules());
	const subWorkflow = { getMode: () => 'integrated' };

	it('keeps its results on n8n 2.x, so the node pauses there', () => {
		expect(pauseWouldLoseResults(subWorkflow)).toBe(false);
	});

	it('would hand the parent its input on n8n 1.x (no validateWorkflowHasTriggerLikeNode), so the node polls', () => {
		jest.doMock('n8n-workflow', () => {
			const { validateWorkflowHasTriggerLikeNode: _, ...v1 } =
				jest.requireActual<Record<string, unknown>>('n8n-workflow');
			return v1;
		});
		jest.isolateModules(() => {
			const { pauseWouldLoseResults: onV1 } = require('../../nodes/Enrow/engine/subWorkflowPause');
			expect(onV1(subWorkflow)).toBe(true);
			expect(onV1({ getMode: () => 'webhook' })).toBe(false); // not a sub-workflow
		});
	});
});

describe('on an n8n whose n8n-workflow has no NodeConnectionTypes', () => {
	afterEach(() => jest.resetModules());

	it.each([
		['Enrow', '../../nodes/Enrow/Enrow.node'],
		['Enrow Trigger', '../../nodes/EnrowTrigger/EnrowTrigger.node'],
		[
			'ValidEmailChecker',
			'../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node',
		],
	])('the %s node refuses to load, naming the n8n it needs', (name, file) => {
		jest.doMock('n8n-workflow', () => ({
			...jest.requireActual<object>('n8n-workflow'),
			NodeConnectionTypes: undefined,
		}));
		expect(() => jest.isolateModules(() => require(file))).toThrow(
			`The ${name} node needs n8n 1.123.81 or newer; this n8n is older (its n8n-workflow has no NodeConnectionTypes). Update n8n to use it.`,
		);
	});
});
