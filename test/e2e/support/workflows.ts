/**
 * Workflow and credential fixtures for the end-to-end tests, built as n8n 2.41.1 stores them.
 * Input items come from an Edit Fields (Set) node with raw JSON split by a Split Out node, so
 * no Code node (and no task runner) is involved.
 */
import { randomUUID } from 'crypto';

import type { CredentialFixture, WorkflowFixture } from '../../../scripts/e2e/n8nInstance';

export const ENROW_NODE_TYPE = 'n8n-nodes-enrow.enrow';
export const ENROW_CREDENTIAL = { id: 'e2eEnrowCred01', name: 'Enrow (simulator)' };
/** ValidEmailChecker ships in its own package, n8n-nodes-validemailchecker. */
export const VEC_NODE_TYPE = 'n8n-nodes-validemailchecker.validEmailChecker';
export const VEC_CREDENTIAL = { id: 'e2eVecCred0001', name: 'ValidEmailChecker (simulator)' };

export interface NodeFixture {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	/** Settings → On Error: 'continueRegularOutput' or 'continueErrorOutput'. */
	onError?: string;
	/** Settings → Execute Once: the node runs for the first input item only. */
	executeOnce?: boolean;
	/** Settings → Retry On Fail, Max. Tries, Wait Between Tries (ms). */
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
}

export function enrowCredential(simulatorUrl: string, apiKey = 'sim-enrow-key'): CredentialFixture {
	return { ...ENROW_CREDENTIAL, type: 'enrowApi', data: { apiKey, baseUrl: simulatorUrl } };
}

export function vecCredential(simulatorUrl: string, apiKey = 'sim-vec-key'): CredentialFixture {
	return {
		...VEC_CREDENTIAL,
		type: 'validEmailCheckerApi',
		data: { apiKey, baseUrl: simulatorUrl },
	};
}

/** Both packages' credentials, for the simulator at `simulatorUrl`. */
export function bothCredentials(simulatorUrl: string): CredentialFixture[] {
	return [enrowCredential(simulatorUrl), vecCredential(simulatorUrl)];
}

/** The Enrow node's waiting settings in the `n8n execute` suites: poll every second, simplified. */
export const pollEveryOneSecond = {
	waitMode: 'poll',
	pollIntervalSeconds: 1,
	simplify: true,
	options: {},
};

export function manualTrigger(): NodeFixture {
	return { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
}

/** A Webhook trigger listening on POST `<WEBHOOK_URL>webhook/<path>`, answering at once. */
export function webhookTrigger(path: string): NodeFixture {
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
}

/** Two nodes that turn `rows` into one item per row. */
export function itemsFrom(rows: Array<Record<string, unknown>>): NodeFixture[] {
	return [setJson('Rows', JSON.stringify({ rows })), splitOut('One Item per Row', 'rows')];
}

/** Split Out: one item per entry of the list in `field` (an object entry becomes the item). */
export function splitOut(name: string, field: string): NodeFixture {
	return {
		name,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		parameters: { fieldToSplitOut: field, options: {} },
	};
}

/** Edit Fields (Set) in raw-JSON mode: `json` may hold expressions (`={ "a": "{{ $json.b }}" }`). */
export function setJson(name: string, json: string): NodeFixture {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: { mode: 'raw', jsonOutput: json, options: {} },
	};
}

/** n8n's Wait node, resumed by a POST to the execution's `$execution.resumeUrl`. */
export function waitForResumeCall(): NodeFixture {
	return {
		name: 'Wait',
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		webhookId: randomUUID(),
		parameters: { resume: 'webhook', httpMethod: 'POST', options: {} },
	};
}

/** The Enrow node with its credential; `parameters` as in nodes/Enrow/actions. */
export function enrowNode(parameters: Record<string, unknown>, name = 'Enrow'): NodeFixture {
	return {
		name,
		type: ENROW_NODE_TYPE,
		typeVersion: 1,
		parameters,
		credentials: { enrowApi: ENROW_CREDENTIAL },
	};
}

/** The ValidEmailChecker node with its credential; `parameters` as in its actions/ folder. */
export function vecNode(
	parameters: Record<string, unknown>,
	name = 'ValidEmailChecker',
): NodeFixture {
	return {
		name,
		type: VEC_NODE_TYPE,
		typeVersion: 1,
		parameters,
		credentials: { validEmailCheckerApi: VEC_CREDENTIAL },
	};
}

/**
 * Webhook (POST { emails: [...] }) → one item per address → Enrow verify in bulk, paused until
 * Enrow calls back (waitMode 'webhook').
 */
