/**
 * The baseline for section 1: what a user does without this package. One single-job POST per
 * row (Enrow's single endpoints), then a GET on it every 2 s until it is done, as Enrow's SDKs
 * poll (`waitForResult`: interval 2 s). Straight HTTP to the simulator, no n8n involved; the
 * simulator counts the requests, jobs and credits.
 */
import type { IDataObject } from 'n8n-workflow';

import { ENROW_KEY } from './enrowRun';

export type NaiveKind = 'verify' | 'find';

export interface NaiveOptions {
	/** POSTs started per second (a polite loop stays under Enrow's 10/s); null: no pacing. */
	postsPerSecond: number | null;
	/** Requests in flight at most. */
	concurrency: number;
	pollMs: number;
}

export interface NaiveResult {
	wallMs: number;
	rejected: number;
	retried429: number;
}

const sleep = async (ms: number) => await new Promise<void>((resolve) => setTimeout(resolve, ms));

function singleBody(kind: NaiveKind, row: IDataObject): IDataObject {
	return kind === 'verify'
		? { email: row.email }
		: { fullname: row.fullName, company_domain: row.companyDomain };
}

const PATHS = { verify: '/email/verify/single', find: '/email/find/single' };

export async function runNaive(
	baseUrl: string,
	kind: NaiveKind,
	rows: IDataObject[],
	options: NaiveOptions,
): Promise<NaiveResult> {
	const headers = { 'x-api-key': ENROW_KEY, 'content-type': 'application/json' };
	const started = Date.now();
	const gapMs = options.postsPerSecond ? 1000 / options.postsPerSecond : 0;
	// One POST after the other, `gapMs` apart (like n8n's HTTP Request batching: 1 item per batch,
	// a fixed interval): a late timer makes the next gap longer, never a burst.
	let turn = Promise.resolve();
	const waitTurn = async () => {
		const mine = turn.then(async () => await sleep(gapMs));
		turn = mine;
		await mine;
	};
	let rejected = 0;
	let retried429 = 0;

	// At most `concurrency` requests in flight; waiting between polls holds no slot.
	let inFlight = 0;
	const queue: Array<() => void> = [];
	const request = async (url: string, init: RequestInit) => {
		if (inFlight >= options.concurrency) await new Promise<void>((resolve) => queue.push(resolve));
		inFlight++;
		try {
			const response = await fetch(url, init);
			return { status: response.status, body: (await response.json()) as IDataObject };
		} finally {
			inFlight--;
			queue.shift()?.();
		}
	};

	const one = async (row: IDataObject): Promise<void> => {
		let id: string | undefined;
		for (;;) {
			if (gapMs > 0) await waitTurn();
			const { status, body } = await request(`${baseUrl}${PATHS[kind]}`, {
				method: 'POST',
				headers,
				body: JSON.stringify(singleBody(kind, row)),
			});
			if (status === 429) {
				retried429++;
				await sleep(1000);
				continue;
			}
			if (status >= 400) rejected++;
			id = typeof body.id === 'string' ? body.id : undefined;
			break;
		}
		if (!id) return;
		for (;;) {
			await sleep(options.pollMs);
			const { status, body } = await request(
				`${baseUrl}${PATHS[kind]}?id=${encodeURIComponent(id)}`,
				{ headers },
			);
			if (status !== 202 && body.qualification !== 'ongoing') return;
		}
	};

	await Promise.all(rows.map(one));
	return { wallMs: Date.now() - started, rejected, retried429 };
}
