import type { IDataObject } from 'n8n-workflow';

import type { ItemParameters } from '../../shared/itemParameters';

export type { ItemParameters };

export type JobType = 'single' | 'bulk';

/** Per-job settings Enrow takes in `settings`. Rows with different settings go to different jobs. */
export interface JobSettings {
	webhook?: string;
	country_code?: string;
	retrieve_gender?: boolean;
}

export interface JobInput<Fields> {
	fields: Fields;
	settings: JobSettings;
}

/** A row of a bulk job and the reference Enrow echoes back with its result. */
export interface BulkRow<Fields> {
	ref: string;
	fields: Fields;
}

/**
 * Everything that differs between Enrow's three kinds of job (email finder, email
 * verifier, phone finder). The shared machinery in this folder does the rest: start,
 * pace, wait, pair results with items, shape output.
 */
export interface JobKind<Fields, SingleResult, ResultRow> {
	/** For messages: "email search", "email verification", "phone search". */
	noun: string;
	/** Where to read a job later, e.g. 'Email Finder → Get a finder result'. */
	getResultLabel: string;
	singlePath: string;
	bulkPath: string;
	/** Enrow's per-job row limit. */
	bulkLimit: number;
	/** Reads and checks one item's parameters; throws a NodeOperationError naming the item and the fix. */
	readInput(context: ItemParameters, itemIndex: number): JobInput<Fields>;
	/** A result that needs no request (an address that cannot exist): spends nothing. */
	resultWithoutRequest?(fields: Fields): IDataObject | undefined;
	/** Identical inputs share one row, one charge and one result. */
	dedupeKey(fields: Fields): string;
	/**
	 * The reference of a row when Enrow gives rows no echo of ours (verifier rows: the
	 * address itself). Without it, rows get generated references sent as `custom`.
	 */
	rowRef?(fields: Fields): string;
	singleBody(fields: Fields, settings: JobSettings): IDataObject;
	bulkBody(rows: Array<BulkRow<Fields>>, settings: JobSettings): IDataObject;
	/** The reference of a result row, matching `BulkRow.ref`; `sentRows` is the job's rows in sent order. */
	resultRowRef(row: ResultRow, sentRows: Array<BulkRow<Fields>>): string | undefined;
	simplifySingle(result: SingleResult, fields: Fields | undefined, jobId: string): IDataObject;
	simplifyRow(row: ResultRow, fields: Fields | undefined, jobId: string): IDataObject;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobKind = JobKind<any, any, any>;
