import type { IDataObject } from 'n8n-workflow';

import type { EnrowJobKind, JobSettings, JobType } from '../../EnrowApi/jobKinds';
import type { ItemParameters } from '../../shared/itemParameters';

export type { ItemParameters };

/** One item's request, as read from the node's parameters. */
export interface JobInput<Fields> {
	fields: Fields;
	settings: JobSettings;
}

/** What the Enrow node asks of its user for one kind of job, and how it reads that from an item. */
export interface JobInputReader<Fields> {
	/** Reads and checks one item's parameters; throws a NodeOperationError naming the item and the fix. */
	readInput(params: ItemParameters, itemIndex: number): JobInput<Fields>;
	/** Identical inputs share one row, one charge and one result. */
	dedupeKey(fields: Fields): string;
	/** A result that needs no request (an address that cannot exist): spends nothing. */
	resultWithoutRequest?(fields: Fields): IDataObject | undefined;
}

/** A job-starting operation of the Enrow node: the kind of job, how items are read, and how jobs start. */
export interface JobOperation<Fields> {
	kind: EnrowJobKind<Fields, unknown, unknown>;
	input: JobInputReader<Fields>;
	/** One Enrow job per item ('single'), or all items as rows of bulk jobs ('bulk'). */
	jobType: JobType;
	/** Where to read a job later, as the node's menus name it: 'Email Finder → Get Result'. */
	getResultLabel: string;
}
