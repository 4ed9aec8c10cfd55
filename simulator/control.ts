/**
 * Control API for tests and scripts in another process: JSON over HTTP under /__sim/ on the same
 * port. Not authenticated (the simulator listens on loopback by default). Never echoes API keys.
 */
import { json, type Reply, type RequestContext } from './http';
import type { SimulatorState } from './state';
import { completeAllJobs } from './enrow/jobs';
import type { FaultRule, FaultType, JobDetails, SimulatorConfigPatch } from './types';

const FAULT_TYPES: FaultType[] = [
	'status',
	'rateLimit',
	'latency',
	'dropAfterProcessing',
	'dropBeforeProcessing',
	'malformedJson',
	'html',
	'jobFailed',
];

export function jobDetails(state: SimulatorState, id: string): JobDetails | undefined {
	const job = state.jobs.get(id);
	if (!job) return undefined;
	return {
		id: job.id,
		kind: job.kind,
		rows: job.rows.length,
		createdAt: job.createdAt,
		completesAt: job.completesAt,
		status: job.status,
		webhook: job.webhook,
		custom: job.custom,
		failed: job.failOnCompletion,
		reserved: job.reserved,
		refunded: job.refunded,
		input: job.input,
		results: job.rows,
	};
}

const ok = (extra: Record<string, unknown> = {}) => json(200, { ok: true, ...extra });

export function handleControl(ctx: RequestContext, state: SimulatorState): Reply {
	if (ctx.invalidJson) return json(400, { message: 'Invalid JSON input' });
	const route = `${ctx.method} ${ctx.path}`;
	switch (route) {
		case 'GET /__sim/stats':
			return json(200, state.snapshotStats());
		case 'POST /__sim/reset':
			state.reset();
			return ok();
		case 'POST /__sim/config':
			state.configure((ctx.body ?? {}) as SimulatorConfigPatch);
			return ok();
		case 'POST /__sim/faults': {
			const rule = ctx.body as FaultRule | undefined;
			if (!rule || !FAULT_TYPES.includes(rule.type)) {
				return json(400, { message: `Fault "type" must be one of ${FAULT_TYPES.join(', ')}` });
			}
			state.faults.add(rule);
			return ok();
		}
		case 'POST /__sim/complete-jobs':
			return ok({ completed: completeAllJobs(state) });
	}
	const jobId = ctx.method === 'GET' ? /^\/__sim\/jobs\/([^/]+)$/.exec(ctx.path)?.[1] : undefined;
	const details = jobId ? jobDetails(state, decodeURIComponent(jobId)) : undefined;
	if (details) return json(200, details);
	return json(404, { message: jobId ? 'Job not found' : 'Not found' });
}
