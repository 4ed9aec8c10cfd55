import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../../shared/isObject';

/**
 * Row references (the Enrow node's Options → Row Reference, e.g. a CRM record ID) travel to
 * Enrow in `custom`, which Enrow echoes with the result: in the GET answer and in the
 * webhook notification, so the Enrow Trigger and Get Result can give them back. Where
 * `custom` goes, and its type, are Enrow's (as its docs give them; the README's "Where Enrow's
 * docs disagree" lists where their revisions differ):
 *
 * - Single jobs: the request's `custom`, an object for the email finder and verifier
 *   (`{"rowReferences":["crm-1"]}`) and a string for the phone finder (as one docs revision types it):
 *   the same object as JSON text.
 * - Email finder and phone finder bulk rows: the row's `custom`, a string, which already
 *   carries the node's own row key ("r0", "r1"…) that matches result rows to input items.
 *   A row without references keeps sending just its key, as before; with references it
 *   sends JSON text holding both: `{"row":"r0","rowReferences":["crm-1","crm-2"]}`.
 * - Email verifier bulk rows are bare addresses (no per-row `custom`; rows are matched by
 *   address): the batch-level `custom` object, which Enrow echoes as `general.custom`,
 *   maps each address (lowercased, trimmed) to its references:
 *   `{"rowReferences":{"pam@dundermifflin.com":["crm-1"]}}`.
 * - Phone bulk jobs also send that batch-level map, keyed by the row's position (Enrow's
 *   phone results have an integer `index`, the position; its docs show them without the
 *   row's `custom`): `{"rowReferences":{"0":["crm-1"]}}`, read when a row comes back
 *   without its own `custom`.
 *
 * A row sent once for duplicates (same person or address, one charge) carries every
 * reference of its duplicates, in input order, so a result read back from Enrow can be
 * given to each of them. What the user sees is always the decoded `rowReference` text,
 * never this encoding (except in the raw `custom` field when Simplify is off).
 */
const ROW_REFERENCES_KEY = 'rowReferences';

/** The longest reference the node sends (CRM IDs are 10–40 characters). */
export const ROW_REFERENCE_MAX_LENGTH = 255;

/** A JSON text that holds an object, parsed; anything else undefined. */
function objectFromText(value: unknown): IDataObject | undefined {
	if (isObject(value)) return value;
	if (typeof value !== 'string' || !value.trimStart().startsWith('{')) return undefined;
	try {
		const parsed: unknown = JSON.parse(value);
		return isObject(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

function textList(value: unknown): string[] {
	return Array.isArray(value)
		? value.filter((entry): entry is string => typeof entry === 'string' && entry !== '')
		: [];
}

/** A single job's `custom`: an object, or undefined when there is nothing to send. */
export function singleJobCustom(references: string[]): IDataObject | undefined {
	return references.length > 0 ? { [ROW_REFERENCES_KEY]: [...references] } : undefined;
}

/** A finder or phone bulk row's `custom` text: the row key alone, or the key and its references. */
export function bulkRowCustom(rowKey: string, references: string[]): string {
	if (references.length === 0) return rowKey;
	return JSON.stringify({ row: rowKey, [ROW_REFERENCES_KEY]: references });
}

/** The node's row key in a bulk row's echoed `custom` (either form above). */
export function rowKeyOfCustom(custom: unknown): string | undefined {
	const encoded = objectFromText(custom);
	if (encoded) return typeof encoded.row === 'string' ? encoded.row : undefined;
	return typeof custom === 'string' ? custom : undefined;
}

/** The references in an echoed single-job or bulk-row `custom` (none when it is not ours). */
export function referencesInCustom(custom: unknown): string[] {
	return textList(objectFromText(custom)?.[ROW_REFERENCES_KEY]);
}

/**
 * A bulk job's batch-level `custom`: row key (a verifier's address, a phone row's position)
 * → references; undefined when no row has any.
 */
export function batchReferencesCustom(
	rows: Array<{ key: string; references: string[] }>,
): IDataObject | undefined {
	const map: Record<string, string[]> = {};
	for (const { key, references } of rows) {
		// An address sent twice (Deduplicate off) is one key: its rows' references together.
		for (const reference of references) {
			const list = (map[key] ??= []);
			if (!list.includes(reference)) list.push(reference);
		}
	}
	return Object.keys(map).length > 0 ? { [ROW_REFERENCES_KEY]: map } : undefined;
}

/** The references a bulk job's echoed `general.custom` gives a row key. */
export function batchReferencesOf(generalCustom: unknown, key: string): string[] {
	const map = objectFromText(generalCustom)?.[ROW_REFERENCES_KEY];
	return isObject(map) ? textList(map[key]) : [];
}

/**
 * A result read back from Enrow, once per reference it carries: duplicates sent as one row
 * each get their own item. No reference: the result as it is.
 */
export function oncePerReference(json: IDataObject, references: string[]): IDataObject[] {
	if (references.length === 0) return [json];
	return references.map((rowReference) => ({ ...json, rowReference }));
}
