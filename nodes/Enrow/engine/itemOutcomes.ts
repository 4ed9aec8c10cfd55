import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { NodeError } from '../../shared/asNodeError';
import { failureItem, resultItem, type OutputShape } from '../../shared/outputItems';

interface Failure {
	error: NodeError;
	extra: IDataObject;
}

/**
 * What each input item of a run ends with: a result or an error. Collected for every item
 * before anything is output, so one bad item never hides the others' results, and an
 * error thrown without Continue On Fail can still name every job this run started.
 * An item's Row Reference goes with whatever it ends with (result, job still running,
 * dry-run estimate, error), taken from the item itself, never from what Enrow echoes.
 */
export class ItemOutcomes {
	private readonly results = new Map<number, IDataObject>();

	private readonly failures = new Map<number, Failure>();

	private readonly rowReferences = new Map<number, string>();

	constructor(
		private readonly items: INodeExecutionData[],
		private readonly shape: OutputShape,
	) {}

	setRowReference(itemIndex: number, rowReference: string): void {
		this.rowReferences.set(itemIndex, rowReference);
	}

	private withReference(itemIndex: number, json: IDataObject): IDataObject {
		const rowReference = this.rowReferences.get(itemIndex);
		return rowReference === undefined ? json : { ...json, rowReference };
	}

	succeed(itemIndex: number, result: IDataObject): void {
		this.results.set(itemIndex, result);
	}

	fail(itemIndex: number, error: NodeError, extra: IDataObject = {}): void {
		this.failures.set(itemIndex, { error, extra });
	}

	hasFailed(itemIndex: number): boolean {
		return this.failures.has(itemIndex);
	}

	failureOf(itemIndex: number): NodeError | undefined {
		return this.failures.get(itemIndex)?.error;
	}

	/** The failure of the lowest item index, to throw when Continue On Fail is off. */
	firstFailure(): { itemIndex: number; error: NodeError } | undefined {
		let first: number | undefined;
		for (const index of this.failures.keys())
			if (first === undefined || index < first) first = index;
		return first === undefined
			? undefined
			: { itemIndex: first, error: this.failures.get(first)!.error };
	}

	/** Per-item JSON (results and error objects alike), in input order: for summary output. */
	jsonInOrder(): IDataObject[] {
		return this.items.map((_, index) => {
			const failure = this.failures.get(index);
			if (failure) {
				return this.withReference(index, { ...failure.extra, error: failure.error.message });
			}
			return this.withReference(index, this.results.get(index) ?? {});
		});
	}

	toOutput(): INodeExecutionData[] {
		return this.items.map((_, index) => {
			const failure = this.failures.get(index);
			if (failure) {
				const extra = this.withReference(index, failure.extra);
				return failureItem(this.items, index, failure.error, extra, this.shape);
			}
			const result = this.withReference(index, this.results.get(index) ?? {});
			return resultItem(this.items, index, result, this.shape);
		});
	}
}
