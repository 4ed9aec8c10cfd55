/**
 * Issue 27 §3: only the statuses Enrow documents end the wait. A job status no docs revision
 * lists is read as still running: polling goes on, and a timeout names the status.
 */
import type { Simulator } from '../../../simulator';
import { PHONE_EITHER_MAPPED, VERIFIER_MAPPED } from '../../support/mappedInputs';
import { jsonOf, runEnrow, useFastSimulator } from '../enrowKit';

describe('Enrow node · job statuses Enrow does not document', () => {
	let simulator: Simulator;
	useFastSimulator((started) => (simulator = started));

	const verifyBulk = { ...VERIFIER_MAPPED, operation: 'verifyBulk' };
	const input = [
		{ email: 'pam.beesly@dundermifflin.com' },
		{ email: 'jim.halpert@dundermifflin.com' },
	];
	const reads = (path: string) => simulator.stats().requestsByRoute[`GET ${path}`] ?? 0;
	/** Enrow answers the next `times` reads (GET) of `path` with `body`. */
	const answerReads = (path: string, body: unknown, times: number) =>
		simulator.addFault({
			type: 'status',
			status: 200,
			body,
			match: { method: 'GET', path },
			times,
		});

	it('a bulk job reported "scheduled" is still running: the node keeps reading it and outputs every row once Enrow completes it', async () => {
		answerReads(
			'/email/verify/bulk',
			{ general: { id: 'job', status: 'scheduled' }, stats: { finished: 0, requested: 2 } },
			3,
		);
		const result = await runEnrow(simulator, verifyBulk, { input });

		expect(result.status).toBe('success');
		expect(jsonOf(result).map((json) => [json.email, json.valid, json.status])).toEqual([
			['pam.beesly@dundermifflin.com', true, 'completed'],
			['jim.halpert@dundermifflin.com', true, 'completed'],
		]);
		expect(reads('/email/verify/bulk')).toBeGreaterThanOrEqual(4);
		expect(simulator.stats().posts).toBe(1);
	});

	it('a single job whose qualification stays "processing" times out with an error that names the status and the job', async () => {
		answerReads('/email/verify/single', { qualification: 'processing' }, 1000);
		const result = await runEnrow(
			simulator,
			{ ...VERIFIER_MAPPED, operation: 'verify', timeoutMinutes: 0.05 },
			{ input: input.slice(0, 1), continueOnFail: true },
		);

		const [item] = jsonOf(result);
		expect(item).toMatchObject({
			error:
				'Enrow reported the status "processing" for the email verification until the timeout (3 seconds)',
			status: 'ongoing',
			jobId: expect.any(String),
		});
		expect(item.errorDescription).toContain(
			'Enrow\'s docs do not list the status "processing" as finished or failed',
		);
		expect(item.errorDescription).toContain(String(item.jobId));
		expect(reads('/email/verify/single')).toBeGreaterThan(1);
		simulator.reset();
	});

	it('a phone search answered with an email verdict ("valid") is not taken for finished; "not_found" is', async () => {
		answerReads('/phone/single', { qualification: 'valid' }, 2);
		const result = await runEnrow(
			simulator,
			{ ...PHONE_EITHER_MAPPED, operation: 'find' },
			{ input: [{ linkedin: 'https://www.linkedin.com/in/nophone-person/' }] },
		);

		expect(jsonOf(result)[0]).toMatchObject({ qualification: 'not_found', found: false });
		expect(reads('/phone/single')).toBeGreaterThanOrEqual(3);
	});

	it('Get Result on a bulk job reported with an unknown status says it is still running', async () => {
		const started = await runEnrow(simulator, { ...verifyBulk, waitMode: 'none' }, { input });
		const jobId = String(jsonOf(started)[0].jobId);
		simulator.addFault({
			type: 'status',
			status: 200,
			body: { general: { id: jobId, status: 'paused' }, stats: { finished: 1, requested: 2 } },
			match: { method: 'GET', path: '/email/verify/bulk' },
		});
		const read = await runEnrow(
			simulator,
			{ resource: 'emailVerifier', operation: 'getResult', jobId, jobType: 'bulk' },
			{ input: [{}] },
		);

		expect(jsonOf(read)).toEqual([{ jobId, status: 'ongoing', finished: 1, requested: 2 }]);
	});
});
