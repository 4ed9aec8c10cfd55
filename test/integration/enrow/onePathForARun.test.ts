/**
 * A run that fails ends the same way whether the node polled or paused and resumed: both
 * go through one run path (nodes/Enrow/engine: prepareRun → startJobs → finishRun), so the
 * error names the same item, says the same thing and lists the same started jobs.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../../simulator';
import { runWebhook, type RunNodeResult } from '../../harness';
import { runEnrow, startFastSimulator } from '../enrowKit';
import { shortenPrePauseReads } from '../../support/injected';

// Jobs here take a few hundred milliseconds: read them once before pausing, not for 2 s.
shortenPrePauseReads();

const ROWS = 5_001; // two Enrow jobs: 5,000 rows and 1 row
const input: IDataObject[] = Array.from({ length: ROWS }, (_, i) => ({
	email: `person${i}@dundermifflin.com`,
}));
const verifyBulk = {
	resource: 'emailVerifier',
	operation: 'verifyBulk',
	email: '={{ $json.email }}',
};

interface ErrorSeen {
	message: string;
	description: string;
	itemIndex: unknown;
}

function errorOf(result: RunNodeResult): ErrorSeen {
	const error = result.error as
		| (Error & { description?: string; context?: IDataObject })
		| undefined;
	expect(error).toBeDefined();
	return {
		message: error!.message,
		description: String(error!.description),
		itemIndex: error!.context?.itemIndex,
	};
}

/** The job IDs in an error, in place of the IDs themselves (each run starts its own jobs). */
function withJobsNumbered(seen: ErrorSeen, jobIds: string[]): ErrorSeen {
	const number = (text: string) =>
		jobIds.reduce((out, id, index) => out.split(id).join(`<job ${index + 1}>`), text);
	return { ...seen, message: number(seen.message), description: number(seen.description) };
}

async function allJobsDone(simulator: Simulator): Promise<void> {
	for (let tries = 0; tries < 100; tries++) {
		if (simulator.stats().jobs.every((job) => job.status !== 'ongoing')) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error('the simulator did not finish its jobs');
}

describe('Enrow node · one run path for poll and pause-and-resume', () => {
	let simulator: Simulator;
	beforeAll(async () => {
		simulator = await startFastSimulator();
	});
	afterAll(async () => await simulator.close());

	async function failedRun(waitMode: 'poll' | 'webhook'): Promise<ErrorSeen> {
		simulator.reset();
		// Enrow fails the first job (rows 0 to 4,999); the second one completes.
		simulator.addFault({
			type: 'jobFailed',
			match: { method: 'POST', path: '/email/verify/bulk' },
		});
		let result = await runEnrow(simulator, { ...verifyBulk, waitMode }, { input });
		const jobIds = simulator.stats().jobs.map((job) => job.id);
		expect(jobIds).toHaveLength(2);
		if (waitMode === 'webhook') {
			expect(result.status).toBe('waiting');
			await allJobsDone(simulator);
			const [failedJob, lastJob] = simulator.stats().jobs;
			const call = await runWebhook({
				waiting: result,
				url: failedJob.webhook!,
				body: { event: 'bulk_verification_finished', id: lastJob.id },
			});
			expect(call.resumed).toBe(true);
			result = call.result;
		}
		expect(result.status).toBe('error');
		return withJobsNumbered(errorOf(result), jobIds);
	}

	it('a failed job gives the same error (message, item, started job IDs) in both modes', async () => {
		const polled = await failedRun('poll');
		const resumed = await failedRun('webhook');

		expect(polled).toEqual({
			message: 'Enrow reports that the email verification failed',
			description: expect.stringMatching(
				/^Affected: items 0–4,999, Enrow job <job 1>\. .*This run started 2 Enrow job\(s\); their results stay readable with Get Result: <job 1>, <job 2>/s,
			),
			itemIndex: 0,
		});
		expect(resumed).toEqual(polled);
	});
});
