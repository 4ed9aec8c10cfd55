/**
 * Section 1b, one child process: how many GETs the poller makes as a job gets longer.
 *
 * 1. Unit level, simulated clock: the node's real waitForJobs() (nodes/Enrow/engine/waitForJobs.ts)
 *    with a fake `now` and a fake `sleep` (both its parameters). Requests go to a fake
 *    `httpRequestWithAuthentication` that says "ongoing" until the fake clock reaches D.
 * 2. Real time: the Enrow node (verify bulk, 10 rows, default 2 s first interval) inside n8n-core
 *    against the simulator, one bulk job of 5 s, 20 s and 80 s, all three side by side.
 */
import type { INode } from 'n8n-workflow';

import { emailVerifierJob } from '../../nodes/EnrowApi/jobKinds/emailVerifier';
import { waitForJobs } from '../../nodes/Enrow/engine/waitForJobs';
import { createEnrowSession, type EnrowContext } from '../../nodes/EnrowApi/transport';
import { startSimulator } from '../../simulator';
import { childMain, log } from '../support/child';
import { verifierRows } from '../support/datasets';
import { runEnrow, VERIFY_BULK } from '../support/enrowRun';

export const SIMULATED_DURATIONS_S = [5, 20, 80, 300, 1200, 3300];
export const REAL_DURATIONS_S = [5, 20, 80];

export interface SimulatedCount {
	durationS: number;
	gets: number;
	/** Fake-clock time when the job was seen done. */
	seenDoneAfterS: number;
}

export interface RealCount {
	durationS: number;
	gets: number;
	wallMs: number;
	status: string;
}

async function simulatedCounts(): Promise<SimulatedCount[]> {
	const counts: SimulatedCount[] = [];
	for (const durationS of SIMULATED_DURATIONS_S) {
		let clock = 0;
		const clockSleep = async (ms: number) => void (clock += ms);
		counts.push(await countWithClock(durationS, () => clock, clockSleep));
	}
	return counts;
}

/** One bulk job of `durationS`, polled by waitForJobs() on a clock that only the fake sleep moves. */
async function countWithClock(
	durationS: number,
	now: () => number,
	sleep: (ms: number) => Promise<void>,
): Promise<SimulatedCount> {
	let gets = 0;
	const node = {
		name: 'Enrow',
		type: 'n8n-nodes-enrow.enrow',
		typeVersion: 1,
		parameters: {},
	} as unknown as INode;
	const context = {
		getNode: () => node,
		getCredentials: async () => ({ apiKey: 'fake', baseUrl: 'http://fake.invalid' }),
		helpers: {
			httpRequestWithAuthentication: async () => {
				gets++;
				const status = now() >= durationS * 1000 ? 'completed' : 'ongoing';
				return { statusCode: 200, headers: {}, body: { general: { id: 'job', status } } };
			},
		},
	} as unknown as EnrowContext;
	const outcomes = await waitForJobs(context, createEnrowSession(), {
		kind: emailVerifierJob,
		jobs: [{ id: 'job', jobType: 'bulk' }],
		settings: { firstIntervalMs: 2000, maxIntervalMs: 30_000, timeoutMs: 60 * 60_000 },
		now,
		sleep,
	});
	if (outcomes.get('job')?.state !== 'completed')
		throw new Error(`job of ${durationS} s not completed`);
	return { durationS, gets, seenDoneAfterS: now() / 1000 };
}

async function realCount(durationS: number): Promise<RealCount> {
	const simulator = await startSimulator({
		config: {
			enrow: { jobDurationMs: { single: 1500, bulkBase: durationS * 1000, bulkPerRow: 0 } },
		},
	});
	try {
		const started = Date.now();
		const result = await runEnrow(simulator.url, VERIFY_BULK, verifierRows(10).rows);
		const wallMs = Date.now() - started;
		log(`poll growth: ${durationS} s job, ${simulator.stats().gets} GETs, ${wallMs} ms`);
		return { durationS, gets: simulator.stats().gets, wallMs, status: result.status };
	} finally {
		await simulator.close();
	}
}

// Only as a child process; the section modules import this file for its types and constants.
if (require.main === module)
	childMain(async () => {
		const simulated = await simulatedCounts();
		const real = await Promise.all(REAL_DURATIONS_S.map(realCount));
		return { simulated, real };
	});
