import type { IDataObject } from 'n8n-workflow';

/** How an Enrow job was started: one search/verification, or a list of rows. */
export type JobType = 'single' | 'bulk';

/** Both job types, single first, as menus, events and errors list them. */
export const JOB_TYPES: readonly JobType[] = ['single', 'bulk'];

/** Per-job settings Enrow takes in `settings`. Rows with different settings go to different jobs. */
export interface JobSettings {
	webhook?: string;
	country_code?: string;
	retrieve_gender?: boolean;
}

/** A row of a job and the key Enrow echoes back with its result. */
export interface BulkRow<Fields> {
	/** The node's own row key: matches a bulk job's result rows to input items. */
	ref: string;
	fields: Fields;
	/** The users' row references of the items this row answers (rowReferences.ts), in input order. */
	references: string[];
}

/** A completion notification Enrow sends, as the Enrow Trigger offers it. */
export interface EnrowEventName {
	name: string;
	label: string;
}

/**
 * What Enrow's API does for one kind of job (email finder, email verifier, phone finder):
 * its endpoints, limits and events, the request bodies, and how its answers read. The
 * Enrow node's job engine and the Enrow Trigger both work from this; what the node asks
 * of its user for each kind lives with the node's actions.
 */
export interface EnrowJobKind<Fields, SingleResult, ResultRow> {
	/** For messages: "email search", "email verification", "phone search". */
	noun: string;
	paths: Record<JobType, string>;
	/** Enrow's per-job row limit. */
	bulkLimit: number;
	/**
	 * The most one row can cost, in credits: what Enrow reserves for it when the job starts,
	 * before refunds (finder 1, verifier 0.25, phone 50: 40 on current plans, 50 on legacy ones).
	 */
	maxCreditsPerRow: number;
	/** How a row is named in cost formulas: "search", "address", "phone search". */
	rowNoun: string;
	/**
	 * The `qualification` values Enrow documents for a finished single job of this kind (its
	 * verdicts). Any other value, `ongoing` included, means the job is not finished (readJob.ts).
	 */
	finalQualifications: readonly string[];
	/** The notification Enrow sends when a job of this kind finishes. */
	events: Record<JobType, EnrowEventName>;
	/**
	 * The reference of a row when Enrow gives rows no echo of ours (verifier rows: the
	 * address itself). Without it, rows get generated references sent as `custom`.
	 */
	rowRef?(fields: Fields): string;
	/** A single job's request; `references` go in its `custom` (rowReferences.ts). */
	singleBody(fields: Fields, settings: JobSettings, references: string[]): IDataObject;
	bulkBody(rows: Array<BulkRow<Fields>>, settings: JobSettings): IDataObject;
	/** The row key of a result row, matching `BulkRow.ref`; `sentRows` is the job's rows in sent order. */
	resultRowRef(row: ResultRow, sentRows: Array<BulkRow<Fields>>): string | undefined;
	/** The row references Enrow echoes for a result row of a bulk job; `body` is the whole answer. */
	resultRowReferences(row: ResultRow, body: IDataObject): string[];
	/**
	 * The simplified output of a finished job's result: a single job's answer, or one row of a
	 * bulk job's (`jobType` says which); `fields` are what was sent for it, when known. The job's
	 * reader (EnrowApi/jobAnswer.ts) adds `jobId` and `status`.
	 */
	simplify(
		result: SingleResult | ResultRow,
		jobType: JobType,
		fields: Fields | undefined,
	): IDataObject;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobKind = EnrowJobKind<any, any, any>;

/** A request body with its `custom` (row references, rowReferences.ts), left out when there is none. */
export function withCustom(
	body: IDataObject,
	custom: IDataObject | string | undefined,
): IDataObject {
	return custom === undefined ? body : { ...body, custom };
}

/** A request body with its `settings`, left out when there are none. */
export function withSettings(body: IDataObject, settings: JobSettings): IDataObject {
	return Object.keys(settings).length > 0 ? { ...body, settings } : body;
}
