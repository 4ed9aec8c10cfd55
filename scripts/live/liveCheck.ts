/**
 * `npm run check:live` as a function: arguments, environment, output and the spend question
 * are passed in, so tests run it against the simulator. Returns the exit code: 0 no
 * difference, 1 differences, 2 usage error.
 */
import * as path from 'path';

import { keyRedactor } from '../../nodes/shared/redactKey';
import { PostPacer } from '../../nodes/EnrowApi/transport/postPacer';
import type { Api } from './apiClient';
import { anonymizer } from './anonymize';
import {
	NO_KEY_EXPLANATION,
	parseArgs,
	targetsFrom,
	USAGE,
	UsageError,
	type LiveCheckArgs,
	type Targets,
} from './args';
import { differencesOf } from './checkAnswer';
import { writeFixture } from './fixtures';
import { isPaid, probesFor, PROBE_PERSON, type Probe } from './probes';
import { differenceCount, runLines, summaryLine, type CheckedRun } from './report';
import { runProbes, type ProbeRun, type RunContext } from './runProbes';
import { planLines, spendPlan, spendQuestion, type SpendPlan } from './spendPlan';

export interface LiveCheckOptions {
	argv: readonly string[];
	env: Record<string, string | undefined>;
	/** Receives every line printed; the keys are already removed. */
	out: (line: string) => void;
	/** Asks on the terminal; only called when there is one (`isTTY`). */
	confirm: (question: string) => Promise<boolean>;
	isTTY: boolean;
	cwd?: string;
	pollIntervalMs?: number;
}

const POLL_INTERVAL_MS = 3000;

/** Whether to send the paid probes, and if not, why. */
async function paidDecision(
	args: LiveCheckArgs,
	options: LiveCheckOptions,
	question: string,
): Promise<{ send: boolean; why?: string }> {
	if (args.freeOnly) return { send: false, why: '--free-only' };
	if (args.yes) return { send: true };
	if (!options.isTTY) {
		return { send: false, why: 'no terminal to ask and no --yes: only the free probes ran' };
	}
	return (await options.confirm(question)) ? { send: true } : { send: false, why: 'not confirmed' };
}

function balanceLine(runs: readonly ProbeRun[], most: number): string | undefined {
	const answer = runs.find((run) => run.probe.id === 'account-info')?.answers[0]?.answer;
	if (!answer || !('status' in answer) || answer.status !== 200) return undefined;
	const credits = (answer.body as { credits?: unknown } | undefined)?.credits;
	if (typeof credits !== 'number') return undefined;
	const short =
		credits < most
			? ` That is less than the ${most} the paid probes can reserve at once: some may be refused for credits.`
			: '';
	return `Enrow balance: ${credits} credits.${short}`;
}

function printPlan(
	say: (line: string) => void,
	targets: Targets,
	probes: readonly Probe[],
	plan: SpendPlan,
): void {
	say('Live check of what the nodes expect from the APIs');
	if (targets.enrow) say(`  Enrow: ${targets.enrow.baseUrl}`);
	else say('  (no ENROW_API_KEY: the Enrow probes are left out)');
	if (targets.vec) say(`  ValidEmailChecker: ${targets.vec.baseUrl}`);
	else say('  (no VALIDEMAILCHECKER_API_KEY: the ValidEmailChecker probes are left out)');
	say('');
	for (const line of planLines(probes, plan)) say(line);
	say('');
}

function saveAnswers(
	runs: readonly ProbeRun[],
	dir: string,
	targets: Targets,
	date: string,
	redact: (text: string) => string,
): number {
	const secrets = Object.values(targets).map((target) => target!.apiKey);
	const anonymize = anonymizer(secrets, Object.values(PROBE_PERSON));
	let saved = 0;
	for (const { answers } of runs) {
		for (const recorded of answers) {
			if (!('status' in recorded.answer)) continue;
			writeFixture(
				dir,
				{
					source: 'live',
					date,
					probe: recorded.probe.id,
					stage: recorded.stage,
					expected: recorded.expected,
					request: anonymize(recorded.request) as typeof recorded.request,
					...(recorded.startedBy
						? { startedBy: anonymize(recorded.startedBy) as typeof recorded.startedBy }
						: {}),
					status: recorded.answer.status,
					body: anonymize(recorded.answer.body),
				},
				redact,
			);
			saved += 1;
		}
	}
	return saved;
}

export async function runLiveCheck(options: LiveCheckOptions): Promise<number> {
	const cwd = options.cwd ?? process.cwd();
	let args: LiveCheckArgs;
	try {
		args = parseArgs(options.argv, cwd);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		options.out(`${error.message}\n\n${USAGE}`);
		return 2;
	}
	if (args.help) {
		options.out(USAGE);
		return 0;
	}
	const targets = targetsFrom(options.env);
	const apis = new Set(Object.keys(targets) as Api[]);
	if (apis.size === 0) {
		options.out(NO_KEY_EXPLANATION);
		return 0;
	}

	const redactors = Object.values(targets).map((target) => keyRedactor(target!.apiKey));
	const redact = (text: string) => redactors.reduce((clean, remove) => remove(clean), text);
	const say = (line: string) => options.out(redact(line));
	const context: RunContext = {
		targets,
		pacer: new PostPacer(),
		maxWaitMs: args.maxWaitSeconds * 1000,
		pollIntervalMs: options.pollIntervalMs ?? POLL_INTERVAL_MS,
		sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
		now: () => Date.now(),
	};
	const probes = probesFor(apis);
	const plan = spendPlan(probes);
	printPlan(say, targets, probes, plan);

	const freeProbes = probes.filter((probe) => !isPaid(probe));
	const paidProbes = probes.filter(isPaid);
	const runs = await runProbes(context, freeProbes);
	const balance = balanceLine(runs, plan.enrow.most);
	if (balance) say(balance);

	let skipped: { probes: Probe[]; why: string } | undefined;
	if (paidProbes.length > 0) {
		const decision = await paidDecision(args, options, spendQuestion(plan));
		if (decision.send) runs.push(...(await runProbes(context, paidProbes)));
		else skipped = { probes: paidProbes, why: decision.why! };
	}

	const checked: CheckedRun[] = runs.map((run) => ({
		run,
		answers: run.answers.map((recorded) => ({
			recorded,
			differences: differencesOf(recorded, redact),
		})),
	}));
	say('');
	say('Results');
	for (const run of checked) for (const line of runLines(run)) say(line);
	if (skipped) say(`Not sent: ${skipped.probes.length} paid probes (${skipped.why}).`);
	say('');
	say(summaryLine(checked));

	const date = new Date().toISOString().slice(0, 10);
	const saved = saveAnswers(runs, args.fixturesDir, targets, date, redact);
	const shownDir = path.relative(cwd, args.fixturesDir);
	say(
		`Saved ${saved} answers to ${shownDir === '' || shownDir.startsWith('..') ? args.fixturesDir : shownDir} (keys and personal data removed).`,
	);
	return checked.some((run) => differenceCount(run) > 0) ? 1 : 0;
}
