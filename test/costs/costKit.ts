/**
 * What the cost tests (test/costs) count: the requests and credits of a run of the Enrow node
 * (real execute() in n8n-core, test/harness) as the simulator saw them, and what the same rows
 * cost when each is sent as a job of its own (the loop a user writes without this package).
 */
import type { INodeParameters } from 'n8n-workflow';

import { startSimulator, type Simulator, type SimulatorStats } from '../../simulator';
import { runEnrow } from '../integration/enrowKit';
import { finderRows, verifierRows, type DataSet } from './datasets';

export type Kind = 'verify' | 'find';

/** Enrow's per-job row limit for bulk operations (README, "Credits and limits"). */
export const BULK_LIMIT = 5000;
/** Credits per row: a verification is charged whatever its verdict; a find only when found. */
export const VERIFY_PRICE = 0.25;

export const dataFor = (kind: Kind, n: number): DataSet =>
	kind === 'verify' ? verifierRows(n) : finderRows(n);

export function parametersFor(kind: Kind, bulk: boolean, waitMode: string): INodeParameters {
	const fields =
		kind === 'verify'
			? { resource: 'emailVerifier', email: '={{ $json.email }}' }
			: {
					resource: 'emailFinder',
					fullName: '={{ $json.fullName }}',
					companyDomain: '={{ $json.companyDomain }}',
				};
	const operation = `${kind}${bulk ? 'Bulk' : ''}`;
	return { ...fields, operation, waitMode };
}

/** The API paths of a kind's jobs. */
export const PATHS: Record<Kind, { bulk: string; single: string }> = {
	verify: { bulk: '/email/verify/bulk', single: '/email/verify/single' },
	find: { bulk: '/email/find/bulk', single: '/email/find/single' },
};

export interface Counts {
	/** Job-starting POSTs, bulk and single. */
	posts: number;
	/** Reads of the jobs (GETs on their routes). */
	jobReads: number;
	/** Reads of the account's balance (the credit guard, before a run of several jobs). */
	accountReads: number;
	jobs: number;
	rowsSent: number;
	credits: number;
	maxPostsInAnyOneSecond: number;
	rateLimited: number;
}

export function countsOf(stats: SimulatorStats, kind: Kind): Counts {
	const on = (method: string, path: string) => stats.requestsByRoute[`${method} ${path}`] ?? 0;
	const { bulk, single } = PATHS[kind];
	return {
		posts: on('POST', bulk) + on('POST', single),
		jobReads: on('GET', bulk) + on('GET', single),
		accountReads: on('GET', '/account/info'),
		jobs: stats.jobsCreated,
		rowsSent: stats.jobs.reduce((sum, job) => sum + job.rows, 0),
		credits: stats.credits.charged,
		maxPostsInAnyOneSecond: stats.maxPostsAttemptedInAnyOneSecond,
		rateLimited: stats.requests.filter((request) => request.status === 429).length,
	};
}

/** What the node pays for a bulk run of the data set: duplicates once, bad syntax never. */
export function bulkCost(
	kind: Kind,
	data: DataSet,
): { posts: number; rowsSent: number; credits: number } {
	return {
		posts: Math.ceil(data.unique / BULK_LIMIT),
		rowsSent: data.unique,
		credits: kind === 'verify' ? VERIFY_PRICE * data.unique : data.uniqueFound,
	};
}

/** What one job per row pays: every row it can send, duplicates included, one POST each. */
export function oneJobPerRowCost(
	kind: Kind,
	data: DataSet,
): { posts: number; jobs: number; credits: number } {
	return {
		posts: data.rows.length,
		jobs: data.acceptedOneByOne,
		credits: kind === 'verify' ? VERIFY_PRICE * data.acceptedOneByOne : data.allFound,
	};
}

/** A simulator whose jobs are done as soon as they start: each job is read once. */
export async function startInstantSimulator(): Promise<Simulator> {
	return await startSimulator({
		config: { enrow: { jobDurationMs: { single: 0, bulkBase: 0, bulkPerRow: 0 } } },
	});
}

/**
 * A bulk run of N rows in poll mode, checked against what the data set says it must cost: one
 * POST per 5,000 unique rows, credits for unique rows only, fewer than one job per row pays.
 */
export async function expectBulkCosts(simulator: Simulator, kind: Kind, n: number): Promise<void> {
	const data = dataFor(kind, n);
	const result = await runEnrow(simulator, parametersFor(kind, true, 'poll'), { input: data.rows });
	expect(result.status).toBe('success');
	expect(result.output.filter((item) => item.json.status === 'completed')).toHaveLength(n);

	const counts = countsOf(simulator.stats(), kind);
	const cost = bulkCost(kind, data);
	expect(counts).toEqual({
		...cost,
		jobs: cost.posts,
		// Jobs done at once: each is read once. The balance is read before a run of several jobs.
		jobReads: cost.posts,
		accountReads: cost.posts > 1 ? 1 : 0,
		maxPostsInAnyOneSecond: expect.any(Number),
		rateLimited: 0,
	});
	expect(counts.maxPostsInAnyOneSecond).toBeLessThanOrEqual(10);
	// Against one job per row (100,000 rows: 18 POSTs instead of 100,000), the duplicates and
	// impossible addresses cost nothing.
	const oneByOne = oneJobPerRowCost(kind, data);
	expect(counts.posts).toBeLessThanOrEqual(oneByOne.posts);
	if (data.duplicates > 0) expect(counts.credits).toBeLessThan(oneByOne.credits);
}
