/**
 * The operations the fault matrix runs each fault through: one single-item and one bulk operation
 * of the Enrow node, and the ValidEmailChecker node (synchronous: no job, no polling).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Simulator } from '../../../simulator';
import type { RunNodeResult } from '../../harness';
import { FINDER_BY_DOMAIN, VERIFIER_MAPPED } from '../../support/mappedInputs';
import { runEnrow, runVec } from './kit';

export interface Operation {
	/** Row label in the report. */
	label: string;
	node: 'enrow' | 'vec';
	bulk: boolean;
	parameters: INodeParameters;
	/** The request that starts the work (Enrow: creates a job, and is paid for). */
	postPath: string;
	/** Where Enrow's results are read (GET), if any. */
	getPath?: string;
	/** The default input of a matrix case. */
	input: IDataObject[];
	/** How the node names the default input's items in its messages. */
	items: string;
	/** Credits one default run costs when everything goes well. */
	cost: number;
}

const verifier = VERIFIER_MAPPED;
const finder = FINDER_BY_DOMAIN;

/** The items a run of `input` names in its errors: "item 0", "items 0–2". */
function itemsOf(input: IDataObject[]): string {
	return input.length === 1 ? 'item 0' : `items 0–${input.length - 1}`;
}

/** An Enrow operation whose job is started (POST) and read (GET) at `path`. */
function enrowOperation(
	name: string,
	parameters: INodeParameters,
	path: string,
	input: IDataObject[],
	cost: number,
): Operation {
	return {
		label: `Enrow · ${name} (\`${String(parameters.operation)}\`)`,
		node: 'enrow',
		bulk: path.endsWith('/bulk'),
		parameters,
		postPath: path,
		getPath: path,
		input,
		items: itemsOf(input),
		cost,
	};
}

export const VERIFY = enrowOperation(
	'Verify an email',
	{ ...verifier, operation: 'verify' },
	'/email/verify/single',
	[{ email: 'pam.beesly@dundermifflin.com' }],
	0.25,
);

export const VERIFY_BULK = enrowOperation(
	'Verify emails in bulk',
	{ ...verifier, operation: 'verifyBulk' },
	'/email/verify/bulk',
	[
		{ email: 'pam.beesly@dundermifflin.com' },
		{ email: 'jim.halpert@dundermifflin.com' },
		{ email: 'bounce@dundermifflin.com' },
	],
	0.75,
);

export const FIND = enrowOperation(
	'Find an email',
	{ ...finder, operation: 'find' },
	'/email/find/single',
	[{ name: 'Dwight Schrute', domain: 'dundermifflin.com' }],
	1,
);

export const FIND_BULK = enrowOperation(
	'Find emails in bulk',
	{ ...finder, operation: 'findBulk' },
	'/email/find/bulk',
	[
		{ name: 'Dwight Schrute', domain: 'dundermifflin.com' },
		{ name: 'Jim Halpert', domain: 'dundermifflin.com' },
		{ name: 'Nobody Here', domain: 'dundermifflin.com' },
	],
	// "Nobody" is not found: its reserved credit is refunded.
	2,
);

export const VEC: Operation = {
	label: 'ValidEmailChecker · Verify an email',
	node: 'vec',
	bulk: false,
	parameters: { email: '={{ $json.email }}' },
	postPath: '/api/verify-single',
	input: [{ email: 'pam.beesly@dundermifflin.com' }],
	items: 'item 0',
	cost: 1,
};

export async function runOperation(
	simulator: Simulator,
	op: Operation,
	options: { input?: IDataObject[]; continueOnFail?: boolean; parameters?: INodeParameters } = {},
): Promise<RunNodeResult> {
	const parameters = { ...op.parameters, ...options.parameters };
	const run = { input: options.input ?? op.input, continueOnFail: options.continueOnFail };
	return op.node === 'vec'
		? await runVec(simulator, parameters, run)
		: await runEnrow(simulator, parameters, run);
}

/** What the simulator saw of one operation: requests to its paid endpoint, jobs, credits. */
export interface Counts {
	posts: number;
	gets: number;
	jobs: number;
	charged: number;
}

export function countsOf(simulator: Simulator, op: Operation): Counts {
	const stats = simulator.stats();
	const posts = stats.requestsByRoute[`POST ${op.postPath}`] ?? 0;
	const gets = op.getPath ? (stats.requestsByRoute[`GET ${op.getPath}`] ?? 0) : 0;
	if (op.node === 'vec') return { posts, gets, jobs: 0, charged: stats.vec.creditsCharged };
	return { posts, gets, jobs: stats.jobsCreated, charged: stats.credits.charged };
}

/** "2 POSTs, 1 job, 0.75 credits": the counts a row quotes. */
export function describeCounts(op: Operation, counts: Counts): string {
	const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
	const credits = `${plural(counts.charged, 'credit')} charged`;
	if (op.node === 'vec') return `${plural(counts.posts, 'request')}, ${credits}`;
	return `${plural(counts.posts, 'POST')}, ${plural(counts.jobs, 'job')} created, ${credits}`;
}
