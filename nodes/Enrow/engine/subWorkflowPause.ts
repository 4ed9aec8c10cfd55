import * as n8nWorkflow from 'n8n-workflow';

/**
 * Whether pausing here would hand the calling workflow this sub-workflow's input instead of
 * its results. n8n 1.x (checked on 1.123.81) resumes a parent that waits for a paused
 * sub-workflow with what the sub-workflow held when it paused: for this node, its input items.
 * n8n 2.x (checked on 2.0.3 and 2.41.1) hands the parent the results once the sub-workflow
 * ends. A node cannot read n8n's version, but n8n-workflow's exports tell the two apart:
 * `validateWorkflowHasTriggerLikeNode` is in 2.0.3 and 2.41.1, not in 1.123.81.
 */
export function pauseWouldLoseResults(context: { getMode?(): string }): boolean {
	const subWorkflow = context.getMode?.() === 'integrated';
	return subWorkflow && !('validateWorkflowHasTriggerLikeNode' in n8nWorkflow);
}
