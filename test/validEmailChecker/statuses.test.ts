import type { Simulator } from '../../simulator';
import { VERIFICATION_STATUSES } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/helpers/interfaces';
import {
	RESULT_FIELD_NAMES,
	SYNTAX_REASON,
} from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/helpers/verificationResult';
import { emails, requestsSent, runVerify, useSimulator } from './vecRun';

let sim: Simulator;
useSimulator((started) => (sim = started));

/** One address per documented status (the simulator's rules, simulator/validEmailChecker/rules.ts). */
const ADDRESS_FOR_STATUS: Record<(typeof VERIFICATION_STATUSES)[number], string> = {
	safe: 'pam.beesly@dundermifflin.com',
	risky: 'risky.lead@acme.io',
	catch_all: 'jim@catchall.acme.io',
	role_account: 'info@acme.io',
	inbox_full: 'full.mailbox@acme.io',
	unknown: 'unknown.person@acme.io',
	invalid: 'bounce.me@acme.io',
	disposable: 'throwaway@mailinator.com',
	disabled: 'disabled.account@acme.io',
	spamtrap: 'spamtrap@acme.io',
};

const FIELD_TYPES: Record<string, string> = {
	email: 'string',
	status: 'string',
	is_valid: 'boolean',
	is_disposable: 'boolean',
	is_role_account: 'boolean',
	is_catch_all: 'boolean',
	is_free_email: 'boolean',
	mx_found: 'boolean',
	domain: 'string',
	risk_score: 'number',
	deliverability: 'string',
	credits_used: 'number',
	verified_at: 'string',
	reason: 'string',
};

