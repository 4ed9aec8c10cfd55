import type { BulkRow, JobSettings, JobType } from '../../EnrowApi/jobKinds';
import type { JobInput } from './jobOperation';

/** One Enrow job to start: its rows and, for each row, the input items it answers. */
export interface PlannedJob<Fields> {
	jobType: JobType;
	settings: JobSettings;
	/** A single job has one row. */
	rows: Array<BulkRow<Fields>>;
	/** itemsByRef[ref] = the input item indexes that share this row (duplicates). */
	itemsByRef: Map<string, number[]>;
	/** All input items of the job, in input order. */
	itemIndexes: number[];
	/** A duplicate's own fields (its own spelling), where they are not the row's. */
	duplicateFields: Map<number, Fields>;
}

export interface PlannedInput<Fields> {
	itemIndex: number;
	input: JobInput<Fields>;
	/** Options → Row Reference for this item (e.g. a CRM record ID), when set. */
	rowReference?: string;
}

/** Adds an item's reference to its row's: each once, in input order. */
function addReference(references: string[], reference: string | undefined): void {
	if (reference !== undefined && !references.includes(reference)) references.push(reference);
}

export interface PlanRules<Fields> {
	jobType: JobType;
	/** Enrow's per-job row limit (bulk jobs). */
	bulkLimit: number;
	/** Identical rows are sent once when `deduplicate` is on (bulk jobs). */
	dedupeKey: (fields: Fields) => string;
	deduplicate: boolean;
	/** For rows Enrow matches by content (verifier rows carry no reference: the address is the key). */
	rowRef?: (fields: Fields) => string;
}

/**
 * Groups items into Enrow jobs. Single jobs: one per item. Bulk jobs: items with the same
 * settings share jobs, identical rows (same dedupe key) are sent once, and each job holds
 * at most `bulkLimit` rows. Row references are short strings unique within the run ("r0",
 * "r1"...), since Enrow echoes a row's `custom` as sent and documents it as a string.
 * A row shared by duplicates carries every duplicate's Row Reference (sent once, charged
 * once; see EnrowApi/jobKinds/rowReferences.ts for how they travel in `custom`).
 * Deterministic: a resumed execution rebuilds exactly the same plan from the same items.
 */
export function planJobs<Fields>(
	inputs: Array<PlannedInput<Fields>>,
	rules: PlanRules<Fields>,
): Array<PlannedJob<Fields>> {
	if (rules.jobType === 'single') {
		return inputs.map(({ itemIndex, input, rowReference }) => ({
			jobType: 'single',
			settings: input.settings,
			rows: [{ ref: 'r0', fields: input.fields, references: rowReference ? [rowReference] : [] }],
			itemsByRef: new Map([['r0', [itemIndex]]]),
			itemIndexes: [itemIndex],
			duplicateFields: new Map(),
		}));
	}

	const groups = new Map<string, Array<PlannedInput<Fields>>>();
	for (const entry of inputs) {
		const { webhook, country_code, retrieve_gender } = entry.input.settings;
		const key = `${webhook ?? ''}\n${country_code ?? ''}\n${retrieve_gender === true}`;
		const group = groups.get(key);
		if (group) group.push(entry);
		else groups.set(key, [entry]);
	}

	const jobs: Array<PlannedJob<Fields>> = [];
	let nextRef = 0;
	for (const group of groups.values()) {
		let job: PlannedJob<Fields> | undefined;
		const refByKey = new Map<string, { row: BulkRow<Fields>; job: PlannedJob<Fields> }>();
		for (const { itemIndex, input, rowReference } of group) {
			const key = rules.deduplicate ? rules.dedupeKey(input.fields) : `#${itemIndex}`;
			const existing = refByKey.get(key);
			if (existing) {
				existing.job.itemsByRef.get(existing.row.ref)!.push(itemIndex);
				addReference(existing.row.references, rowReference);
				existing.job.itemIndexes.push(itemIndex);
				existing.job.duplicateFields.set(itemIndex, input.fields);
				continue;
			}
			if (!job || job.rows.length >= rules.bulkLimit) {
				job = {
					jobType: 'bulk',
					settings: input.settings,
					rows: [],
					itemsByRef: new Map(),
					itemIndexes: [],
					duplicateFields: new Map(),
				};
				jobs.push(job);
			}
			const ref = rules.rowRef ? rules.rowRef(input.fields) : `r${nextRef++}`;
			const row = { ref, fields: input.fields, references: rowReference ? [rowReference] : [] };
			job.rows.push(row);
			const sharing = job.itemsByRef.get(ref);
			if (sharing) {
				// Verifier rows are referenced by address: two spellings of one address share a row.
				sharing.push(itemIndex);
				job.duplicateFields.set(itemIndex, input.fields);
			} else {
				job.itemsByRef.set(ref, [itemIndex]);
			}
			job.itemIndexes.push(itemIndex);
			refByKey.set(key, { row, job });
		}
	}
	for (const job of jobs) job.itemIndexes.sort((a, b) => a - b);
	return jobs;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The items an error is about, 0-based as n8n counts them: "item 3", "items 0–4,999",
 * "items 0–99 and 101–5,100 (5,000 items)" when some items between were not part of it,
 * "5,000 items from 0 to 9,999" when they are scattered.
 */
export function describeItems(itemIndexes: number[]): string {
	if (itemIndexes.length === 1) return `item ${count(itemIndexes[0])}`;
	const ranges: Array<[number, number]> = [];
	for (const index of itemIndexes) {
		const last = ranges[ranges.length - 1];
		if (last && index === last[1] + 1) last[1] = index;
		else ranges.push([index, index]);
	}
	const first = itemIndexes[0];
	const lastIndex = itemIndexes[itemIndexes.length - 1];
	if (ranges.length === 1) return `items ${count(first)}–${count(lastIndex)}`;
	if (ranges.length > 3) {
		return `${count(itemIndexes.length)} items from ${count(first)} to ${count(lastIndex)}`;
	}
	const parts = ranges.map(([from, to]) =>
		from === to ? count(from) : `${count(from)}–${count(to)}`,
	);
	const listed = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
	return `items ${listed} (${count(itemIndexes.length)} items)`;
}
