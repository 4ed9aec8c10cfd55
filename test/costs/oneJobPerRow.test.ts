/**
 * The baseline the cost tests compare the node with: the loop a user writes without this package,
 * one single-job POST per row, then a read of each job until it is done (as Enrow's SDKs poll),
 * straight HTTP to the simulator. It pays for every row Enrow accepts, duplicates included:
 * `oneJobPerRowCost` in costKit.ts, checked here against the simulator at 2,000 rows (the data
 * sets repeat every 100 rows; 2,000 keep the file near 10 s). The simulator's
 * 10 POST/s limit is lifted: a loop that keeps to it needs N/10 s to submit N rows (100,000
 * rows: 2 h 47 min) and sends the same requests.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import { ENROW_KEY } from '../integration/enrowKit';
import {
	countsOf,
	dataFor,
	oneJobPerRowCost,
	PATHS,
	startInstantSimulator,
	type Kind,
} from './costKit';

const ROWS = 2000;
const CONCURRENCY = 50;

async function oneJobPerRow(url: string, kind: Kind, rows: IDataObject[]): Promise<void> {
	const headers = { 'x-api-key': ENROW_KEY, 'content-type': 'application/json' };
	const path = `${url}${PATHS[kind].single}`;
	const one = async (row: IDataObject) => {
		const body =
			kind === 'verify'
				? { email: row.email }
				: { fullname: row.fullName, company_domain: row.companyDomain };
		const started = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
		const { id } = (await started.json()) as { id?: string };
		if (!started.ok || !id) return;
		for (;;) {
			const read = await fetch(`${path}?id=${encodeURIComponent(id)}`, { headers });
			const job = (await read.json()) as IDataObject;
			if (read.status !== 202 && job.qualification !== 'ongoing') return;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	};
	let next = 0;
	const lane = async () => {
		while (next < rows.length) await one(rows[next++]);
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, lane));
}

describe('One job per row (the loop without this package)', () => {
	let simulator: Simulator;
	beforeAll(async () => {
		simulator = await startInstantSimulator();
		simulator.configure({ enrow: { rateLimitPerSecond: 1_000_000 } });
	});
	beforeEach(() => simulator.reset());
	afterAll(async () => await simulator.close());

	it.each<Kind>(['verify', 'find'])(
		'%s, 2,000 rows: a POST per row, a job per row Enrow accepts, each paid, duplicates included',
		async (kind) => {
			const data = dataFor(kind, ROWS);
			await oneJobPerRow(simulator.url, kind, data.rows);
			const cost = oneJobPerRowCost(kind, data);
			expect(countsOf(simulator.stats(), kind)).toEqual(
				expect.objectContaining({ ...cost, jobReads: cost.jobs, rowsSent: cost.jobs }),
			);
		},
	);
});
