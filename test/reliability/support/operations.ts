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

export const VERIFY: Operation = {
	label: 'Enrow · Verify an email (`verify`)',
	node: 'enrow',
	bulk: false,
	parameters: { ...verifier, operation: 'verify' },
	postPath: '/email/verify/single',
	getPath: '/email/verify/single',
	input: [{ email: 'pam.beesly@dundermifflin.com' }],
	items: 'item 0',
	cost: 0.25,
};

export const VERIFY_BULK: Operation = {
	label: 'Enrow · Verify emails in bulk (`verifyBulk`)',
	node: 'enrow',
	bulk: true,
	parameters: { ...verifier, operation: 'verifyBulk' },
	postPath: '/email/verify/bulk',
	getPath: '/email/verify/bulk',
	input: [
		{ email: 'pam.beesly@dundermifflin.com' },
		{ email: 'jim.halpert@dundermifflin.com' },
		{ email: 'bounce@dundermifflin.com' },
	],
	items: 'items 0–2',
	cost: 0.75,
};

export const FIND: Operation = {
	label: 'Enrow · Find an email (`find`)',
	node: 'enrow',
	bulk: false,
	parameters: { ...finder, operation: 'find' },
	postPath: '/email/find/single',
	getPath: '/email/find/single',
	input: [{ name: 'Dwight Schrute', domain: 'dundermifflin.com' }],
	items: 'item 0',
	cost: 1,
};

export const FIND_BULK: Operation = {
	label: 'Enrow · Find emails in bulk (`findBulk`)',
	node: 'enrow',
	bulk: true,
	parameters: { ...finder, operation: 'findBulk' },
	postPath: '/email/find/bulk',
	getPath: '/email/find/bulk',
	input: [
		{ name: 'Dwight Schrute', domain: 'dundermifflin.com' },
		{ name: 'Jim Halpert', domain: 'dundermifflin.com' },
		{ name: 'Nobody Here', domain: 'dundermifflin.com' },
	],
	items: 'items 0–2',
	// "Nobody" is not found: its reserved credit is refunded.
	cost: 2,
};

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
