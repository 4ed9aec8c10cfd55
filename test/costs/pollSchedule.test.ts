/**
 * How many reads (GETs) a job costs as it gets longer: the node's real waitForJobs() on a
 * simulated clock (its `now` and `sleep` parameters), reading a job that is "ongoing" until the
 * clock reaches its duration. The schedule the README gives ("Wait modes"): the first read after
 * the Poll Interval (2 s by default), then 1.5× longer each round, at most 30 s between reads. So a
 * job's reads grow with the log of its duration until the waits reach 30 s, then by one per
 * 30 s, where polling every 2 s (as Enrow's SDKs do) costs one read per 2 s. (Until issue 28,
 * `npm run bench` section 1b.)
 */
import type { INode } from 'n8n-workflow';

import { emailVerifierJob } from '../../nodes/EnrowApi/jobKinds';
import { createEnrowClient, type EnrowContext } from '../../nodes/EnrowApi/transport';
import { waitForJobs } from '../../nodes/Enrow/engine/waitForJobs';

const FIRST_MS = 2000;
const FACTOR = 1.5;
const CAP_MS = 30_000;

/** The clock times of the reads the README's schedule makes until one finds a job of `durationMs` done. */
function specReadTimes(durationMs: number): number[] {
	const times: number[] = [];
	for (let at = 0, wait = FIRST_MS; at < durationMs; wait = Math.min(CAP_MS, wait * FACTOR)) {
		at += wait;
		times.push(at);
	}
	return times;
}

/** The clock times of waitForJobs()'s reads of one bulk job that lasts `durationMs`. */
async function readTimes(durationMs: number): Promise<number[]> {
	let clock = 0;
	const times: number[] = [];
	const context = {
		getNode: () => ({ name: 'Enrow', type: 'n8n-nodes-enrow.enrow', parameters: {} }) as INode,
		getCredentials: async () => ({ apiKey: 'key', baseUrl: 'http://enrow.invalid' }),
		helpers: {
			httpRequestWithAuthentication: async () => {
				times.push(clock);
				const status = clock >= durationMs ? 'completed' : 'ongoing';
				return { statusCode: 200, headers: {}, body: { general: { id: 'job', status } } };
			},
		},
	} as unknown as EnrowContext;
	const outcomes = await waitForJobs(createEnrowClient(context), {
		kind: emailVerifierJob,
		jobs: [{ id: 'job', jobType: 'bulk' }],
		settings: { firstIntervalMs: FIRST_MS, maxIntervalMs: CAP_MS, timeoutMs: 2 * 3600_000 },
		now: () => clock,
		sleep: async (ms) => void (clock += ms),
	});
	expect(outcomes.get('job')?.state).toBe('completed');
	return times;
}

const minutes = (n: number) => n * 60_000;
const DURATIONS_MS = [5000, 20_000, 80_000, minutes(5), minutes(20), minutes(55)];
const label = (ms: number) => (ms < minutes(2) ? `${ms / 1000} s` : `${ms / 60_000} min`);

describe('Polling: reads per job against its duration', () => {
	it.each(DURATIONS_MS.map((ms) => [label(ms), ms]))(
		'a job of %s is read on the SPEC schedule, and no more',
		async (_, ms) => {
			expect(await readTimes(ms)).toEqual(specReadTimes(ms));
		},
	);

	it('grows with the log of the duration until the waits reach 30 s, then by one read per 30 s', async () => {
		const waits = specReadTimes(minutes(5)).map((at, i, all) => at - (all[i - 1] ?? 0));
		const capped = waits.indexOf(CAP_MS);
		// 2, 3, 4.5 … s: each wait 1.5× the one before, until the cap.
		waits
			.slice(1, capped)
			.forEach((wait, i) => expect(wait).toBeCloseTo(Math.min(CAP_MS, waits[i] * FACTOR)));
		expect(waits.slice(capped).every((wait) => wait === CAP_MS)).toBe(true);
		// Before the cap, reads ≈ log₁.₅ of the duration; after it, 1 more per 30 s.
		const capAt = specReadTimes(minutes(5))[capped - 1];
		expect((await readTimes(capAt)).length).toBe(
			Math.ceil(Math.log(capAt / (FIRST_MS / (FACTOR - 1)) + 1) / Math.log(FACTOR)),
		);
		const late = (await readTimes(minutes(55))).length;
		expect((await readTimes(minutes(55) + 10 * CAP_MS)).length).toBe(late + 10);
	});

	it('reads a job less often than polling every 2 s would, the longer the job the fewer', async () => {
		const savings: number[] = [];
		for (const ms of DURATIONS_MS.slice(1)) {
			const reads = (await readTimes(ms)).length;
			savings.push(Math.ceil(ms / 2000) / reads);
		}
		expect(savings[0]).toBeGreaterThan(1);
		savings.slice(1).forEach((saving, i) => expect(saving).toBeGreaterThan(savings[i]));
	});
});
