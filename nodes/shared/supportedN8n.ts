import { NodeConnectionTypes } from 'n8n-workflow';

/** The oldest n8n these packages were run on (README, "Compatibility"). */
export const OLDEST_SUPPORTED_N8N = '1.123.81';

/**
 * n8n's connection types, for a node's `inputs` and `outputs`. The nodes run inside the host
 * n8n's own n8n-workflow, and one from before `NodeConnectionTypes` existed (n8n older than
 * about 1.85) would fail to load them with "Cannot read properties of undefined (reading
 * 'Main')": this says instead which n8n they need.
 */
export function connectionTypes(nodeName: string): typeof NodeConnectionTypes {
	if (NodeConnectionTypes === undefined) {
		throw new Error(
			`The ${nodeName} node needs n8n ${OLDEST_SUPPORTED_N8N} or newer; this n8n is older (its n8n-workflow has no NodeConnectionTypes). Update n8n to use it.`,
		);
	}
	return NodeConnectionTypes;
}
