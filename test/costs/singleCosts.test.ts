/**
 * Single operations ("Find an email", "Verify an email") over 150 items in each wait mode: what
 * they send and pay, and that the node paces its job-starting POSTs under Enrow's 10 a second by
 * itself (the counts of `npm run bench` section 5 that do not depend on timing; its wall times
 * stay in the bench). Polling and "Return Job ID Immediately" start one job per item, 15 s for
 * 150 items: the runs go side by side, each against its own simulator (its own pace), and the
 * file takes about 20 s.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import type { RunNodeResult } from '../harness';
import { shortenPrePauseReads } from '../support/injected';
import { runEnrow } from '../integration/enrowKit';
import {
	bulkCost,
	countsOf,
	dataFor,
	parametersFor,
	startInstantSimulator,
	VERIFY_PRICE,
	type Counts,
	type Kind,
} from './costKit';

// Jobs here take a few hundred milliseconds: read them once before pausing, not for 2 s.
shortenPrePauseReads();

const ITEMS = 150;
const KINDS: Kind[] = ['verify', 'find'];

interface Run {
	kind: Kind;
	waitMode: string;
	result: RunNodeResult;
	counts: Counts;
}

async function runAlone(kind: Kind, waitMode: string): Promise<Run> {
	const simulator: Simulator = await startInstantSimulator();
	try {
		const result = await runEnrow(simulator, parametersFor(kind, false, waitMode), {
			input: dataFor(kind, ITEMS).rows,
		});
		return { kind, waitMode, result, counts: countsOf(simulator.stats(), kind) };
	} finally {
		await simulator.close();
	}
}

describe('Single operations: requests, credits and pacing', () => {
	let runs: Run[];
	beforeAll(async () => {
		runs = await Promise.all(
			KINDS.flatMap((kind) =>
				['poll', 'none', 'webhook'].map(async (mode) => await runAlone(kind, mode)),
			),
		);
	}, 120_000);
	const runOf = (kind: Kind, waitMode: string) =>
		runs.find((run) => run.kind === kind && run.waitMode === waitMode)!;
	const statuses = (result: RunNodeResult) =>
		result.output.map((item) => (item.json as IDataObject).status);

	it.each(KINDS)(
		'%s, "Pause and resume when Enrow calls back": the items go as one bulk job, duplicates once, bad syntax never',
		(kind) => {
			const { result, counts } = runOf(kind, 'webhook');
			// The job is done before the node's reads before pausing: the run ends without a pause.
			expect(result.status).toBe('success');
			expect(statuses(result).every((status) => status === 'completed')).toBe(true);
			const cost = bulkCost(kind, dataFor(kind, ITEMS));
			expect(counts).toEqual(
				expect.objectContaining({ ...cost, jobs: 1, jobReads: 1, rateLimited: 0 }),
			);
		},
	);

	const modes = [
		['poll', 'Poll Until Done'],
		['none', 'Return Job ID Immediately'],
	] as const;
	it.each(KINDS.flatMap((kind) => modes.map(([mode, name]) => [kind, name, mode] as const)))(
		'%s, "%s": one job per item (duplicates too, bad syntax never), at most 10 POSTs in any second, no 429',
		(kind, _, waitMode) => {
			const data = dataFor(kind, ITEMS);
			const { result, counts } = runOf(kind, waitMode);
			expect(result.status).toBe('success');
			// Polling: every item completed. Otherwise the items sent are "ongoing" (their job IDs),
			// an address that fails the syntax check "completed" (invalid, for free).
			const state = waitMode === 'poll' ? 'completed' : 'ongoing';
			expect(statuses(result).filter((status) => status === state)).toHaveLength(
				waitMode === 'poll' ? ITEMS : ITEMS - data.badSyntax,
			);
			const sent = ITEMS - data.badSyntax;
			expect(counts).toEqual({
				posts: sent,
				jobs: sent,
				rowsSent: sent,
				credits: kind === 'verify' ? VERIFY_PRICE * sent : data.allFound,
				jobReads: waitMode === 'none' ? 0 : sent,
				accountReads: 1,
				maxPostsInAnyOneSecond: expect.any(Number),
				rateLimited: 0,
			});
			expect(counts.maxPostsInAnyOneSecond).toBeLessThanOrEqual(10);
		},
	);
});