export function verifyOnCallbackWorkflow(id: string, path: string): WorkflowFixture {
	return linearWorkflow(id, `E2E ${path}`, [
		webhookTrigger(path),
		splitOut('One Item per Address', 'body.emails'),
		verifyOnCallbackNode('={{ $json["body.emails"] }}'),
	]);
}

/** Enrow verify in bulk on `email` (an expression), paused until Enrow calls back. */
export function verifyOnCallbackNode(email: string): NodeFixture {
	return enrowNode({
		resource: 'emailVerifier',
		operation: 'verifyBulk',
		email,
		waitMode: 'webhook',
		timeoutMinutes: 30,
		simplify: true,
		options: {},
	});
}

/** Webhook (POST { fullName, companyDomain }) → Enrow "Find an email", polled every second. */
export function findOnWebhookWorkflow(id: string, path: string): WorkflowFixture {
	return linearWorkflow(id, `E2E ${path}`, [
		webhookTrigger(path),
		findPolledNode('={{ $json.body.fullName }}', '={{ $json.body.companyDomain }}'),
	]);
}

/**
 * Webhook (POST { people: [{ fullName, companyDomain }, …] }) → one item per person → Enrow
 * "Find an email" (a single job per item), polled every second. `settings`: the Enrow node's
 * settings, e.g. `{ onError: 'continueRegularOutput' }`.
 */
export function findEachOnWebhookWorkflow(
	id: string,
	path: string,
	settings: Pick<NodeFixture, 'onError'> = {},
): WorkflowFixture {
	return linearWorkflow(id, `E2E ${path}`, [
		webhookTrigger(path),
		splitOut('One Item per Person', 'body.people'),
		{ ...findPolledNode('={{ $json.fullName }}', '={{ $json.companyDomain }}'), ...settings },
	]);
}

/** Enrow "Find an email" on `fullName` and `companyDomain` (expressions), polled every second. */
function findPolledNode(fullName: string, companyDomain: string): NodeFixture {
	return enrowNode({
		resource: 'emailFinder',
		operation: 'find',
		fullName,
		companyDomain,
		waitMode: 'poll',
		pollIntervalSeconds: 1,
		simplify: true,
		options: {},
	});
}

/** Nodes connected one after the other, laid out left to right. */
/** A No Operation node, a place for items to land so a test can read them. */
export function noOp(name: string): NodeFixture {
	return { name, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
}

/**
 * `workflow` with `from`'s outputs (main, then error when its On Error is "Continue (using error
 * output)") each wired into a node of `to`, in that order.
 */
export function withOutputs(
	workflow: WorkflowFixture,
	from: string,
	to: NodeFixture[],
): WorkflowFixture {
	const placed = to.map((node, index) => ({
		id: randomUUID(),
		position: [workflow.nodes.length * 220, index * 200],
		...node,
	}));
	return {
		...workflow,
		nodes: [...workflow.nodes, ...placed],
		connections: {
			...workflow.connections,
			[from]: { main: to.map((node) => [{ node: node.name, type: 'main', index: 0 }]) },
		},
	};
}

export function linearWorkflow(id: string, name: string, nodes: NodeFixture[]): WorkflowFixture {
	const connections: WorkflowFixture['connections'] = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	});
	return {
		id,
		name,
		nodes: nodes.map((node, index) => ({ id: randomUUID(), position: [index * 220, 0], ...node })),
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/** Manual Trigger → one item per row → `nodes` in a line: a workflow for `n8n execute`. */
export function manualRunWorkflow(
	id: string,
	name: string,
	rows: Array<Record<string, unknown>>,
	...nodes: NodeFixture[]
): WorkflowFixture {
	return linearWorkflow(id, name, [manualTrigger(), ...itemsFrom(rows), ...nodes]);
}

/**
 * An Enrow Trigger on `events` (default bulk_verification_finished), reading the results (Fetch
 * Results), alone in its workflow. Its production URL is `<base>webhook/<webhookId>/webhook`.
 */
export function enrowTriggerWorkflow(
	id: string,
	name: string,
	webhookId: string,
	events: string[] = ['bulk_verification_finished'],
): WorkflowFixture {
	return {
		id,
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'Enrow Trigger',
				type: 'n8n-nodes-enrow.enrowTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { events, fetchResults: true, options: {} },
				credentials: { enrowApi: ENROW_CREDENTIAL },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** `count` distinct work addresses. */
export const addresses = (count: number): string[] =>
	Array.from({ length: count }, (_, i) => `lead${i}@acme-corp.com`);
