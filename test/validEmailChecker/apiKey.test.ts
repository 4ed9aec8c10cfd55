import type { Simulator } from '../../simulator';
import { emails, runVerify, useSimulator } from './vecRun';

const PATH = '/api/verify-single';
let sim: Simulator;
useSimulator((started) => (sim = started));

describe('the API key never shows', () => {
	const SECRET = 'vec-SECRET-9f8e7d6c5b4a';

	function expectNoSecret(result: Awaited<ReturnType<typeof runVerify>>): void {
		expect(JSON.stringify(result.output)).not.toContain(SECRET);
		if (result.error) {
			expect(result.error.message).not.toContain(SECRET);
			expect(result.error.description ?? '').not.toContain(SECRET);
			expect(JSON.stringify(result.error)).not.toContain(SECRET);
			expect(JSON.stringify(result.taskError ?? {})).not.toContain(SECRET);
		}
	}

	const usable = { credits: 5, suspended: false };
	/** A usable key whose every verification (four tries) gets this error answer. */
	const usableKeyAnswering = (status: number, body: unknown): string => {
		sim.configure({ vec: { apiKeys: { [SECRET]: usable } } });
		sim.addFault({ match: { path: PATH }, type: 'status', status, body, times: 4 });
		return SECRET;
	};
	/** Each scenario sets the simulator up and says which key the credential holds. */
	const scenarios: Array<[string, () => string]> = [
		['a rejected key', () => `${SECRET}-unknown`],
		[
			'no credits',
			() => {
				sim.configure({ vec: { apiKeys: { [SECRET]: { credits: 0, suspended: false } } } });
				return SECRET;
			},
		],
		[
			'a suspended key',
			() => {
				sim.configure({ vec: { apiKeys: { [SECRET]: { credits: 5, suspended: true } } } });
				return SECRET;
			},
		],
		[
			'an error body that echoes the key',
			() =>
				usableKeyAnswering(400, { message: `Bad key ${SECRET} (Authorization: Bearer ${SECRET})` }),
		],
		[
			'a server error page that echoes the header',
			() => usableKeyAnswering(501, `upstream said: Authorization: Bearer ${SECRET}`),
		],
	];

	it.each(scenarios)('%s', async (_, setup) => {
		for (const continueOnFail of [true, false]) {
			sim.reset();
			const apiKey = setup();
			const result = await runVerify(sim, {
				input: emails('pam@dundermifflin.com', 'info@acme.io'),
				apiKey,
				options: { concurrency: 1 },
				continueOnFail,
			});
			expect(continueOnFail ? result.output[0].json.error : result.error).toBeDefined();
			expectNoSecret(result);
		}
	});

	it('a successful run does not carry it either', async () => {
		sim.configure({ vec: { apiKeys: { [SECRET]: usable } } });
		sim.reset();
		const result = await runVerify(sim, {
			input: emails('pam@dundermifflin.com'),
			apiKey: SECRET,
			options: { includeInputFields: true },
		});
		expect(result.status).toBe('success');
		expectNoSecret(result);
	});
});
