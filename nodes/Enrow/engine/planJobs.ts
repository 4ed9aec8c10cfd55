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
}

export interface PlannedInput<Fields> {
	itemIndex: number;
	input: JobInput<Fields>;
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
 * Deterministic: a resumed execution rebuilds exactly the same plan from the same items.
 */
export function planJobs<Fields>(
	inputs: Array<PlannedInput<Fields>>,
	rules: PlanRules<Fields>,
): Array<PlannedJob<Fields>> {
	if (rules.jobType === 'single') {
		return inputs.map(({ itemIndex, input }) => ({
			jobType: 'single',
			settings: input.settings,
			rows: [{ ref: 'r0', fields: input.fields }],
			itemsByRef: new Map([['r0', [itemIndex]]]),
			itemIndexes: [itemIndex],
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
		const refByKey = new Map<string, { ref: string; job: PlannedJob<Fields> }>();
		for (const { itemIndex, input } of group) {
			const key = rules.deduplicate ? rules.dedupeKey(input.fields) : `#${itemIndex}`;
			const existing = refByKey.get(key);
			if (existing) {
				existing.job.itemsByRef.get(existing.ref)!.push(itemIndex);
				existing.job.itemIndexes.push(itemIndex);
				continue;
			}
			if (!job || job.rows.length >= rules.bulkLimit) {
				job = {
					jobType: 'bulk',
					settings: input.settings,
					rows: [],
					itemsByRef: new Map(),
					itemIndexes: [],
				};
				jobs.push(job);
			}
			const ref = rules.rowRef ? rules.rowRef(input.fields) : `r${nextRef++}`;
			job.rows.push({ ref, fields: input.fields });
			const sharing = job.itemsByRef.get(ref);
			if (sharing) sharing.push(itemIndex);
			else job.itemsByRef.set(ref, [itemIndex]);
			job.itemIndexes.push(itemIndex);
			refByKey.set(key, { ref, job });
		}
	}
	for (const job of jobs) job.itemIndexes.sort((a, b) => a - b);
	return jobs;
}

/** "item 3" or "items 0 to 4,999 (5,000 items)": 0-based, as n8n's own item index. */
export function describeItems(itemIndexes: number[]): string {
	if (itemIndexes.length === 1) return `item ${itemIndexes[0]}`;
	const first = itemIndexes[0];
	const last = itemIndexes[itemIndexes.length - 1];
	return `items ${first.toLocaleString('en-US')} to ${last.toLocaleString('en-US')} (${itemIndexes.length.toLocaleString('en-US')} items)`;
}
