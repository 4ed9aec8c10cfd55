/**
 * `npm run check:live` against the simulator playing the live APIs: every probe, the spend it
 * plans and the spend it causes, the report of a shape the nodes do not expect, no keys, no
 * terminal, and what it saves.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { FaultRule, Simulator } from '../../simulator';
import { readFixtures } from '../../scripts/live/fixtures';
import { runLiveCheck } from '../../scripts/live/liveCheck';
import { allProbes, isPaid, PROBE_PERSON } from '../../scripts/live/probes';
import { spendPlan } from '../../scripts/live/spendPlan';
import { ENROW_KEY, resetSimulator, startFastSimulator, VEC_KEY } from '../simulator/helpers';

const REPO = path.resolve(__dirname, '../..');

let sim: Simulator;
let fixturesDir: string;

beforeAll(async () => {
	sim = await startFastSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
	resetSimulator(sim);
	fixturesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-live-'));
});
afterEach(() => fs.rmSync(fixturesDir, { recursive: true, force: true }));

const keys = () => ({
	ENROW_API_KEY: ENROW_KEY,
	ENROW_BASE_URL: sim.url,
	VALIDEMAILCHECKER_API_KEY: VEC_KEY,
	VALIDEMAILCHECKER_BASE_URL: sim.url,
});

interface Run {
	code: number;
	output: string;
	questions: string[];
}

async function check(
	argv: string[],
	env: Record<string, string | undefined> = keys(),
	terminal?: { answer: (question: string) => boolean },
): Promise<Run> {
	const lines: string[] = [];
	const questions: string[] = [];
	const code = await runLiveCheck({
		argv: ['--fixtures', fixturesDir, '--max-wait', '20', ...argv],
		env,
		out: (line) => lines.push(line),
		confirm: async (question) => {
			questions.push(question);
			return terminal ? terminal.answer(question) : false;
		},
		isTTY: terminal !== undefined,
		pollIntervalMs: 50,
	});
	return { code, output: lines.join('\n'), questions };
}

const plan = spendPlan(allProbes());
const routesOf = (probes = allProbes()) =>
	new Set(probes.map(({ request }) => `${request.method} ${request.path}`));

describe('check:live with --yes', () => {
	it('sends every probe, reports no difference, and spends no more than it planned', async () => {
		const run = await check(['--yes']);

		expect(run.output).toContain('No differences: every answer is what the nodes expect.');
		expect(run.code).toBe(0);
		expect(run.questions).toEqual([]);
		for (const probe of allProbes()) expect(run.output).toContain(`✓ ${probe.label}:`);
		const stats = sim.stats();
		expect(new Set(Object.keys(stats.requestsByRoute))).toEqual(routesOf());
		// The job reads: each started job is read until it finishes.
		expect(stats.jobs.map((job) => job.status)).toEqual(stats.jobs.map(() => 'completed'));
		// Seven jobs: the phone search naming the person only by first_name/last_name is refused.
		expect(stats.jobs).toHaveLength(7);

		expect(run.output).toContain('Enrow: up to 202.5 credits, about 0.5 spent after refunds');
		expect(stats.credits.reserved).toBeLessThanOrEqual(plan.enrow.most);
		expect(stats.credits.charged).toBe(plan.enrow.expected);
		expect(stats.vec.creditsCharged - stats.vec.refunded).toBeLessThanOrEqual(plan.vec.most);
	});

	it('saves every answer with the run date, without keys, job IDs or anyone else’s data', async () => {
		const run = await check(['--yes']);
		expect(run.code).toBe(0);

		const saved = readFixtures(fixturesDir);
		expect(run.output).toContain(`Saved ${saved.length} answers to ${fixturesDir}`);
		// One answer per one-shot probe, and start, running, finished for each job probe.
		expect(saved.length).toBe(allProbes().length + 2 * 7);
		const today = new Date().toISOString().slice(0, 10);
		for (const { fixture } of saved) {
			expect(fixture).toMatchObject({ source: 'live', date: today });
		}
		const texts = saved.map(({ file }) => fs.readFileSync(file, 'utf8')).join('\n');
		expect(texts).not.toContain(ENROW_KEY);
		expect(texts).not.toContain(VEC_KEY);
		for (const job of sim.stats().jobs) expect(texts).not.toContain(job.id);
		const emails = new Set(texts.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g));
		expect([...emails]).toEqual([PROBE_PERSON.email]);
	});
});

describe('check:live when the API answers a shape the nodes do not expect', () => {
	/** A terminal that says yes, and adds the fault then: after the free probes, before the paid ones. */
	const yesThenFault = (fault: FaultRule) => ({
		answer: () => {
			sim.addFault(fault);
			return true;
		},
	});
	/** check:live whose paid probes find Enrow answering `method path` with 200 and `body`. */
	const checkAnswering = (method: 'GET' | 'POST', path: string, body: unknown) =>
		check([], keys(), yesThenFault({ type: 'status', status: 200, body, match: { method, path } }));

	it('names a renamed verdict on a finished verification, and the node reading it as running', async () => {
		// The fault hits the first read of the paid verification.
		const run = await checkAnswering('GET', '/email/verify/single', {
			email: PROBE_PERSON.email,
			verdict: 'valid',
		});

		expect(run.code).toBe(1);
		expect(run.output).toContain('✗ Verify one email [verify-single]');
		expect(run.output).toContain('finished (GET /email/verify/single): 200');
		expect(run.output).toContain('- qualification: missing (string, required)');
		expect(run.output).toContain('- verdict: not documented (string)');
		expect(run.output).toContain('the node would read this finished job as still running');
		expect(run.output).toMatch(/\n3 differences in 1 of 19 probes/);
	});

	it('names a 200 where the nodes expect 201 to starting a bulk verification', async () => {
		const run = await checkAnswering('POST', '/email/verify/bulk', {
			message: 'Bulk verification operating',
			credits_used: 0.25,
		});

		expect(run.code).toBe(1);
		expect(run.output).toContain('✗ Verify emails in bulk (one address) [verify-bulk]');
		expect(run.output).toContain('- HTTP 200 where the nodes expect 201');
		expect(run.output).toContain('- the node would find no job ID in this answer');
	});

	it('never prints or saves a key, even when an answer quotes it', async () => {
		sim.addFault({
			type: 'status',
			status: 401,
			body: { message: `This apikey is not valid: ${ENROW_KEY}` },
			match: { method: 'GET', path: '/account/info' },
		});
		const run = await check(['--free-only']);

		expect(run.code).toBe(1);
		expect(run.output).toContain(
			'HTTP 401 where the nodes expect 200 (answer: "This apikey is not valid: ***")',
		);
		expect(run.output).not.toContain(ENROW_KEY);
		const saved = readFixtures(fixturesDir).map(({ file }) => fs.readFileSync(file, 'utf8'));
		expect(saved.join('\n')).toContain('This apikey is not valid: ***');
		expect(saved.join('\n')).not.toContain(ENROW_KEY);
	});
});

