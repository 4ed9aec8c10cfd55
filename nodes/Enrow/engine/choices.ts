import { NodeOperationError, type INode } from 'n8n-workflow';

/**
 * An option parameter's value, as its panel would have set it. Set by an expression or an AI
 * agent it may come in another case or with spaces ("Bulk", " SINGLE "): read it as meant.
 * Undefined when it names none of `allowed`.
 */
export function choiceOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
	if (typeof value !== 'string') return undefined;
	const wanted = value.trim().toLowerCase();
	return allowed.find((choice) => choice.toLowerCase() === wanted);
}

export interface Choice<T extends string> {
	/** The parameter's name in the panel, e.g. "Job Type". */
	label: string;
	allowed: readonly T[];
	/** What each value means, when its name alone does not say (the panel's labels). */
	meaning?: string;
	/** Set when the parameter is read per item: the error names the item. */
	itemIndex?: number;
}

/**
 * The parameter's value, or an error that lists the allowed values: thrown before anything is
 * sent, so a wrong value costs nothing and is not taken for a network fault.
 */
export function readChoice<T extends string>(node: INode, value: unknown, choice: Choice<T>): T {
	const known = choiceOf(value, choice.allowed);
	if (known !== undefined) return known;
	const { label, allowed, meaning, itemIndex } = choice;
	const given = typeof value === 'string' ? `"${value}"` : JSON.stringify(value ?? null);
	const where = itemIndex === undefined ? '' : ` of item ${itemIndex}`;
	throw new NodeOperationError(node, `${label} ${given}${where} is not one this node knows`, {
		itemIndex,
		description: `Set "${label}" to one of: ${allowed.join(', ')}${meaning ? ` (${meaning})` : ''}. Nothing was sent to Enrow.`,
	});
}
