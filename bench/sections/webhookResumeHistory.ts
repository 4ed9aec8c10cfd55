/**
 * Section 4's run-to-run table: the earlier runs of the side-by-side resume (ratios of this
 * node's median to the Wait node's, same n8n and run), and what they say together with the run
 * being reported. Add a row here when a run of the section is replaced by a newer one.
 */
import { table } from '../support/format';

export interface ResumeRatios {
	/** 1 item, against the Wait node. */
	oneItem?: number;
	/** 1,000 items, against the Wait node alone (it hands on one item). */
	alone?: number;
	/** 1,000 items, against the Wait node → Split Out (as many items as this node). */
	splitOut?: number;
}

interface EarlierRun extends ResumeRatios {
	/** When (UTC) and what was different from the run before. */
	run: string;
	rounds: number;
}

/** From 15 rounds on, runs of the section are counted apart: the earlier ones had 5–9. */
const LONG_RUN_ROUNDS = 15;
const TARGET = 1.2;

const EARLIER_RUNS: EarlierRun[] = [
	{
		run: "03:11, timed from the job's due time",
		rounds: 9,
		oneItem: 1.06,
		alone: 1.24,
		splitOut: 1.2,
	},
	{
		run: "03:15, timed from the callback's sending",
		rounds: 5,
		oneItem: 0.97,
		alone: 1.08,
		splitOut: 1.08,
	},
	{ run: '03:20, the same', rounds: 9, oneItem: 1.1, alone: 1.21, splitOut: 0.95 },
	{
		run: '03:24, items read while Enrow answers',
		rounds: 5,
		oneItem: 0.94,
		alone: 1.21,
		splitOut: 1.12,
	},
	{ run: '03:31, the same', rounds: 9, oneItem: 0.83, alone: 1.18, splitOut: 1.11 },
	{ run: '03:36, the same', rounds: 9, oneItem: 0.81, alone: 1.31, splitOut: 1.14 },
	{
		run: '03:57, the same, in a full `npm run bench`',
		rounds: 9,
		oneItem: 1.17,
		alone: 1.34,
		splitOut: 1.26,
	},
	{
		run: '05:58, 3 s pauses instead of 5 s, items read while n8n reads the credential',
		rounds: 15,
		oneItem: 0.97,
		alone: 1.14,
		splitOut: 1.14,
	},
	{ run: '06:03, the same', rounds: 15, oneItem: 0.9, alone: 1.09, splitOut: 1.04 },
];

const COLUMNS: Array<[keyof ResumeRatios, string]> = [
	['oneItem', '1 item'],
	['splitOut', '1,000 items against the Wait node → Split Out'],
	['alone', '1,000 items against the Wait node alone'],
];

const times = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(2)}×`);

/** "0.90–0.97×, within 1.2× in 2 of 2" for one column over some runs. */
function rangeOf(runs: ResumeRatios[], key: keyof ResumeRatios): string | undefined {
	const values = runs
		.map((run) => run[key])
		.filter((value): value is number => value !== undefined);
	if (values.length === 0) return undefined;
	const within = values.filter((value) => value <= TARGET).length;
	return `${times(Math.min(...values))}–${times(Math.max(...values))} (within ${TARGET}× in ${within} of ${values.length})`;
}

function summaryOf(label: string, runs: ResumeRatios[]): string {
	const parts = COLUMNS.map(([key, name]) => {
		const range = rangeOf(runs, key);
		return range && `${name} ${range}`;
	}).filter(Boolean);
	return `${label}: ${parts.join('; ')}.`;
}

/** The table of earlier runs, and the ranges of the ratios over them and the run above. */
export function runToRunReport(thisRun: ResumeRatios & { rounds: number }): string {
	const rows = EARLIER_RUNS.map((run) => [
		run.run,
		String(run.rounds),
		times(run.oneItem),
		times(run.alone),
		times(run.splitOut),
	]);
	const long = [...EARLIER_RUNS.filter((run) => run.rounds >= LONG_RUN_ROUNDS)];
	const short = EARLIER_RUNS.filter((run) => run.rounds < LONG_RUN_ROUNDS);
	(thisRun.rounds >= LONG_RUN_ROUNDS ? long : short).push(thisRun);
	return `The runs of this section before the one above, on the same machine (2026-12-02, UTC); ratios
of this node's median to the Wait node's:

${table(
	[
		'Run (UTC)',
		'Rounds',
		'1 item: vs the Wait node',
		'1,000 items: vs the Wait node alone',
		'1,000 items: vs Wait node → Split Out',
	],
	rows,
)}

${summaryOf(`With the run above, the runs of ${LONG_RUN_ROUNDS} rounds (${long.length})`, long)}
${summaryOf(`The runs of 5–9 rounds (${short.length})`, short)} Their medians moved from run to run
by more than the changes made between them, hence the ${LONG_RUN_ROUNDS} rounds.`;
}
