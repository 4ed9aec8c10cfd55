/** The start and end most end-to-end suites share, and their "call a webhook, wait for the run" step. */
import {
	disposeAllN8nInstances,
	type CredentialFixture,
	type N8nInstance,
	type WorkflowFixture,
} from '../../../scripts/e2e/n8nInstance';
import { startSimulator, type Simulator, type SimulatorConfigPatch } from '../../../simulator';
import { createN8n } from './e2eRun';
import { reportTiming, timed } from './timing';

export interface SuiteBase {
	/** The n8n user folder's name. */
	name: string;
	simulatorConfig?: SimulatorConfigPatch;
	/** The credentials to import, made for the simulator's URL. */
	credentials: (simulatorUrl: string, simulator: Simulator) => CredentialFixture[];
	/** Where given, the time to make the user folder and install the packages is reported under this label. */
	installTimingLabel?: string;
}

export interface SuiteSetup extends SuiteBase {
	/** The workflows to import and publish (some need the instance's webhook URL). */
	workflows: (n8n: N8nInstance) => WorkflowFixture[];
	/** Where given, the start time is reported under this label. */
	startTimingLabel?: string;
}

/** A simulator and an n8n user folder with the suite's credentials, server not started: enough for
 *  suites that run their workflows with `n8n execute` (support/executeRun.ts). */
export async function prepareSuite(
	setup: SuiteBase,
): Promise<{ simulator: Simulator; n8n: N8nInstance }> {
	const simulator = await startSimulator({ config: setup.simulatorConfig });
	const install = async () => await createN8n(setup.name);
	const n8n = await (setup.installTimingLabel
		? timed(setup.installTimingLabel, install)
		: install());
	await n8n.importCredentials(setup.credentials(simulator.url, simulator));
	return { simulator, n8n };
}

/** A simulator and a started n8n with the suite's credentials and published workflows. */
export async function startSuite(
	setup: SuiteSetup,
): Promise<{ simulator: Simulator; n8n: N8nInstance }> {
	const { simulator, n8n } = await prepareSuite(setup);
	for (const workflow of setup.workflows(n8n)) await n8n.importAndPublishWorkflow(workflow);
	const startMs = await n8n.start();
	if (setup.startTimingLabel) reportTiming(setup.startTimingLabel, startMs);
	return { simulator, n8n };
}

export async function stopSuite(simulator: Simulator | undefined): Promise<void> {
	await disposeAllN8nInstances();
	await simulator?.close();
}

/** Waits for the run of `workflowId` to end, in success or in error. */
export async function waitForRunEnd(n8n: N8nInstance, workflowId: string, timeoutMs?: number) {
	return await n8n.api.waitForExecution({
		workflowId,
		status: ['success', 'error'],
		...(timeoutMs === undefined ? {} : { timeoutMs }),
	});
}

/** Calls the webhook at `path` (answered 200) and waits for `workflowId`'s run to end. */
export async function runFromWebhook(
	n8n: N8nInstance,
	path: string,
	body: unknown,
	workflowId: string,
	timeoutMs?: number,
) {
	expect((await n8n.api.callWebhook(path, { body })).status).toBe(200);
	return await waitForRunEnd(n8n, workflowId, timeoutMs);
}
