/**
 * Sends the probes and records every answer: each probe's request, then, when it started a
 * job, that job's reads (free GETs) until the docs would call it finished or the time allowed
 * runs out. Enrow's job-starting POSTs keep to its 10 a second with the node's own pacer.
 */
import { PostPacer } from '../../nodes/EnrowApi/transport/postPacer';
import { jobIdOf } from '../../nodes/EnrowApi/startJob';
import { sendRequest, type ApiAnswer, type ApiRequest, type NoAnswer } from './apiClient';
import type { Targets } from './args';
import type { RecordedAnswer } from './checkAnswer';
import { readStageOf } from './documentedAnswer';
import type { Probe } from './probes';

export interface ProbeRun {
	probe: Probe;
	answers: RecordedAnswer[];
	/** What could not be checked (a job that did not finish in time). */
	problems: string[];
}

export interface RunContext {
	targets: Targets;
	pacer: PostPacer;
	maxWaitMs: number;
	pollIntervalMs: number;
	sleep: (ms: number) => Promise<void>;
	now: () => number;
}

async function send(context: RunContext, request: ApiRequest): Promise<ApiAnswer | NoAnswer> {
	const target = context.targets[request.api]!;
	if (request.api !== 'enrow' || request.method !== 'POST') return sendRequest(target, request);
	// Without a cancellation to watch, the pacer always gives a turn.
	const turn = (await context.pacer.waitTurn({}))!;
	let answer: ApiAnswer | NoAnswer | undefined;
	try {
		answer = await sendRequest(target, request);
		return answer;
	} finally {
		const status = answer && 'status' in answer ? answer.status : undefined;
		turn.answered(
			status === undefined ? undefined : { statusCode: status, headers: {}, body: undefined },
		);
	}
}

/** Sends a probe's request; the job ID when its answer started a job the check should read. */
async function startProbe(
	context: RunContext,
	probe: Probe,
): Promise<{ run: ProbeRun; jobId?: string }> {
	const answer = await send(context, probe.request);
	const stage = probe.job && probe.expected.endsWith('.start') ? 'start' : 'answer';
	const run: ProbeRun = {
		probe,
		answers: [{ probe, stage, expected: probe.expected, request: probe.request, answer }],
		problems: [],
	};
	const started = probe.job && 'status' in answer && answer.status >= 200 && answer.status < 300;
	return { run, jobId: started ? jobIdOf(answer.body) : undefined };
}

async function readUntilFinished(context: RunContext, run: ProbeRun, jobId: string): Promise<void> {
	const { probe } = run;
	const job = probe.job!;
	const request: ApiRequest = {
		api: 'enrow',
		method: 'GET',
		path: job.kind.paths[job.jobType],
		query: { id: jobId },
	};
	const record = (answer: ApiAnswer | NoAnswer, stage: 'running' | 'finished' | 'read') =>
		run.answers.push({
			probe,
			stage,
			expected: `${job.endpoint}.${stage === 'read' ? 'finished' : stage}`,
			request,
			startedBy: probe.request,
			answer,
			jobId,
		});
	const deadline = context.now() + context.maxWaitMs;
	const seen = new Set<string>();
	for (;;) {
		const answer = await send(context, request);
		const stage = 'status' in answer ? (readStageOf(job.endpoint, answer) ?? 'read') : 'read';
		if (stage === 'finished') {
			record(answer, stage);
			return;
		}
		// The first running answer, and the first of any other kind, are enough to check.
		if (!seen.has(stage)) {
			seen.add(stage);
			record(answer, stage);
		}
		if (context.now() >= deadline) {
			run.problems.push(
				`${job.endpoint} job still not finished after ${Math.round(context.maxWaitMs / 1000)} s: its finished answer was not checked`,
			);
			return;
		}
		await context.sleep(context.pollIntervalMs);
	}
}

/** Sends the probes one after the other, then reads the jobs they started, all at once. */
export async function runProbes(
	context: RunContext,
	probes: readonly Probe[],
): Promise<ProbeRun[]> {
	const started: Array<{ run: ProbeRun; jobId?: string }> = [];
	for (const probe of probes) started.push(await startProbe(context, probe));
	await Promise.all(
		started.map(({ run, jobId }) =>
			jobId === undefined ? undefined : readUntilFinished(context, run, jobId),
		),
	);
	return started.map(({ run }) => run);
}
