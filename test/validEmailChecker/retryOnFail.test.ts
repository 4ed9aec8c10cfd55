/**
 * n8n's Settings → Retry On Fail runs the whole node again (n8n-core's real WorkflowExecute, in
 * the harness). An address an earlier try verified, and paid for, is not verified again.
 */
import type { Simulator } from '../../simulator';
import { emails, requestsSent, runVerify, useSimulator } from './vecRun';

let sim: Simulator;
useSimulator((started) => (sim = started));

it('a retry verifies only the addresses the earlier try did not', async () => {
	// The first address is refused once: with On Error "Continue" the first output item carries
	// an error, and n8n retries the node.
	sim.addFault({
		match: { path: '/api/verify-single' },
		type: 'status',
		status: 400,
		body: { error: 'Email is required' },
	});
	const result = await runVerify(sim, {
		input: emails('a@acme.io', 'b@acme.io', 'c@acme.io', 'd@acme.io', 'e@acme.io'),
		options: { concurrency: 1 },
		continueOnFail: true,
		nodeOverrides: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
	});

	expect(result.status).toBe('success');
	expect(result.output.map((item) => item.json.email)).toEqual([
		'a@acme.io',
		'b@acme.io',
		'c@acme.io',
		'd@acme.io',
		'e@acme.io',
	]);
	expect(result.output.every((item) => item.json.error === undefined)).toBe(true);
	// Try 1: a (refused), b, c, d, e. Try 2: a only.
	expect(requestsSent(sim)).toBe(6);
});
