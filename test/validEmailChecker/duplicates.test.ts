import type { Simulator } from '../../simulator';
import { requestsSent, runVerify, useSimulator } from './vecRun';

let sim: Simulator;
useSimulator((started) => (sim = started));

describe('duplicate addresses in one run', () => {
	it('are verified once (one request, one credit); each duplicate gets the result with its own spelling, paired with its own input', async () => {
		const input = [
			{ row: 'a', email: 'Pam.Beesly@DunderMifflin.com' },
			{ row: 'b', email: 'jim@dundermifflin.com' },
			{ row: 'c', email: '  pam.beesly@dundermifflin.com ' },
			{ row: 'd', email: 'PAM.BEESLY@DUNDERMIFFLIN.COM' },
			{ row: 'e', email: 'info@dundermifflin.com' },
		];
		const result = await runVerify(sim, {
			input,
			options: { concurrency: 5, includeInputFields: true },
		});

		expect(result.status).toBe('success');
		expect(requestsSent(sim)).toBe(3);
		expect(sim.stats().vec.creditsCharged).toBe(3);
		const out = result.output.map((item) => item.json);
		expect(result.output.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		expect(out.map((json) => json.row)).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(out.map((json) => json.email)).toEqual([
			'Pam.Beesly@DunderMifflin.com',
			'jim@dundermifflin.com',
			'pam.beesly@dundermifflin.com',
			'PAM.BEESLY@DUNDERMIFFLIN.COM',
			'info@dundermifflin.com',
		]);
		expect(out.map((json) => json.status)).toEqual([
			'safe',
			'safe',
			'safe',
			'safe',
			'role_account',
		]);
		// The column adds up to what was charged: the duplicates were not sent.
		expect(out.map((json) => json.credits_used)).toEqual([1, 1, 0, 0, 1]);
		expect(out[2].verified_at).toBe(out[0].verified_at);
	});

	it('a failed address fails every duplicate, each error naming its own item and the one sent', async () => {
		sim.configure({ vec: { apiKeys: { 'one-credit': { credits: 1 } } } });
		sim.reset();
		const result = await runVerify(sim, {
			input: [{ email: 'b@acme.io' }, { email: 'a@acme.io' }, { email: 'A@acme.io' }],
			apiKey: 'one-credit',
			options: { concurrency: 1 },
			continueOnFail: true,
		});

		expect(requestsSent(sim)).toBe(2);
		const out = result.output.map((item) => item.json);
		expect(out[0].status).toBe('safe');
		expect(out[1].error).toBe(
			'Not enough ValidEmailChecker credits for item 1: "Please purchase more credits to continue"',
		);
		expect(out[2].error).toBe(
			'Not enough ValidEmailChecker credits for item 2: "Please purchase more credits to continue"',
		);
		expect(out[2].errorDescription).toMatch(/Item 2 has the same address as item 1/);
		expect(result.output[2].pairedItem).toEqual({ item: 2 });
	});

	it('an address with an invisible character (zero-width space, soft hyphen, byte order mark) is the same address: sent once, without it', async () => {
		const result = await runVerify(sim, {
			input: [
				{ email: 'pam.beesly@dundermifflin.com' },
				{ email: 'pam.beesly@dunder\u200Bmifflin.com' },
				{ email: '\uFEFFpam.bees\u00ADly@dundermifflin.com' },
			],
		});

		expect(result.status).toBe('success');
		expect(requestsSent(sim)).toBe(1);
		expect(sim.stats().vec.creditsCharged).toBe(1);
		const bodies = sim.stats().requests.map((request) => request.body);
		expect(bodies).toEqual([{ email: 'pam.beesly@dundermifflin.com' }]);
		const out = result.output.map((item) => item.json);
		expect(out.map((json) => [json.email, json.status, json.credits_used])).toEqual([
			['pam.beesly@dundermifflin.com', 'safe', 1],
			['pam.beesly@dundermifflin.com', 'safe', 0],
			['pam.beesly@dundermifflin.com', 'safe', 0],
		]);
	});
});
