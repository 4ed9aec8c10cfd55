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
 */
export class ItemOutcomes {
	private readonly results = new Map<number, IDataObject>();

	private readonly failures = new Map<number, Failure>();

	constructor(
		private readonly items: INodeExecutionData[],
		private readonly shape: OutputShape,
	) {}

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
			if (failure) return { ...failure.extra, error: failure.error.message };
			return this.results.get(index) ?? {};
		});
	}

	toOutput(): INodeExecutionData[] {
		return this.items.map((_, index) => {
			const failure = this.failures.get(index);
			if (failure) {
				return failureItem(this.items, index, failure.error, failure.extra, this.shape);
			}
			return resultItem(this.items, index, this.results.get(index) ?? {}, this.shape);
		});
	}
}
