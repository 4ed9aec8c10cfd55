import {
	NodeOperationError,
	sleep,
	type IWebhookDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import type { AnyJobKind } from '../../EnrowApi/jobKinds';
import { parseNotification } from '../../EnrowApi/parseNotification';
import { readJob, type JobState } from '../../EnrowApi/readJob';
import { createEnrowClient, enrowBaseUrl, type EnrowClient } from '../../EnrowApi/transport';
import { affectedText } from '../../EnrowApi/transport/errors';
import { mapWithConcurrency } from '../../shared/mapWithConcurrency';
import { executionCustomData } from './executionCustomData';
import { finishRun } from './finishRun';
import { resumedItemParameters } from './itemParameters';
import { ENROW_CALLBACK_PATH } from './callbackUrl';
import { confirmJob } from './confirmJob';
import { readJobLedger, type JobLedger } from './jobLedger';
import { readPausedItems } from './pausedItems';
import type { JobOperation } from './jobOperation';
import { describeItems } from './planJobs';
import { prepareRun, type PreparedRun } from './prepareRun';
import { readRunOptions } from './runOptions';
import type { StartedJob } from './startJobs';
import type { JobOutcome } from './waitForJobs';

/**
 * Webhook mode: the resume URL Enrow calls. n8n only lets through calls that carry this
 * execution's secret resume token; `resumeJobs` checks the rest. A path of its own is not
 * needed: the URL is `<n8n>/webhook-waiting/<executionId>?signature=<token>`.
 */
export const enrowResumeWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		path: ENROW_CALLBACK_PATH,
		restartWebhook: true,
		isFullPath: true,
	},
];

/** Answers a call to the resume URL without resuming: the execution keeps waiting. */
export function refuseResume(
	context: IWebhookFunctions,
	status: number,
	message: string,
): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

const READS_AT_ONCE = 10;

/**
 * Handles a call to the resume URL. It resumes the execution only when the call names a
 * job of this execution, Enrow itself confirms (read with the API key) that the job is
 * done, and every other job of the run is done too. Anything else is refused with 403,
 * or acknowledged while the remaining jobs run, and the execution keeps waiting. The run
 * then ends through the same `finishRun` as in poll mode: same output, same errors.
 */
export async function resumeJobs<Fields>(
	context: IWebhookFunctions,
	operation: JobOperation<Fields>,
): Promise<IWebhookResponseData> {
	let run: PreparedRun<Fields>;
	let started: Array<StartedJob<Fields>>;
	const results = new Map<string, JobOutcome>();
	try {
		const customData = executionCustomData(context);
		const ledger = customData && readJobLedger(customData);
		if (!ledger)
			return refuseResume(context, 403, 'This execution is not waiting for an Enrow job');

		const { kind } = operation;
		const notification = parseNotification(context.getBodyData());
		const notifiedJobId = notification.jobId;
		if (!notifiedJobId || !ledger.startedJobIds.includes(notifiedJobId)) {
			return refuseResume(context, 403, 'This notification is not about a job of this execution');
		}
		if (notification.event !== kind.events.bulk.name) {
			return refuseResume(context, 403, `Expected the event ${kind.events.bulk.name}`);
		}

		const client = createEnrowClient(context);
		const rebuilding =
			ledger.startedJobIds.length === 1 ? rebuildMeanwhile(context, operation) : undefined;
		// Awaited once the job is read: a failure meanwhile must not go unhandled.
		rebuilding?.catch(() => undefined);
		// n8n's slowest step in a resume: it decrypts the credential in an expression sandbox of
		// its own, built cold (BENCHMARKS.md §4).
		await enrowBaseUrl(client);
		// Enrow itself must say the notified job is done (notifications are not signed); a read
		// that does not confirm it yet is tried again a while (confirmJob.ts).
		const states = new Map<string, JobState>();
		states.set(
			notifiedJobId,
			await confirmJob(client, { kind, jobType: 'bulk', id: notifiedJobId }),
		);
		const rebuilt = await rebuilding;
		if (!states.get(notifiedJobId)!.done) {
			return refuseResume(context, 403, 'Enrow reports that this job is still running');
		}
		await readOthersUntilOneRuns(client, kind, notifiedJobId, ledger.startedJobIds, states);
		const running = ledger.startedJobIds.filter((id) => !states.get(id)?.done).length;
		if (running > 0) {
			return {
				webhookResponse: {
					message: `Received. Waiting for ${running} more Enrow job(s) of this execution.`,
				},
			};
		}

		run = rebuilt ?? rebuildRun(context, operation);
		started = jobsFromLedger(context, run, ledger);
		for (const [jobId, state] of states) {
			results.set(jobId, { state: state.failed ? 'failed' : 'completed', body: state.body });
		}
	} catch (error) {
		// A webhook() that throws would resume the execution with nothing: keep waiting instead.
		context.logger.error(
			`Enrow node: could not process a call to the resume URL: ${(error as Error).message}`,
		);
		return refuseResume(
			context,
			500,
			`Could not process this notification: ${(error as Error).message}`,
		);
	}
	// Without Continue On Fail, an item's error ends the execution in error, as in poll mode.
	return { workflowData: [finishRun(context.getNode(), run, started, results)] };
}

