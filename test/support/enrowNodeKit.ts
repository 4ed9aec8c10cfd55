/**
 * The Enrow node and the Enrow Trigger, run inside n8n-core (test/harness) against the simulator:
 * the Enrow part of the one test kit (nodeKit.ts).
 */
import type { INodeParameters } from 'n8n-workflow';

import { EnrowApi } from '../../credentials/EnrowApi.credentials';
import { Enrow } from '../../nodes/Enrow/Enrow.node';
import { EnrowTrigger } from '../../nodes/EnrowTrigger/EnrowTrigger.node';
import type { Simulator } from '../../simulator';
import {
	runNode,
	runTriggerWebhook,
	type RunNodeResult,
	type RunTriggerWebhookOptions,
	type RunTriggerWebhookResult,
} from '../harness';
import { nodeSettings, type NodeRun } from './nodeKit';

/** The Enrow node's real execute() against the simulator over HTTP. */
export async function runEnrowNode(
	simulator: Simulator,
	parameters: INodeParameters,
	run: NodeRun,
): Promise<RunNodeResult> {
	return await runNode({
		nodeType: new Enrow(),
		parameters,
		credentials: { enrowApi: { apiKey: run.apiKey, baseUrl: run.baseUrl ?? `${simulator.url}/` } },
		credentialTypes: [new EnrowApi()],
		input: run.input,
		continueOnFail: run.continueOnFail,
		nodeOverrides: nodeSettings(run),
	});
}

/** A call to the Enrow Trigger's production URL, as n8n 2.41 handles it. */
export async function callEnrowTrigger(
	simulator: Simulator,
	parameters: INodeParameters,
	request: Omit<RunTriggerWebhookOptions, 'nodeType' | 'parameters'>,
	credential: { apiKey: string; baseUrl?: string },
): Promise<RunTriggerWebhookResult> {
	return await runTriggerWebhook({
		nodeType: new EnrowTrigger(),
		parameters,
		credentials: {
			enrowApi: { apiKey: credential.apiKey, baseUrl: credential.baseUrl ?? `${simulator.url}/` },
		},
		credentialTypes: [new EnrowApi()],
		...request,
	});
}

/**
 * The account's balance as the node reads it before a run of several jobs: enough, although the
 * credits then run out part-way (another workflow spent them meanwhile). How a 402 can still
 * come in the middle of a run that the credit guard let start.
 */
export function balanceReadsAsEnough(simulator: Simulator): void {
	simulator.addFault({
		type: 'status',
		status: 200,
		body: { credits: 1_000_000, webhooks: [] },
		match: { method: 'GET', path: '/account/info' },
	});
}
