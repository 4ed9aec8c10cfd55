import type { Simulator } from '../../../simulator';
import {
	balanceReadsAsEnough,
	ENROW_KEY,
	everythingVisible,
	jsonOf,
	pairedIndexes,
	runEnrow,
	useFastSimulator,
} from '../enrowKit';

type Described = Error & { description?: string };

describe('Enrow node · errors, retries and credits', () => {
	let simulator: Simulator;
	useFastSimulator((started) => (simulator = started), {
		enrow: {
			jobDurationMs: { single: 300, bulkBase: 400 },
			insufficientCredits: '402',
			rateLimitHeader: 'none',
		},
	});

	const verify = { resource: 'emailVerifier', operation: 'verify', email: '={{ $json.email }}' };
	const verifyBulk = { ...verify, operation: 'verifyBulk' };
	const emails = (count: number) =>
		Array.from({ length: count }, (_, i) => ({ email: `lead${i}@acme-corp.com` }));

	it('says the API key was rejected, quoting Enrow, without retrying or showing the key', async () => {
		const result = await runEnrow(simulator, verify, { input: emails(1), apiKey: 'wrong-key-123' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Enrow rejected the API key: "This apikey is not valid"');
		expect((result.error as Described).description).toMatch(/Enrow API credential/);
		expect(simulator.stats().posts).toBe(1);
		expect(everythingVisible(result)).not.toContain('wrong-key-123');
	});

	it.each(['402', '422'] as const)(
		'stops paying after "insufficient credits" (%s): the rest of the run is not sent',
		async (style) => {
			simulator.configure({
				enrow: { insufficientCredits: style, apiKeys: { [ENROW_KEY]: { credits: 1.25 } } },
			});
			balanceReadsAsEnough(simulator);
			const result = await runEnrow(simulator, verify, { input: emails(30), continueOnFail: true });

			const out = jsonOf(result);
			const verified = out.filter((json) => json.status === 'completed');
			const refused = out.filter((json) => json.error !== undefined);
			expect(verified).toHaveLength(5);
			expect(refused).toHaveLength(25);
			refused.forEach((json) => expect(json.error).toMatch(/^Not enough Enrow credits/));
			expect(pairedIndexes(result)).toEqual(out.map((_, i) => i));
			// Requests already in flight when the first refusal came back are the only ones after it.
			expect(simulator.stats().posts).toBeLessThanOrEqual(10);
			expect(simulator.stats().credits.charged).toBe(1.25);
			simulator.configure({ enrow: { apiKeys: { [ENROW_KEY]: { credits: 1_000_000 } } } });
		},
	);

	it('reports the jobs a run already started when a later bulk job is refused for credits', async () => {
		simulator.configure({ enrow: { apiKeys: { [ENROW_KEY]: { credits: 1300 } } } });
		balanceReadsAsEnough(simulator);
		const result = await runEnrow(simulator, verifyBulk, { input: emails(10_001) });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Not enough Enrow credits: "Insufficient credits"');
		expect((result.error as Described).description).toContain('Affected: items 5,000–9,999.');
		const started = simulator.stats().jobs.map((job) => job.id);
		expect(started).toHaveLength(1);
		expect((result.error as Described).description).toContain(started[0]);
		// The third job was never requested.
		expect(simulator.stats().requestsByRoute['POST /email/verify/bulk']).toBe(2);
		simulator.configure({ enrow: { apiKeys: { [ENROW_KEY]: { credits: 1_000_000 } } } });
	});

	it('waits out a burst of 429 and then succeeds, honouring Retry-After', async () => {
		simulator.addFault({
			match: { method: 'POST', path: '/email/verify/bulk' },
			type: 'rateLimit',
			times: 3,
			headers: { 'Retry-After': '0' },
		});
		const result = await runEnrow(simulator, verifyBulk, { input: emails(3) });
		expect(result.status).toBe('success');
		expect(simulator.stats().requestsByRoute['POST /email/verify/bulk']).toBe(4);
		expect(simulator.stats().jobsCreated).toBe(1);
	});

	it('gives up on a 429 storm when the Timeout leaves no time to wait again, with a message that says why', async () => {
		simulator.addFault({
			match: { method: 'POST' },
			type: 'rateLimit',
			times: 50,
			headers: { 'X-RateLimit-Reset': '0' },
		});
		const result = await runEnrow(
			simulator,
			{ ...verifyBulk, timeoutMinutes: 0.05 },
			{ input: emails(3) },
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Enrow is rate limiting this API key');
		expect((result.error as Described).description).toMatch(
			/^Enrow still answered "Too Many Requests" after \d+ attempts over \d s, and the node's Timeout \(0\.05 min\) left no time to wait again\. .* Raise the Timeout, .* Affected: items 0–2\.$/,
		);
		// "Reset: 0" is waited as half a second: a storm does not become a stream of POSTs.
		const posts = simulator.stats().requestsByRoute['POST /email/verify/bulk'];
		expect(posts).toBeGreaterThanOrEqual(3);
		expect(posts).toBeLessThanOrEqual(7);
		expect(simulator.stats().jobsCreated).toBe(0);
	});

	it('paces its own requests under 10 per second, so Enrow never has to refuse one', async () => {
		const result = await runEnrow(simulator, verify, { input: emails(25) });
		expect(result.status).toBe('success');
		const stats = simulator.stats();
		expect(stats.maxPostsAttemptedInAnyOneSecond).toBeLessThanOrEqual(10);
		expect(stats.requests.filter((r) => r.status === 429)).toHaveLength(0);
	});

	it('retries reading a job after a 5xx or a cut-off answer (reading is free)', async () => {
		simulator.addFault({
			match: { method: 'GET', path: '/email/verify/bulk' },
			type: 'status',
			status: 503,
			body: { message: 'Temporary maintenance' },
		});
		simulator.addFault({
			match: { method: 'GET', path: '/email/verify/bulk' },
			type: 'malformedJson',
		});
		const result = await runEnrow(simulator, verifyBulk, { input: emails(3) });
		expect(result.status).toBe('success');
		expect(jsonOf(result).every((json) => json.valid === true)).toBe(true);
	});

	it('never repeats a job-starting request whose connection broke after Enrow processed it', async () => {
		simulator.addFault({
			match: { method: 'POST', path: '/email/verify/bulk' },
			type: 'dropAfterProcessing',
		});
		const result = await runEnrow(simulator, verifyBulk, { input: emails(3) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The connection to Enrow broke while starting the job');
		expect((result.error as Described).description).toMatch(
			/may already have started the job.*Check the jobs.*Affected: items 0–2\./,
		);
		expect(simulator.stats().requestsByRoute['POST /email/verify/bulk']).toBe(1);
		expect(simulator.stats().jobsCreated).toBe(1);
	});

	it('never repeats a job-starting request answered 5xx, and shows the text of an HTML error page', async () => {
		simulator.addFault({
			match: { method: 'POST', path: '/email/verify/single' },
			type: 'html',
			status: 502,
		});
		const result = await runEnrow(simulator, verify, { input: emails(1) });
		expect(result.error?.message).toMatch(
			/^Enrow had a server error while starting the job \(HTTP 502\): "/,
		);
		expect((result.error as Described).description).toContain('Affected: item 0.');
		expect(result.error?.message).not.toMatch(/</);
		expect(simulator.stats().posts).toBe(1);
	});

	it('names the item and the fix for empty or wrong-typed fields, before sending anything', async () => {
		const input = [
			{ name: 'Dwight Schrute', domain: 'dundermifflin.com' },
			{ name: '', domain: 'x.com' },
			{ name: { first: 'Jim' }, domain: 'x.com' },
			{ name: 'Pam Beesly' },
		];
		const parameters = {
			resource: 'emailFinder',
			operation: 'findBulk',
			fullName: '={{ $json.name }}',
			companyDomain: '={{ $json.domain }}',
		};

		const stopped = await runEnrow(simulator, parameters, { input });
		expect(stopped.status).toBe('error');
		expect(stopped.error?.message).toBe('Full Name of item 1 is empty');
		expect(simulator.stats().posts).toBe(0);

		const continued = await runEnrow(simulator, parameters, { input, continueOnFail: true });
		const out = jsonOf(continued);
		expect(out[0]).toEqual(expect.objectContaining({ email: 'dwight.schrute@dundermifflin.com' }));
		expect(out[1].error).toBe('Full Name of item 1 is empty');
		expect(out[2].error).toBe('Full Name of item 2 is an object, not text');
		expect(out[2].errorDescription).toMatch(/Map a text field/);
		expect(out[3].error).toBe('Item 3 has neither a company domain nor a company name');
		expect(pairedIndexes(continued)).toEqual([0, 1, 2, 3]);
		expect(simulator.stats().jobs.map((job) => job.rows)).toEqual([1]);
	});

	it('times out with the job ID and how to get the result later; Continue On Fail keeps the ID', async () => {
		simulator.configure({ enrow: { jobDurationMs: { single: 60_000 } } });
		const parameters = { ...verify, timeoutMinutes: 0.01 };

		const failed = await runEnrow(simulator, parameters, { input: emails(1) });
		const jobId = simulator.stats().jobs[0].id;
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toBe(
			'Enrow has not finished the email verification after 3 seconds',
		);
		expect((failed.error as Described).description).toContain(
			`Affected: item 0, Enrow job ${jobId}. No credits are lost: the job keeps running at Enrow. Read its result later with "Email Verifier → Get Result" (Job ID ${jobId}, Job Type single), or raise "Timeout (Minutes)".`,
		);

		const kept = await runEnrow(simulator, parameters, { input: emails(1), continueOnFail: true });
		expect(kept.status).toBe('success');
		expect(jsonOf(kept)[0]).toEqual(
			expect.objectContaining({
				status: 'ongoing',
				jobId: simulator.stats().jobs[1].id,
				error: expect.stringMatching(/has not finished/),
			}),
		);
	});

	it('reports a job that Enrow says failed, naming its items', async () => {
		simulator.addFault({
			match: { method: 'POST', path: '/email/verify/bulk' },
			type: 'jobFailed',
		});
		const result = await runEnrow(simulator, verifyBulk, {
			input: emails(2),
			continueOnFail: true,
		});
		jsonOf(result).forEach((json) => {
			expect(json).toEqual(
				expect.objectContaining({
					status: 'failed',
					error: 'Enrow reports that the email verification failed',
					errorDescription: expect.stringMatching(/^Affected: items 0–1, Enrow job /),
				}),
			);
		});
	});

	it('never shows the API key, whatever goes wrong', async () => {
		const runs = [
			await runEnrow(simulator, verify, { input: emails(1), apiKey: ENROW_KEY }),
			await runEnrow(
				simulator,
				{ resource: 'emailFinder', operation: 'getResult', jobId: 'missing', jobType: 'single' },
				{ continueOnFail: true },
			),
		];
		simulator.addFault({
			match: { method: 'POST' },
			type: 'status',
			status: 500,
			body: { message: 'boom' },
		});
		runs.push(await runEnrow(simulator, verify, { input: emails(1) }));
		for (const result of runs) expect(everythingVisible(result)).not.toContain(ENROW_KEY);
	});
});
