/** Option parameters set by an expression or an AI agent (nodes/Enrow/engine/choices.ts). */
import { choiceOf, readChoice } from '../../nodes/Enrow/engine/choices';
import { testNode } from '../support/testNode';

const node = testNode('n', 'Enrow', 'n8n-nodes-enrow.enrow');

describe('choiceOf', () => {
	it('reads a value in another case or with spaces as the one the panel offers', () => {
		expect(choiceOf('Bulk', ['single', 'bulk'])).toBe('bulk');
		expect(choiceOf(' SINGLE ', ['single', 'bulk'])).toBe('single');
		expect(choiceOf('PerItem', ['perItem', 'summary'])).toBe('perItem');
		expect(choiceOf('Poll ', ['poll', 'webhook', 'none'])).toBe('poll');
	});

	it('knows nothing else', () => {
		expect(choiceOf('Bulky', ['single', 'bulk'])).toBeUndefined();
		expect(choiceOf('', ['single', 'bulk'])).toBeUndefined();
		expect(choiceOf(1, ['single', 'bulk'])).toBeUndefined();
		expect(choiceOf(undefined, ['single', 'bulk'])).toBeUndefined();
	});
});

describe('readChoice', () => {
	it('refuses anything else, listing the allowed values and naming the item', () => {
		expect(() =>
			readChoice(node, 'Bulky', { label: 'Job Type', allowed: ['single', 'bulk'], itemIndex: 4 }),
		).toThrow('Job Type "Bulky" of item 4 is not one this node knows');
		try {
			readChoice(node, 42, { label: 'Wait Mode', allowed: ['poll', 'webhook', 'none'] });
		} catch (error) {
			expect((error as Error).message).toBe('Wait Mode 42 is not one this node knows');
			expect((error as { description?: string }).description).toBe(
				'Set "Wait Mode" to one of: poll, webhook, none. Nothing was sent to Enrow.',
			);
		}
		expect.assertions(3);
	});
});