describe('check:live without keys', () => {
	it('explains itself, sends nothing and exits 0', async () => {
		const run = await check([], { ENROW_BASE_URL: sim.url, VALIDEMAILCHECKER_BASE_URL: sim.url });

		expect(run.code).toBe(0);
		expect(run.output).toContain('No API key given: nothing was sent.');
		expect(run.output).toContain(
			'ENROW_API_KEY=... [VALIDEMAILCHECKER_API_KEY=...] npm run check:live',
		);
		expect(sim.stats().requests).toHaveLength(0);
		expect(readFixtures(fixturesDir)).toEqual([]);
	});

	it('does the same from the command line', async () => {
		const env: NodeJS.ProcessEnv = {
			...process.env,
			ENROW_BASE_URL: sim.url,
			VALIDEMAILCHECKER_BASE_URL: sim.url,
		};
		delete env.ENROW_API_KEY;
		delete env.VALIDEMAILCHECKER_API_KEY;
		const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) =>
			execFile(
				path.join(REPO, 'node_modules/.bin/ts-node'),
				['--transpile-only', 'scripts/live/checkLive.ts'],
				{ cwd: REPO, env },
				(error, out) => resolve({ code: error ? Number(error.code) : 0, stdout: out }),
			),
		);

		expect(code).toBe(0);
		expect(stdout).toContain('No API key given: nothing was sent.');
		expect(sim.stats().requests).toHaveLength(0);
	});
});

describe('check:live with no terminal and no --yes', () => {
	it('sends only the free probes, spends nothing, and says so', async () => {
		const run = await check([]);

		expect(run.output).toContain('No differences: every answer is what the nodes expect.');
		expect(run.code).toBe(0);
		expect(run.questions).toEqual([]);
		expect(run.output).toContain(
			'Not sent: 9 paid probes (no terminal to ask and no --yes: only the free probes ran).',
		);
		const stats = sim.stats();
		expect(stats.credits).toEqual({ reserved: 0, refunded: 0, charged: 0 });
		expect(stats.vec.creditsCharged).toBe(0);
		expect(stats.jobs).toEqual([]);
		const free = allProbes().filter((probe) => !isPaid(probe));
		expect(new Set(Object.keys(stats.requestsByRoute))).toEqual(routesOf(free));
	});
});

describe('check:live on a terminal', () => {
	it('asks before spending, with the most it can spend, and sends nothing paid on no', async () => {
		const run = await check([], keys(), { answer: () => false });

		expect(run.questions).toEqual([
			'Spend up to 202.5 Enrow credits and 1 ValidEmailChecker credit? [y/N] ',
		]);
		expect(run.output).toContain('Not sent: 9 paid probes (not confirmed).');
		expect(sim.stats().credits.reserved).toBe(0);
	});
});

describe('check:live and the Enrow balance', () => {
	it('says so before asking when the balance is below what the paid probes can reserve', async () => {
		sim.configure({ enrow: { apiKeys: { [ENROW_KEY]: { credits: 100 } } } });
		const run = await check(['--free-only']);

		expect(run.output).toContain(
			'Enrow balance: 100 credits. That is less than the 202.5 the paid probes can reserve at once',
		);
	});
});

describe('check:live usage', () => {
	it('exits 2 on an unknown option, before sending anything', async () => {
		const run = await check(['--spend-everything']);

		expect(run.code).toBe(2);
		expect(run.output).toContain('Unknown argument --spend-everything');
		expect(sim.stats().requests).toHaveLength(0);
	});
});
