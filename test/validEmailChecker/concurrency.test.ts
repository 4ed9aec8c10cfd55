import type { Simulator } from '../../simulator';
import { emails, requestsSent, resetSimulator, runVerify, useSimulator } from './vecRun';

let sim: Simulator;
useSimulator((started) => (sim = started));

const addresses = (count: number) => Array.from({ length: count }, (_, i) => `person${i}@acme.io`);

describe('concurrency', () => {
	it('verifies in parallel: 50 items at 1 s each with Concurrency 10 take about 5 s, 10 in flight', async () => {
		resetSimulator(sim, { vec: { latencyMs: { min: 1000, max: 1000 } } });
		const started = Date.now();
		const result = await runVerify(sim, {
			input: emails(...addresses(50)),
			options: { concurrency: 10 },
		});
		const elapsedMs = Date.now() - started;

		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(50);
		expect(requestsSent(sim)).toBe(50);
		expect(sim.stats().vec.maxConcurrent).toBe(10);
		// One at a time would take 50 s; loosely bounded so a slow machine does not flake.
		expect(elapsedMs).toBeGreaterThanOrEqual(4500);
		expect(elapsedMs).toBeLessThan(10_000);
	}, 30_000);

	it('uses 5 requests in flight by default', async () => {
		resetSimulator(sim, { vec: { latencyMs: { min: 100, max: 100 } } });
		const result = await runVerify(sim, { input: emails(...addresses(12)) });

		expect(result.status).toBe('success');
		expect(sim.stats().vec.maxConcurrent).toBe(5);
	});

	it('keeps input order and pairing whatever order the answers come back in', async () => {
		resetSimulator(sim, { vec: { latencyMs: { min: 0, max: 150 } } });
		const input = [...addresses(30), 'info@acme.io', 'not an email', 'unknown.person@acme.io'].map(
			(email, index) => ({ email, row: index }),
		);
		const result = await runVerify(sim, {
			input,
			options: { concurrency: 8, includeInputFields: true },
		});

		expect(result.status).toBe('success');
		expect(result.output).toHaveLength(input.length);
		result.output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.row).toBe(index);
			expect(item.json.email).toBe(input[index].email);
		});
		expect(result.output.slice(-3).map((item) => item.json.status)).toEqual([
			'role_account',
			'invalid',
			'unknown',
		]);
		// The answers really did finish out of input order (verified_at is stamped after the latency).
		const finishedAt = result.output
			.filter((item) => item.json.credits_used !== 0 || item.json.status === 'unknown')
			.map((item) => Date.parse(item.json.verified_at as string));
		expect(finishedAt.some((at, index) => index > 0 && at < finishedAt[index - 1])).toBe(true);
	});

	it('caps Concurrency at 20 and treats values below 1 as 1', async () => {
		resetSimulator(sim, { vec: { latencyMs: { min: 100, max: 100 } } });
		await runVerify(sim, { input: emails(...addresses(30)), options: { concurrency: 500 } });
		expect(sim.stats().vec.maxConcurrent).toBe(20);

		resetSimulator(sim, { vec: { latencyMs: { min: 20, max: 20 } } });
		await runVerify(sim, { input: emails(...addresses(4)), options: { concurrency: 0 } });
		expect(sim.stats().vec.maxConcurrent).toBe(1);
	});
});
