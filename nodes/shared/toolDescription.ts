import type { INodeProperties } from 'n8n-workflow';

/**
 * What an AI model reads about an operation when the node is used as a tool (its tool variant,
 * e.g. "Enrow Tool", under an AI Agent or an MCP Server Trigger). n8n 2.x takes a tool's
 * description from its `toolDescription` parameter; when a node declares none, n8n adds its own,
 * whose automatic text is only "<action> in <node name>" ("Verify an email in Enrow"). Declared
 * per operation and shown only in the tool variant (`@tool`), this one's default is the
 * operation's own text, which reaches the model unless the user writes another.
 */
export function toolDescriptionProperty(text: string): INodeProperties {
	return {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 6 },
		default: text,
		displayOptions: { show: { '@tool': [true] } },
		description:
			'What the AI model is told about this tool: what it does, when to use it, what it costs and what it answers. Prefilled for this operation; add your own rules if you like.',
	};
}
