/**
 * The compatibility suite's workflows: the end-to-end fixtures (test/e2e/support/workflows.ts),
 * composed into the few workflows the smoke set runs in every n8n version.
 */
import { randomUUID } from 'crypto';

import type { WorkflowFixture } from '../../../scripts/e2e/n8nInstance';
import {
	enrowNode,
	enrowTriggerWorkflow,
	itemsFrom,
	linearWorkflow,
	manualTrigger,
	noOp,
	vecNode,
	verifyOnCallbackNode,
	webhookTrigger,
	type NodeFixture,
} from '../../e2e/support/workflows';

const pollEverySecond = { waitMode: 'poll', pollIntervalSeconds: 1, simplify: true, options: {} };

/** Manual Trigger → people → Enrow "Find emails in bulk", polled. */
export function findInBulkWorkflow(
	id: string,
	people: Array<{ fullName: string; companyDomain: string }>,
): WorkflowFixture {
	return linearWorkflow(id, 'Compat find in bulk', [
		manualTrigger(),
		...itemsFrom(people),
		enrowNode({
			resource: 'emailFinder',
			operation: 'findBulk',
			fullName: '={{ $json.fullName }}',
			companyDomain: '={{ $json.companyDomain }}',
			...pollEverySecond,
		}),
	]);
}

/**
 * Manual Trigger → leads, then two branches: Enrow "Verify an email" with On Error "Continue
 * (using error output)" into Verified / Failed, and ValidEmailChecker with On Error "Continue"
 * into All.
 */
export function onErrorWorkflow(id: string, leads: Array<Record<string, string>>): WorkflowFixture {
	const [start, rows, split] = [manualTrigger(), ...itemsFrom(leads)];
	const enrow: NodeFixture = {
		...enrowNode(
			{
				resource: 'emailVerifier',
				operation: 'verify',
				email: '={{ $json.email }}',
				...pollEverySecond,
			},
			'Enrow',
		),
		onError: 'continueErrorOutput',
	};
	const vec: NodeFixture = {
		...vecNode({
			resource: 'email',
			operation: 'verify',
			email: '={{ $json.email }}',
			options: {},
		}),
		onError: 'continueRegularOutput',
	};
	const sinks = ['Verified', 'Failed', 'All'].map(noOp);
	const nodes = [start, rows, split, enrow, vec, ...sinks];
	const to = (...names: string[]) => names.map((node) => [{ node, type: 'main', index: 0 }]);
	return {
		id,
		name: 'Compat On Error',
		nodes: nodes.map((node, index) => ({ id: randomUUID(), position: [index * 220, 0], ...node })),
		connections: {
			[start.name]: { main: to(rows.name) },
			[rows.name]: { main: to(split.name) },
			[split.name]: { main: [[...to(enrow.name)[0], ...to(vec.name)[0]]] },
			[enrow.name]: { main: to('Verified', 'Failed') },
			[vec.name]: { main: to('All') },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The Enrow Trigger (bulk verification finished, results fetched) refusing calls without `?token=<secret>`. */
export function securedTriggerWorkflow(
	id: string,
	webhookId: string,
	secret: string,
): WorkflowFixture {
	const workflow = enrowTriggerWorkflow(id, 'Compat Enrow Trigger with a secret', webhookId);
	const [trigger] = workflow.nodes as NodeFixture[];
	trigger.parameters = { ...trigger.parameters, options: { secret } };
	return workflow;
}

/** Execute Workflow Trigger (input passed through) → Enrow verify in bulk, paused until Enrow calls back. */
export function pausingSubWorkflow(id: string): WorkflowFixture {
	return linearWorkflow(id, 'Compat sub-workflow that pauses', [
		{
			name: 'When Called',
			type: 'n8n-nodes-base.executeWorkflowTrigger',
			typeVersion: 1.1,
			parameters: { inputSource: 'passthrough' },
		},
		verifyOnCallbackNode('={{ $json.email }}'),
	]);
}

/** Webhook (POST { emails }) → one item per address → Execute Workflow `subWorkflowId`, waiting for it. */
export function parentOfSubWorkflow(
	id: string,
	path: string,
	subWorkflowId: string,
): WorkflowFixture {
	return linearWorkflow(id, 'Compat parent of a pausing sub-workflow', [
		webhookTrigger(path),
		{
			name: 'One Item per Address',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'body.emails', options: { destinationFieldName: 'email' } },
		},
		{
			name: 'Verify in Sub-workflow',
			type: 'n8n-nodes-base.executeWorkflow',
			typeVersion: 1.2,
			parameters: {
				workflowId: { __rl: true, mode: 'id', value: subWorkflowId },
				options: { waitForSubWorkflow: true },
			},
		},
	]);
}
