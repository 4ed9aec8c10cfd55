import { ROW_REFERENCE_MAX_LENGTH } from '../../EnrowApi/jobKinds';
import type { NodeError } from '../../shared/asNodeError';
import { asNodeError } from '../../shared/asNodeError';
import { readText } from '../../shared/readText';
import type { ItemOutcomes } from './itemOutcomes';
import type { ItemParameters, JobInputReader } from './jobOperation';
import type { PlannedInput } from './planJobs';

/** How many bad items an error lists by index before it just counts the rest. */
const LISTED_BAD_ITEMS = 20;

export interface InputsToRead<Fields> {
	params: ItemParameters;
	reader: JobInputReader<Fields>;
	itemCount: number;
	outcomes: ItemOutcomes;
	continueOnFail: boolean;
}

/**
 * Options → Row Reference of one item: text (a number is taken as its text, e.g. a CRM ID
 * 4711 → "4711"), trimmed, invisible characters kept; empty means none. Anything else (an object, a list, true/false)
 * or longer than 255 characters is a bad item, named before anything is sent.
 */
function readRowReference(params: ItemParameters, itemIndex: number): string | undefined {
	return readText(params, 'options.rowReference', itemIndex, {
		label: 'Row Reference',
		maxLength: ROW_REFERENCE_MAX_LENGTH,
		example: '{{ $json.id }} (the CRM record ID)',
		// Handed back as given, to find the user's own record; never compared or searched.
		keepInvisible: true,
	});
}

/**
 * Reads every item's input before anything is sent, so bad items stop the run (without
 * Continue On Fail) before a single credit is spent; the error then names every bad item,
 * so all of them can be fixed in one go. With Continue On Fail each bad item carries its
 * own error.
 */
export function readAllInputs<Fields>(read: InputsToRead<Fields>): Array<PlannedInput<Fields>> {
	const inputs: Array<PlannedInput<Fields>> = [];
	const bad: Array<{ itemIndex: number; error: NodeError }> = [];
	for (let itemIndex = 0; itemIndex < read.itemCount; itemIndex++) {
		try {
			// The reference first: an item that fails on another field still carries it.
			const rowReference = readRowReference(read.params, itemIndex);
			if (rowReference !== undefined) read.outcomes.setRowReference(itemIndex, rowReference);
			const input = read.reader.readInput(read.params, itemIndex);
			inputs.push({ itemIndex, input, rowReference });
		} catch (error) {
			const failure = asNodeError(read.params, error, itemIndex);
			if (read.continueOnFail) read.outcomes.fail(itemIndex, failure);
			else bad.push({ itemIndex, error: failure });
		}
	}
	if (bad.length > 1) {
		const listed = bad.slice(0, LISTED_BAD_ITEMS).map(({ error }) => `- ${error.message}`);
		if (bad.length > LISTED_BAD_ITEMS) listed.push(`- …and ${bad.length - LISTED_BAD_ITEMS} more`);
		const first = bad[0].error;
		first.description =
			`${first.description ?? ''}\n\n${bad.length} items have a problem; nothing was sent to Enrow:\n${listed.join('\n')}`.trim();
	}
	if (bad.length > 0) throw bad[0].error;
	return inputs;
}
