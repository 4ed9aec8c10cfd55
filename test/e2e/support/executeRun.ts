/** One workflow run with `n8n execute` (no server): the suites that poll, or start from a Manual Trigger. */
import type { N8nInstance, WorkflowFixture } from '../../../scripts/e2e/n8nInstance';
import type { ExecutionRun } from '../../../scripts/e2e/runData';
import { timed } from './timing';

/** Imports `workflow`, runs it to its end (timed under `timingLabel` where given) and checks the
 *  run ended without a workflow error; read the nodes' items with `nodeOutput(run.data, name)`. */
export async function executeToEnd(
	n8n: N8nInstance,
	workflow: WorkflowFixture,
	timingLabel?: string,
): Promise<ExecutionRun> {
	await n8n.importWorkflow(workflow);
	const execute = async () => await n8n.executeWorkflow(workflow.id);
	const run = await (timingLabel ? timed(timingLabel, execute) : execute());
	expect(run.data.resultData.error).toBeUndefined();
	return run;
}
