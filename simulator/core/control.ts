/**
 * Control API for tests and scripts in another process: JSON over HTTP under /__sim/ on the same
 * port. Not authenticated (the simulator listens on loopback by default). Never echoes API keys.
 * The core answers stats, reset, config and faults; an API answers its own (ApiPart.control).
 */
import { json, type Reply, type RequestContext } from './http';
import type { SimulatorCore } from './simulatorCore';
import type { FaultRule, FaultType } from './types';

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

export const ok = (extra: Record<string, unknown> = {}) => json(200, { ok: true, ...extra });

export function handleControl(ctx: RequestContext, core: SimulatorCore): Reply {
	if (ctx.invalidJson) return json(400, { message: 'Invalid JSON input' });
	const route = `${ctx.method} ${ctx.path}`;
	switch (route) {
		case 'GET /__sim/stats':
			return json(200, core.snapshotStats());
		case 'POST /__sim/reset':
			core.reset();
			return ok();
		case 'POST /__sim/config':
			core.configure(ctx.body ?? {});
			return ok();
		case 'POST /__sim/faults': {
			const rule = ctx.body as FaultRule | undefined;
			if (!rule || !FAULT_TYPES.includes(rule.type)) {
				return json(400, { message: `Fault "type" must be one of ${FAULT_TYPES.join(', ')}` });
			}
			core.faults.add(rule);
			return ok();
		}
	}
	for (const part of core.allParts()) {
		const reply = part.control?.(ctx);
		if (reply) return reply;
	}
	return json(404, { message: 'Not found' });
}
