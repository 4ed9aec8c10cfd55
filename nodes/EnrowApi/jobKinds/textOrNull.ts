/** A text field of an Enrow answer for the simplified output: the text, or null when absent or empty. */
export function textOrNull(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}
