import { NodeOperationError, type INode } from 'n8n-workflow';

export interface TextRule {
	/** The parameter's label as the user sees it. */
	label: string;
	required?: boolean;
	maxLength: number;
	/** What a good value looks like, for the error message. */
	example: string;
	/** Accept a number as its text (default true). False where a number can only be a wrong mapping. */
	numbersAsText?: boolean;
}

function describeType(value: unknown): string {
	if (value === null) return 'empty (null)';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Reads a text parameter for one item and checks it, so a bad row gets an error that
 * names the item, the field and the fix instead of a confusing answer from the API.
 * Numbers are accepted as text (a domain or ID typed in a spreadsheet may arrive as one).
 */
export function readText(
	context: {
		getNode(): INode;
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown): unknown;
	},
	parameter: string,
	itemIndex: number,
	rule: TextRule,
): string | undefined {
	const value = context.getNodeParameter(parameter, itemIndex, '');
	let text: string;
	if (value === undefined || value === null || value === '') {
		text = '';
	} else if (typeof value === 'string') {
		text = value.trim();
	} else if (typeof value === 'number' && Number.isFinite(value) && rule.numbersAsText !== false) {
		text = String(value);
	} else {
		throw new NodeOperationError(
			context.getNode(),
			`${rule.label} of item ${itemIndex} is ${describeType(value)}, not text`,
			{
				itemIndex,
				description: `Map a text field into "${rule.label}", for example ${rule.example}.`,
			},
		);
	}
	if (text.length > rule.maxLength) {
		throw new NodeOperationError(
			context.getNode(),
			`${rule.label} of item ${itemIndex} is ${text.length.toLocaleString('en-US')} characters long (at most ${rule.maxLength})`,
			{
				itemIndex,
				description: `Check what is mapped into "${rule.label}": it should look like ${rule.example}.`,
			},
		);
	}
	if (!text && rule.required) {
		throw new NodeOperationError(context.getNode(), `${rule.label} of item ${itemIndex} is empty`, {
			itemIndex,
			description: `"${rule.label}" is required. Map it from the previous node, for example ${rule.example}, or remove this item before the "${context.getNode().name}" node.`,
		});
	}
	return text || undefined;
}
