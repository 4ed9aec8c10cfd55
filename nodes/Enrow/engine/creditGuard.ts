import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { answeredBalanceText, readAccountInfo, type AccountReading } from '../../EnrowApi/account';
import type { EnrowClient, EnrowContext } from '../../EnrowApi/transport';
import { asNodeError, type NodeError } from '../../shared/asNodeError';
import type { PreparedRun } from './prepareRun';

/** The most a run can cost, before any paid request: its rows at their kind's full price. */
export interface RunCost {
	rows: number;
	jobs: number;
	maxCredits: number;
	/** The sum as the user can check it: "3 addresses × 0.25 credit = 0.75 credits". */
	formula: string;
}

const count = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const credits = (n: number) => `${count(n)} credit${n > 0 && n <= 1 ? '' : 's'}`;
const plural = (noun: string, n: number) =>
	n === 1 ? noun : /(s|sh|ch)$/.test(noun) ? `${noun}es` : `${noun}s`;

export function costOf(run: PreparedRun<unknown>): RunCost {
	const { maxCreditsPerRow: price, rowNoun } = run.operation.kind;
	const rows = run.plan.reduce((sum, job) => sum + job.rows.length, 0);
	const maxCredits = rows * price;
	return {
		rows,
		jobs: run.plan.length,
		maxCredits,
		formula: `${count(rows)} ${plural(rowNoun, rows)} to send × ${credits(price)} = ${credits(maxCredits)} at most, before refunds`,
	};
}

/**
 * Options → Max Credits, then, for a run that needs more than one job-starting request, the
 * account's balance (read for free): the error that stops the run before anything paid is
 * sent, or undefined when it may go ahead. A single job relies on Enrow's own 402, which
 * spends nothing either.
 */
export async function creditGuardRefusal(
	context: EnrowContext,
	session: EnrowClient,
	run: PreparedRun<unknown>,
	cost: RunCost,
): Promise<NodeError | undefined> {
	const node = context.getNode();
	const cap = run.options.maxCredits;
	if (cap > 0 && cost.maxCredits > cap) {
		return new NodeOperationError(
			node,
			`This run may cost up to ${credits(cost.maxCredits)}, more than Max Credits (${count(cap)})`,
			{
				itemIndex: 0,
				description: `${cost.formula}. Nothing was sent to Enrow. Raise "Max Credits" (Options) or send fewer items: a Remove Duplicates node before this one skips contacts enriched in earlier runs.`,
			},
		);
	}
	if (cost.jobs <= 1) return undefined;
	let account: AccountReading;
	try {
		account = await readAccountInfo(session, 0);
	} catch (error) {
		return asNodeError(context, error, 0);
	}
	const balance = account.credits;
	if (balance === undefined) {
		// A balance the node cannot read is not taken for 0, which would refuse every run of
		// several jobs on an answer that says nothing about the credits. The run goes ahead as
		// a one-job run does: Enrow's own 402 stops it if the credits run out, nothing paid is
		// lost (the error names the jobs started), and Max Credits, checked above, still caps it.
		context.logger.warn(
			`Enrow node "${node.name}": the credit balance Enrow answered (${answeredBalanceText(account.creditsAnswered)}) is not a number; the run starts without checking it covers ${credits(cost.maxCredits)}`,
		);
		return undefined;
	}
	if (balance >= cost.maxCredits) return undefined;
	return new NodeOperationError(
		node,
		`This run may need ${credits(cost.maxCredits)}; the Enrow account has ${credits(balance)}`,
		{
			itemIndex: 0,
			description: `${cost.formula}. Enrow reserves credits for every row when a job starts, so the run would stop part-way with credits spent. Nothing was sent. Top up in app.enrow.io, or run fewer items at a time.`,
		},
	);
}

/**
 * Options → Dry Run: what the run would send and cost, with nothing paid sent. Per item:
 * `status: "estimated"`, `wouldSend`, `maxCredits` (0 for a duplicate or an address that
 * fails the syntax check) and `reason` when it would not be sent. Output Mode "Summary":
 * one item with the totals and the account's balance (read for free).
 */
export async function estimateRun(
	context: EnrowContext,
	session: EnrowClient,
	run: PreparedRun<unknown>,
	cost: RunCost,
): Promise<INodeExecutionData[]> {
	const price = run.operation.kind.maxCreditsPerRow;
	const planned = new Set<number>();
	for (const job of run.plan) {
		for (const itemIndexes of job.itemsByRef.values()) {
			itemIndexes.forEach((itemIndex, position) => {
				planned.add(itemIndex);
				run.outcomes.succeed(
					itemIndex,
					position === 0
						? { status: 'estimated', wouldSend: true, maxCredits: price }
						: { status: 'estimated', wouldSend: false, maxCredits: 0, reason: 'duplicate' },
				);
			});
		}
	}
	run.items.forEach((_, itemIndex) => {
		if (planned.has(itemIndex) || run.outcomes.hasFailed(itemIndex)) return;
		// Settled without a request (an address that cannot exist).
		run.outcomes.succeed(itemIndex, {
			status: 'estimated',
			wouldSend: false,
			maxCredits: 0,
			reason: 'syntax',
		});
	});
	if (run.options.outputMode !== 'summary') return run.outcomes.toOutput();

	// null, not 0, when Enrow's balance cannot be read: "unknown", not "empty".
	const balance = (await readAccountInfo(session, 0)).credits ?? null;
	const summary: IDataObject = {
		status: 'estimated',
		items: run.items.length,
		rowsToSend: cost.rows,
		jobsToStart: cost.jobs,
		maxCredits: cost.maxCredits,
		formula: cost.formula,
		balance,
		balanceCovers: balance === null ? null : balance >= cost.maxCredits,
	};
	if (run.options.maxCredits > 0)
		summary.withinMaxCredits = cost.maxCredits <= run.options.maxCredits;
	return [
		{
			json: summary,
			pairedItem: run.items.map((_, item) => ({ item })),
		},
	];
}
