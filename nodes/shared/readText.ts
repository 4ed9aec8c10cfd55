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
	/**
	 * Keep invisible characters (default false). Only for a value that is handed back to the
	 * user to match their own records (Row Reference), never for one that is sent or compared.
	 */
	keepInvisible?: boolean;
}

/**
 * Characters that show as nothing yet make a different text for an API: zero-width space,
 * non-joiner and joiner (U+200B–U+200D), left-to-right and right-to-left marks (U+200E,
 * U+200F), bidirectional embeddings and isolates (U+202A–U+202E, U+2066–U+2069), the word
 * joiner and invisible operators (U+2060–U+2064), deprecated format characters
 * (U+206A–U+206F), byte order mark (U+FEFF), soft hyphen (U+00AD), combining grapheme joiner
 * (U+034F), Arabic letter mark (U+061C), Mongolian vowel separator (U+180E) and the Hangul
 * fillers (U+115F, U+1160, U+3164, U+FFA0). They come with text copied from web pages, PDFs
 * and spreadsheets; sent, a zero-width space in an address is a search that is charged and
 * finds nothing, and makes the same person a second row. Removing the joiners loses nothing
 * a search or an address needs (in Persian or Indic names they only shape the letters).
 */
const INVISIBLE =
	// U+034F outside the class: a combining mark inside one reads as joined to its neighbour.
	/\u034F|[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0]/g;

/** The text without its invisible characters (INVISIBLE). */
export function withoutInvisible(text: string): string {
	return text.replace(INVISIBLE, '');
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
 * Invisible characters are removed before anything else, so the text sent, the text
 * compared for duplicates and the text checked are the one the user sees.
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
		text = (rule.keepInvisible ? value : withoutInvisible(value)).trim();
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
