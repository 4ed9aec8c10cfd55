/**
 * The two config knobs that make a demo's verifications realistic: `enrow.verifierInvalidPercent`
 * (some found addresses come back invalid from Enrow's verifier) and `vec.statusMixPercent`
 * (ValidEmailChecker gives a share of otherwise safe addresses another status). Both default to
 * nothing and pick addresses by a hash, so the same address always gets the same verdict.
 */
import { verifyEmail } from '../../simulator/enrow/rules';
import { verdictFor } from '../../simulator/validEmailChecker/rules';
import { enrow, startFastSimulator, VEC_KEY } from './helpers';

const addresses = Array.from({ length: 1000 }, (_, i) => `person.${i}@example-${i % 7}.com`);

describe('enrow.verifierInvalidPercent', () => {
	it('is off by default: well-formed addresses without trigger words are valid', () => {
		expect(addresses.every((email) => verifyEmail(email) === 'valid')).toBe(true);
	});

	it('makes about that share invalid, the same ones every time, whatever the case', () => {
		const invalid = addresses.filter((email) => verifyEmail(email, 12) === 'invalid');
		expect(invalid.length).toBeGreaterThan(80);
		expect(invalid.length).toBeLessThan(160);
		expect(addresses.filter((email) => verifyEmail(email, 12) === 'invalid')).toEqual(invalid);
		expect(invalid.every((email) => verifyEmail(email.toUpperCase(), 12) === 'invalid')).toBe(true);
		expect(addresses.every((email) => verifyEmail(email, 100) === 'invalid')).toBe(true);
	});

	it('applies to bulk verifications through the config', async () => {
		const sim = await startFastSimulator({ enrow: { verifierInvalidPercent: 100 } });
		try {
			const started = await enrow(sim, 'POST', '/email/verify/bulk', {
				verifications: ['a.b@acme.com', 'c.d@acme.com'],
			});
			sim.completeAllJobs();
			const done = await enrow(sim, 'GET', `/email/verify/bulk?id=${started.body.id}`);
			const qualifications = (done.body.results as Array<{ qualification: string }>).map(
				(row) => row.qualification,
			);
			expect(qualifications).toEqual(['invalid', 'invalid']);
		} finally {
			await sim.close();
		}
	});
});

describe('vec.statusMixPercent', () => {
	it('is off by default', () => {
		expect(addresses.every((email) => verdictFor(email).status === 'safe')).toBe(true);
	});

	it('gives each status about its share of the safe addresses, with matching fields', () => {
		const mix = { catch_all: 20, risky: 10, unknown: 10, invalid: 20 };
		const counts: Record<string, number> = {};
		for (const email of addresses) {
			const verdict = verdictFor(email, new Date(), mix);
			counts[verdict.status] = (counts[verdict.status] ?? 0) + 1;
			if (verdict.status === 'unknown') expect(verdict.credits_used).toBe(0);
			if (verdict.status === 'catch_all') expect(verdict.is_catch_all).toBe(true);
		}
		for (const [status, percent] of Object.entries({ ...mix, safe: 40 })) {
			expect(counts[status]).toBeGreaterThan(percent * 10 - 50);
			expect(counts[status]).toBeLessThan(percent * 10 + 50);
		}
	});

	it('leaves the keyword rules first: a disposable or role address keeps its status', () => {
		const mix = { invalid: 100 };
		expect(verdictFor('x@mailinator.com', new Date(), mix).status).toBe('disposable');
		expect(verdictFor('info@acme.com', new Date(), mix).status).toBe('role_account');
		expect(verdictFor('jane.doe@acme.com', new Date(), mix).status).toBe('invalid');
	});

	it('applies to the HTTP endpoint through the config', async () => {
		const sim = await startFastSimulator({ vec: { statusMixPercent: { risky: 100 } } });
		try {
			const response = await fetch(`${sim.url}/api/verify-single`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${VEC_KEY}` },
				body: JSON.stringify({ email: 'jane.doe@acme.com' }),
			});
			expect(await response.json()).toMatchObject({ status: 'risky', is_valid: true });
		} finally {
			await sim.close();
		}
	});
});
