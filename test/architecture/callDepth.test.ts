/**
 * How deep our code is between n8n calling the node and n8n's HTTP helper: the frames of this
 * repository's node code on the stack when `httpRequestWithAuthentication` asks the credentials
 * helper to authenticate a request (n8n-core's own frames and the harness's are not counted).
 * A newcomer follows a request through these frames; issue 28 asks for at most 8 for Find in
 * Bulk (poll) and at most 9 for a resume. The test prints each path, and fails if one grows.
 *
 *   npx jest test/architecture/callDepth.test.ts      (prints the frames of each request kind)
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import * as path from 'path';

import type { Simulator } from '../../simulator';
import { HarnessCredentialsHelper, runWebhook } from '../harness';
import { runEnrow, startFastSimulator } from '../integration/enrowKit';

const REPO = path.resolve(__dirname, '..', '..');
const NODE_CODE = [
	path.join(REPO, 'nodes'),
	path.join(REPO, 'n8n-nodes-validemailchecker', 'nodes'),
];

/** Our node-code frames of a stack, outermost first: "file.ts functionName". */
function ourFrames(stack: string): string[] {
	return stack
		.split('\n')
		.slice(1)
		.map((line) => /at (?:async )?(?:(.*?) \()?(\/[^():]+\.ts):\d+:\d+\)?$/.exec(line.trim()))
		.filter((match): match is RegExpExecArray => match !== null)
		.filter((match) => NODE_CODE.some((dir) => match[2].startsWith(dir + path.sep)))
		.map((match) => `${path.relative(REPO, match[2])} ${match[1] ?? '(anonymous)'}`)
		.reverse();
}

/** The stacks of every authenticated request of `run`, by method and path. */
async function stacksOf(run: () => Promise<unknown>): Promise<Map<string, string[]>> {
	const stacks = new Map<string, string[]>();
	const original = HarnessCredentialsHelper.prototype.authenticate;
	const limit = Error.stackTraceLimit;
	Error.stackTraceLimit = 200;
	const spy = jest
		.spyOn(HarnessCredentialsHelper.prototype, 'authenticate')
		.mockImplementation(async function (this: HarnessCredentialsHelper, ...args) {
			const options = args[2] as { method?: string; url?: string; uri?: string };
			const route = `${options.method ?? 'GET'} ${new URL(options.url ?? options.uri ?? '').pathname}`;
			if (!stacks.has(route)) stacks.set(route, ourFrames(new Error().stack ?? ''));
			return await original.apply(this, args);
		});
	try {
		await run();
	} finally {
		spy.mockRestore();
		Error.stackTraceLimit = limit;
	}
	return stacks;
}

function report(label: string, stacks: Map<string, string[]>): void {
	const lines = [...stacks].map(
		([route, frames]) => `${route}: ${frames.length} frames\n    ${frames.join('\n    ')}`,
	);
	process.stdout.write(`\n${label}\n  ${lines.join('\n  ')}\n`);
}

const FIND_BULK: INodeParameters = {
	resource: 'emailFinder',
	operation: 'findBulk',
	fullName: '={{ $json.name }}',
	companyDomain: 'dundermifflin.com',
};
const input: IDataObject[] = [{ name: 'Dwight Schrute' }, { name: 'Jim Halpert' }];

/** Today's depths (issue 28 asks for at most 8 and 9). */
const MOST_FRAMES = { findBulkPoll: 7, resume: 6 };

describe("call depth from execute() to n8n's HTTP helper", () => {
	let simulator: Simulator;
	beforeAll(async () => {
		simulator = await startFastSimulator();
	});
	beforeEach(() => simulator.reset());
	afterAll(async () => await simulator.close());

	it('Find in Bulk (poll): the POST that starts the job and each GET that reads it', async () => {
		const stacks = await stacksOf(async () => await runEnrow(simulator, FIND_BULK, { input }));
		report('Find in Bulk, Poll Until Done', stacks);
		expect([...stacks.keys()]).toEqual(['POST /email/find/bulk', 'GET /email/find/bulk']);
		for (const frames of stacks.values()) {
			expect(frames[0]).toMatch(/^nodes\/Enrow\/Enrow\.node\.ts /);
			expect(frames.length).toBeLessThanOrEqual(MOST_FRAMES.findBulkPoll);
		}
	});

	it("the resume: the GET that reads a paused run's job when Enrow calls back", async () => {
		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 60_000 } } });
		const waiting = await runEnrow(simulator, { ...FIND_BULK, waitMode: 'webhook' }, { input });
		expect(waiting.status).toBe('waiting');
		simulator.completeAllJobs();
		const [job] = simulator.stats().jobs;
		let resumed: unknown;
		const stacks = await stacksOf(async () => {
			const call = await runWebhook({
				waiting,
				url: job.webhook!,
				body: { event: 'bulk_search_finished', id: job.id },
			});
			resumed = [call.resumed, call.response.statusCode, call.response.body];
		});
		expect(resumed).toEqual([true, 200, expect.anything()]);
		report('Resume (Enrow calls back)', stacks);
		const frames = stacks.get('GET /email/find/bulk')!;
		expect(frames[0]).toMatch(/^nodes\/Enrow\/Enrow\.node\.ts /);
		expect(frames.length).toBeLessThanOrEqual(MOST_FRAMES.resume);
	});
});
