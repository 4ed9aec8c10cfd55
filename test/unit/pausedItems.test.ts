/**
 * A resumed execution reads its paused items through n8n's expression engine (the webhook
 * context has no getInputData), as one JSON text for speed. It must hand back exactly the items
 * the execution paused with, and still work for items JSON cannot hold.
 */
import {
	Workflow,
	createEmptyRunExecutionData,
	type INodeExecutionData,
	type INodeTypes,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { Enrow } from '../../nodes/Enrow/Enrow.node';
import { readPausedItems } from '../../nodes/Enrow/engine/pausedItems';

const enrow = new Enrow();
const nodeTypes: INodeTypes = {
	getByName: () => enrow,
	getByNameAndVersion: () => enrow,
	getKnownTypes: () => ({}),
};

/** A webhook context whose expressions n8n's own engine evaluates over `items`. */
function resumedWith(items: INodeExecutionData[], evaluated: string[] = []): IWebhookFunctions {
	const workflow = new Workflow({
		nodes: [
			{
				id: '1',
				name: 'Enrow',
				type: 'n8n-nodes-enrow.enrow',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
		connections: {},
		active: false,
		nodeTypes,
	});
	const runExecutionData = createEmptyRunExecutionData();
	return {
		evaluateExpression: (expression: string, itemIndex: number) => {
			evaluated.push(expression);
			return workflow.expression.getParameterValue(
				`=${expression}`,
				runExecutionData,
				0,
				itemIndex,
				'Enrow',
				items,
				'webhook',
				{},
			);
		},
	} as unknown as IWebhookFunctions;
}

describe('readPausedItems', () => {
	it('gives back the paused items exactly: fields, nesting, binary references, pairing', () => {
		const items: INodeExecutionData[] = [
			{
				json: { email: 'pam@dundermifflin.com', crm: { id: 7, tags: ['lead', null] } },
				pairedItem: { item: 0 },
			},
			{
				json: { email: 'Jim.Halpert@DunderMifflin.com ', score: 0.5, active: false },
				pairedItem: { item: 1 },
			},
			{
				json: { email: '' },
				binary: {
					data: {
						id: 'filesystem-v2:abc',
						mimeType: 'text/csv',
						data: 'filesystem-v2',
						fileName: 'leads.csv',
					},
				},
				pairedItem: { item: 2 },
			},
		];
		const evaluated: string[] = [];
		const read = readPausedItems(resumedWith(items, evaluated));
		expect(read).toEqual(items);
		expect(read).not.toBe(items);
		expect(evaluated).toEqual(['{{ JSON.stringify($input.all()) }}']);
	});

	// JSON.stringify fails inside the expression; n8n's engine swallows that error and gives no text.
	it('reads items that JSON cannot hold (a cycle) as they are', () => {
		const crm: Record<string, unknown> = { id: 7 };
		crm.self = crm;
		const items: INodeExecutionData[] = [{ json: { email: 'pam@dundermifflin.com', crm } }];
		const evaluated: string[] = [];
		const read = readPausedItems(resumedWith(items, evaluated));
		expect(read).toHaveLength(1);
		expect(read[0].json.email).toBe('pam@dundermifflin.com');
		const readCrm = read[0].json.crm as Record<string, unknown>;
		expect(readCrm.self).toBe(readCrm);
		expect(evaluated).toEqual(['{{ JSON.stringify($input.all()) }}', '{{ $input.all() }}']);
	});

	it('reads the items as they are when the engine refuses the JSON text (a memory limit, say)', () => {
		const items: INodeExecutionData[] = [{ json: { email: 'pam@dundermifflin.com' } }];
		const resumed = resumedWith(items);
		const refusing = {
			evaluateExpression: (expression: string, itemIndex: number) => {
				if (expression.includes('JSON.stringify'))
					throw new Error('Expression exceeded memory limit of 128MB');
				return resumed.evaluateExpression(expression, itemIndex);
			},
		} as unknown as IWebhookFunctions;
		expect(readPausedItems(refusing)).toEqual(items);
	});
});
