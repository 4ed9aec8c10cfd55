import {
	NodeOperationError,
	type INodeExecutionData,
	type IWebhookDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { bulkEventOf } from '../helpers/enrowEvents';
import { parseNotification } from '../helpers/parseNotification';
import { mapWithConcurrency } from '../../shared/mapWithConcurrency';
import { jobOperationOf } from '../actions/jobOperations';
import { createEnrowSession } from '../transport';
import { describeItems } from './bulkRows';
import { readJobLedger } from './jobLedger';
import { readJob, type JobState } from './readJob';
import { resumedItemParameters } from './resumedItemParameters';
import { readRunOptions } from './runOptions';
import { bulkRunOutput, pairJobResults, prepareBulkRun } from './runBulkJobs';
import type { JobOutcome } from './waitForJobs';

/**
 * Webhook mode: the resume URL Enrow calls. n8n only lets through calls that carry this
 * execution's secret resume token; this checks the rest. A path of its own is not needed:
 * the URL is `<n8n>/webhook-waiting/<executionId>?signature=<token>`.
 */
export const enrowResumeWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		path: '',
		restartWebhook: true,
		isFullPath: true,
	},
];

type Decision =
	| { refuse: number; message: string }
	| { wait: string }
	| { resume: INodeExecutionData[]; error?: Error };

function refuse(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/**
 * Handles a call to the resume URL. It resumes the execution only when the call names a
 * job of this execution, Enrow itself confirms (read with the API key) that the job is
 * done, and every other job of the run is done too. Anything else is refused with 403,
 * or acknowledged while the remaining jobs run, and the execution keeps waiting.
 */
export async function resumeFromEnrow(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	let decision: Decision;
	try {
		decision = await decide(this);
	} catch (error) {
		// A webhook() that throws would resume the execution with nothing: keep waiting instead.
		this.logger.error(
			`Enrow node: could not process a call to the resume URL: ${(error as Error).message}`,
		);
		return refuse(this, 500, `Could not process this notification: ${(error as Error).message}`);
	}
	if ('refuse' in decision) return refuse(this, decision.refuse, decision.message);
	if ('wait' in decision) return { webhookResponse: { message: decision.wait } };
	// Without Continue On Fail, an item's error ends the execution in error, as in poll mode.
	if (decision.error) throw decision.error;
	return { workflowData: [decision.resume] };
}

async function decide(context: IWebhookFunctions): Promise<Decision> {
	const ledger = readJobLedger(context.customData);
	const operation = jobOperationOf(
		String(context.getNodeParameter('resource', '')),
		String(context.getNodeParameter('operation', '')),
	);
	if (!ledger || !operation)
		return { refuse: 403, message: 'This execution is not waiting for an Enrow job' };

	const { kind, isBulkOperation } = operation;
	const notification = parseNotification(context.getBodyData());
	if (!notification.jobId || !ledger.includes(notification.jobId)) {
		return { refuse: 403, message: 'This notification is not about a job of this execution' };
	}
	if (notification.event !== bulkEventOf(kind)) {
		return { refuse: 403, message: `Expected the event ${bulkEventOf(kind)}` };
	}

	const session = createEnrowSession();
	const startedIds = ledger.filter((id): id is string => id !== undefined);
	const states = new Map<string, JobState>();
	await mapWithConcurrency(startedIds, 10, async (id) => {
		states.set(id, await readJob(context, session, kind, 'bulk', id));
	});
	if (!states.get(notification.jobId)?.done) {
		return { refuse: 403, message: 'Enrow reports that this job is still running' };
	}
	const running = startedIds.filter((id) => !states.get(id)!.done).length;
	if (running > 0)
		return { wait: `Received. Waiting for ${running} more Enrow job(s) of this execution.` };

	const items = context.evaluateExpression(
		'{{ $input.all() }}',
		0,
	) as unknown as INodeExecutionData[];
	const params = resumedItemParameters(context, items);
	const run = readRunOptions(params, isBulkOperation);
	const node = context.getNode();
	const continueOnFail =
		node.onError === 'continueRegularOutput' || node.onError === 'continueErrorOutput';
	const prepared = prepareBulkRun(params, items, kind, run, true);

	const results = new Map<string, JobOutcome>();
	for (const [jobId, state] of states) {
		results.set(jobId, { state: state.failed ? 'failed' : 'completed', body: state.body });
	}
	const jobs: Array<{ jobId: string; rows: number }> = [];
	prepared.plan.forEach((job, planIndex) => {
		const jobId = ledger[planIndex];
		if (jobId === undefined) {
			const error = new NodeOperationError(
				node,
				`Enrow did not start the ${kind.noun} for ${describeItems(job.itemIndexes)}`,
				{
					itemIndex: job.itemIndexes[0],
					description:
						'The request was refused when the run began (see the execution log). Run these items again.',
				},
			);
			for (const itemIndex of job.itemIndexes) prepared.outcomes.fail(itemIndex, error);
			return;
		}
		jobs.push({ jobId, rows: job.rows.length });
		pairJobResults(context, kind, jobId, job, results.get(jobId), prepared.outcomes, run);
	});

	const output = bulkRunOutput(items.length, prepared.outcomes, jobs, results, run);
	const failure = continueOnFail ? undefined : prepared.outcomes.firstFailure();
	return { resume: output, error: failure?.error };
}