describe('ValidEmailChecker → Verify an email (real n8n-core run against the simulator)', () => {
	it('returns each of the ten statuses with every documented field in its documented type', async () => {
		const statuses = [...VERIFICATION_STATUSES];
		const result = await runVerify(sim, {
			input: emails(...statuses.map((status) => ADDRESS_FOR_STATUS[status])),
		});

		expect(result.status).toBe('success');
		expect(result.output.map((item) => item.json.status)).toEqual(statuses);
		for (const [index, item] of result.output.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			expect(Object.keys(item.json)).toEqual(RESULT_FIELD_NAMES);
			for (const [field, type] of Object.entries(FIELD_TYPES)) {
				expect([field, typeof item.json[field]]).toEqual([field, type]);
			}
			expect(Number.isInteger(item.json.risk_score)).toBe(true);
			expect(['high', 'medium', 'low', 'unknown']).toContain(item.json.deliverability);
		}
		const byStatus = Object.fromEntries(result.output.map((item) => [item.json.status, item.json]));
		expect(byStatus.safe).toMatchObject({ is_valid: true, credits_used: 1 });
		expect(byStatus.role_account).toMatchObject({ is_role_account: true, is_valid: true });
		expect(byStatus.disposable).toMatchObject({ is_disposable: true, is_valid: false });
		// `unknown` is an answer, not an error: refunded by the API.
		expect(byStatus.unknown).toMatchObject({ credits_used: 0, deliverability: 'unknown' });

		const { vec } = sim.stats();
		expect(vec.calls).toBe(10);
		expect(vec.creditsCharged).toBe(9);
	});

	it('does not send an address that fails the syntax check: an invalid result, no credit', async () => {
		const result = await runVerify(sim, {
			input: emails('not-an-email', 'pam@dundermifflin', 'two@@ats.com', 'jim@dundermifflin.com'),
		});

		expect(result.status).toBe('success');
		expect(requestsSent(sim)).toBe(1);
		expect(sim.stats().vec.creditsCharged).toBe(1);
		const [noAt, noDot, twoAts, real] = result.output.map((item) => item.json);
		for (const bad of [noAt, noDot, twoAts]) {
			expect(bad).toMatchObject({
				status: 'invalid',
				is_valid: false,
				mx_found: false,
				credits_used: 0,
				reason: SYNTAX_REASON,
			});
			expect(Object.keys(bad)).toEqual(RESULT_FIELD_NAMES);
		}
		expect(noDot).toMatchObject({ email: 'pam@dundermifflin', domain: 'dundermifflin' });
		expect(real).toMatchObject({ email: 'jim@dundermifflin.com', status: 'safe' });
	});

	it('adds the result to the input fields with Include Input Fields', async () => {
		const result = await runVerify(sim, {
			input: [{ email: 'info@acme.io', crmId: 42, status: 'lead' }],
			options: { includeInputFields: true },
		});

		expect(result.output[0].json).toMatchObject({
			crmId: 42,
			email: 'info@acme.io',
			// Result fields overwrite input fields of the same name.
			status: 'role_account',
		});
	});

	it('evaluates Email per item, trims it, and tolerates a trailing slash in the Base URL', async () => {
		const result = await runVerify(sim, {
			input: [
				{ contact: { mail: '  dwight@schrute-farms.com ' } },
				{ contact: { mail: 'info@acme.io' } },
			],
			email: '={{ $json.contact.mail }}',
			baseUrl: `${sim.url}//`,
		});

		expect(result.status).toBe('success');
		expect(result.output.map((item) => item.json.email)).toEqual([
			'dwight@schrute-farms.com',
			'info@acme.io',
		]);
		const bodies = sim
			.stats()
			.requests.filter((request) => request.path === '/api/verify-single')
			.map((request) => request.body);
		expect(bodies).toEqual(
			expect.arrayContaining([{ email: 'dwight@schrute-farms.com' }, { email: 'info@acme.io' }]),
		);
	});

	it('a 200 whose status is no verdict ("error") is an error for that item and its duplicate, saying what ValidEmailChecker answered; the other items get their results', async () => {
		sim.addFault({
			type: 'status',
			status: 200,
			body: {
				email: 'pam.beesly@dundermifflin.com',
				status: 'error',
				reason: 'Verification service unavailable',
				credits_used: 1,
			},
			match: { method: 'POST', path: '/api/verify-single' },
		});
		const result = await runVerify(sim, {
			input: emails('pam.beesly@dundermifflin.com', 'info@acme.io', 'Pam.Beesly@dundermifflin.com'),
			options: { concurrency: 1 },
			continueOnFail: true,
		});

		expect(result.status).toBe('success');
		const [pam, info, pamAgain] = result.output.map((item) => item.json);
		expect(pam.error).toBe('ValidEmailChecker gave no verdict for item 0: status "error"');
		expect(pam.errorDescription).toMatch(
			/^ValidEmailChecker answered status "error" \("Verification service unavailable"\), which is none of its verdicts \(safe, risky, .*spamtrap\), so the address was not verified\. Its answer says credits_used: 1; ValidEmailChecker refunds a request that fails on its side .* Run this item again later/,
		);
		expect(pam.status).toBeUndefined();
		expect(info).toMatchObject({ status: 'role_account', is_valid: true });
		expect(pamAgain.error).toBe('ValidEmailChecker gave no verdict for item 2: status "error"');
		expect(pamAgain.errorDescription).toMatch(/Item 2 has the same address as item 0/);
		expect(result.output.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2].map((item) => ({ item })),
		);
		expect(requestsSent(sim)).toBe(2);
	});

	it('without Continue, a status that is no verdict fails the run with that error; a documented verdict in another spelling ("Spam Trap") is a result', async () => {
		sim.addFault({
			type: 'status',
			status: 200,
			body: { email: 'a@acme.io', status: '' },
			match: { method: 'POST', path: '/api/verify-single' },
		});
		const failed = await runVerify(sim, { input: emails('a@acme.io') });
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toBe('ValidEmailChecker gave no verdict for item 0: status ""');

		sim.addFault({
			type: 'status',
			status: 200,
			body: { email: 'b@acme.io', status: 'Spam Trap', is_valid: false },
			match: { method: 'POST', path: '/api/verify-single' },
		});
		const trap = await runVerify(sim, { input: emails('b@acme.io') });
		expect(trap.status).toBe('success');
		expect(trap.output[0].json).toMatchObject({ status: 'Spam Trap', is_valid: false });
	});
});