/** The run as it paused, rebuilt from the paused items (`prepareRun` is deterministic). */
function rebuildRun<Fields>(
	context: IWebhookFunctions,
	operation: JobOperation<Fields>,
): PreparedRun<Fields> {
	const items = readPausedItems(context);
	const params = resumedItemParameters(context, items);
	const node = context.getNode();
	return prepareRun({
		operation,
		params,
		items,
		options: readRunOptions(params, operation.jobType),
		continueOnFail:
			node.onError === 'continueRegularOutput' || node.onError === 'continueErrorOutput',
	});
}

/**
 * A run of one Enrow job resumes on this call unless Enrow says that the job is still running
 * (a call that came early, or not from Enrow, both rare). So its paused items are read and the
 * run rebuilt while n8n reads the credential and Enrow answers: from the next turn of the event
 * loop, once the credential read is under way (n8n builds its sandbox mostly off the main
 * thread). Measured at 1,000 items, 28 resumes alternating with a rebuild during the GET only:
 * 47 against 50 ms from this call's first check to a run ready to finish (medians); the read
 * takes about 4 ms longer meanwhile (BENCHMARKS.md §4). A run of several jobs does not: most
 * of its calls find a job still running, and each stays small.
 */
async function rebuildMeanwhile<Fields>(
	context: IWebhookFunctions,
	operation: JobOperation<Fields>,
): Promise<PreparedRun<Fields>> {
	await sleep(0);
	return rebuildRun(context, operation);
}

/**
 * Reads the run's other jobs once the notified one is confirmed done, stopping as soon as one
 * is still running: a call that cannot resume the execution reads no more than it needs to.
 * The others are read latest-started first, since a run's jobs are started one after the other
 * and are alike in size: a call that comes early usually finds the last one running at its
 * second read, so a run of J jobs makes about 3 × J reads in all instead of J per call. Jobs
 * not read count as running.
 */
async function readOthersUntilOneRuns(
	client: EnrowClient,
	kind: AnyJobKind,
	notifiedJobId: string,
	startedJobIds: string[],
	states: Map<string, JobState>,
): Promise<void> {
	const read = async (id: string) => {
		states.set(id, await readJob(client, { kind, jobType: 'bulk', id }));
	};
	const others = startedJobIds.filter((id) => id !== notifiedJobId).reverse();
	for (const batch of [others.slice(0, 1), ...chunks(others.slice(1), READS_AT_ONCE)]) {
		await mapWithConcurrency(batch, READS_AT_ONCE, read);
		if (batch.some((id) => !states.get(id)!.done)) break;
	}
}

function chunks<T>(values: T[], size: number): T[][] {
	return Array.from({ length: Math.ceil(values.length / size) }, (_, at) =>
		values.slice(at * size, (at + 1) * size),
	);
}

/**
 * The jobs the run started before it paused, matched to the rebuilt plan by position.
 * Items of a planned job that did not start get the error that refused it when the run began.
 */
function jobsFromLedger<Fields>(
	context: IWebhookFunctions,
	run: PreparedRun<Fields>,
	ledger: JobLedger,
): Array<StartedJob<Fields>> {
	const started: Array<StartedJob<Fields>> = [];
	run.plan.forEach((plan, planIndex) => {
		const jobId = ledger.jobIds[planIndex];
		if (jobId !== undefined) {
			started.push({ plan, jobId, response: { id: jobId } });
			return;
		}
		const reason = ledger.notStarted.get(planIndex);
		const error = new NodeOperationError(
			context.getNode(),
			reason?.message ?? `Enrow did not start the ${run.operation.kind.noun}`,
			{
				itemIndex: plan.itemIndexes[0],
				description: `${reason?.description || 'The request was refused when the run began. Run these items again.'} ${affectedText(describeItems(plan.itemIndexes))}`,
			},
		);
		for (const itemIndex of plan.itemIndexes) run.outcomes.fail(itemIndex, error);
	});
	return started;
}
