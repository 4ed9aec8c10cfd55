/**
 * ValidEmailChecker's real limits (as its docs give them), in real time against the simulator at its
 * documented defaults: 60 requests per account in any rolling 60 s. The scenarios wait for
 * 60 s windows, so they run side by side (each with its own simulator, so its own account).
 */
import { startSimulator, type Simulator, type SimulatorConfigPatch } from '../../simulator';
import { emails, runVerify, VERIFY_ROUTE } from './vecRun';

const addresses = (count: number, tag: string) =>
	emails(...Array.from({ length: count }, (_, i) => `person${i}.${tag}@acme.io`));

async function withSimulator<T>(
	config: SimulatorConfigPatch,
	work: (sim: Simulator) => Promise<T>,
): Promise<T> {
	const sim = await startSimulator({ config });
	try {
		return await work(sim);
	} finally {
		await sim.close();
	}
}

/** Seconds after `startedAt` at which the simulator received each verification request. */
function receivedAfter(sim: Simulator, startedAt: number): number[] {
	return sim
		.stats()
		.requests.filter((request) => `${request.method} ${request.path}` === VERIFY_ROUTE)
		.map((request) => (request.at - startedAt) / 1000);
}

const LATENCY = { latencyMs: { min: 500, max: 1500 } };

describe('ValidEmailChecker at its documented limits (60 requests a minute per account)', () => {
	it.concurrent(
		'150 addresses at Concurrency 10: no 429, never more than 60 in a minute, the first 60 at once',
		async () =>
			await withSimulator({ vec: LATENCY }, async (sim) => {
				expect(sim.stats().vec).toMatchObject({ rateLimited: { perMinute: 0, perDay: 0 } });
				const started = Date.now();
				const result = await runVerify(sim, {
					input: addresses(150, 'c10'),
					options: { concurrency: 10 },
				});
				const elapsedS = (Date.now() - started) / 1000;

				expect(result.status).toBe('success');
				expect(result.output).toHaveLength(150);
				expect(result.output.every((item) => item.json.status === 'safe')).toBe(true);
				const stats = sim.stats();
				expect(stats.vec.rateLimited).toEqual({ perMinute: 0, perDay: 0 });
				expect(stats.requestsByRoute[VERIFY_ROUTE]).toBe(150);
				expect(stats.vec.maxCallsInAnyMinute).toBe(60);
				expect(stats.vec.maxConcurrent).toBe(10);
				const received = receivedAfter(sim, started);
				// Far from the limit nothing waits: 60 at 10 at a time, 0.5–1.5 s each.
				expect(received[59]).toBeLessThan(15);
				// The rest at 60 a minute: about N / 60 minutes beyond the first 60.
				expect(received[60]).toBeGreaterThanOrEqual(60);
				expect(received[120]).toBeGreaterThanOrEqual(120);
				expect(elapsedS).toBeLessThan(150);
			}),
		200_000,
	);

	it.concurrent(
		'two nodes one after the other with the same credential share the pace: the second waits, no 429',
		async () =>
			await withSimulator({ vec: { ...LATENCY, perMinuteLimit: 20 } }, async (sim) => {
				const started = Date.now();
				const first = await runVerify(sim, {
					input: addresses(20, 'first'),
					options: { concurrency: 10 },
				});
				const second = await runVerify(sim, {
					input: addresses(10, 'second'),
					options: { concurrency: 10 },
				});

				expect(first.status).toBe('success');
				expect(second.status).toBe('success');
				expect(second.output.map((item) => item.json.status)).toEqual(Array(10).fill('safe'));
				const stats = sim.stats();
				expect(stats.vec.rateLimited.perMinute).toBe(0);
				expect(stats.vec.maxCallsInAnyMinute).toBe(20);
				// The second node's requests waited for the first node's to leave the window.
				expect(receivedAfter(sim, started)[20]).toBeGreaterThanOrEqual(60);
			}),
		200_000,
	);

	it.concurrent(
		'another workflow on the same account (another key): its 429s are waited out as the answers say, every item gets its result',
		async () =>
			await withSimulator(
				{
					vec: {
						...LATENCY,
						perMinuteLimit: 20,
						apiKeys: {
							'prod-key': { credits: 100, account: 'acme' },
							'ops-key': { credits: 100, account: 'acme' },
						},
					},
				},
				async (sim) => {
					const started = Date.now();
					const other = await runVerify(sim, {
						input: addresses(20, 'other'),
						apiKey: 'ops-key',
						options: { concurrency: 10 },
					});
					const mine = await runVerify(sim, {
						input: addresses(5, 'mine'),
						apiKey: 'prod-key',
						options: { concurrency: 5 },
					});

					expect(other.status).toBe('success');
					expect(mine.status).toBe('success');
					expect(mine.output.map((item) => item.json.status)).toEqual(Array(5).fill('safe'));
					const stats = sim.stats();
					// Its first requests could not know: refused once each, then waited as told.
					expect(stats.vec.rateLimited.perMinute).toBe(5);
					expect(stats.requestsByRoute[VERIFY_ROUTE]).toBe(30);
					expect(stats.vec.blockedIps).toEqual([]);
					expect(stats.vec.creditsCharged).toBe(25);
					expect(
						receivedAfter(sim, started)
							.slice(-5)
							.every((at) => at >= 60),
					).toBe(true);
				},
			),
		200_000,
	);
});
