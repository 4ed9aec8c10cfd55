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

/** How the section was set up (which runs): ratios are compared only within one set-up. */
const SET_UPS = {
	current: 'of 15 rounds with the Wait node pausing while it holds every item, as this node does',
	longRuns: 'of 15 rounds with the Wait node pausing while it holds one item',
	shortRuns: 'of 5–9 rounds with the Wait node pausing while it holds one item',
};
type SetUp = keyof typeof SET_UPS;

interface EarlierRun extends ResumeRatios {
	/** When (UTC) and what was different from the run before. */
	run: string;
	rounds: number;
	setUp: SetUp;
}

/** The goal: this node's median at most 1.2× the Wait node's. */
export const RESUME_RATIO_TARGET = 1.2;

const EARLIER_RUNS: EarlierRun[] = [
	{
		run: "03:11, timed from the job's due time",
		setUp: 'shortRuns',
		rounds: 9,
		oneItem: 1.06,
		alone: 1.24,
		splitOut: 1.2,
	},
	{
		run: "03:15, timed from the callback's sending",
		setUp: 'shortRuns',
		rounds: 5,
		oneItem: 0.97,
		alone: 1.08,
		splitOut: 1.08,
	},
	{
		run: '03:20, the same',
		setUp: 'shortRuns',
		rounds: 9,
		oneItem: 1.1,
		alone: 1.21,
		splitOut: 0.95,
	},
	{
		run: '03:24, items read while Enrow answers',
		setUp: 'shortRuns',
		rounds: 5,
		oneItem: 0.94,
		alone: 1.21,
		splitOut: 1.12,
	},
	{
		run: '03:31, the same',
		setUp: 'shortRuns',
		rounds: 9,
		oneItem: 0.83,
		alone: 1.18,
		splitOut: 1.11,
	},
	{
		run: '03:36, the same',
		setUp: 'shortRuns',
		rounds: 9,
		oneItem: 0.81,
		alone: 1.31,
		splitOut: 1.14,
	},
	{
		run: '03:57, the same, in a full `npm run bench`',
		setUp: 'shortRuns',
		rounds: 9,
		oneItem: 1.17,
		alone: 1.34,
		splitOut: 1.26,
	},
	{
		run: '05:58, 3 s pauses instead of 5 s, items read while n8n reads the credential',
		setUp: 'longRuns',
		rounds: 15,
		oneItem: 0.97,
		alone: 1.14,
		splitOut: 1.14,
	},
	{
		run: '06:03, the same',
		setUp: 'longRuns',
		rounds: 15,
		oneItem: 0.9,
		alone: 1.09,
		splitOut: 1.04,
	},
	{
		run: '06:20, the same, in a full `npm run bench`',
		setUp: 'longRuns',
		rounds: 15,
		oneItem: 0.92,
		alone: 1.13,
		splitOut: 1.05,
	},
	{
		run: '06:28, the same',
		setUp: 'longRuns',
		rounds: 15,
		oneItem: 0.95,
		alone: 1.12,
		splitOut: 1.16,
	},
	{
		run: '06:33, the same',
		setUp: 'longRuns',
		rounds: 15,
		oneItem: 1.08,
		alone: 1.17,
		splitOut: 1.08,
	},
	{
		run: '06:39, the same',
		setUp: 'longRuns',
		rounds: 15,
		oneItem: 0.81,
		alone: 1.21,
		splitOut: 1.21,
	},
	{
		run: '06:46, the Wait node pauses holding every item, as this node does (a Merge before it)',
		setUp: 'current',
		rounds: 15,
		oneItem: 1.03,
		alone: 1.05,
		splitOut: 1.01,
	},
	{
		run: '06:51, the same',
		setUp: 'current',
		rounds: 15,
		oneItem: 0.85,
		alone: 1.13,
		splitOut: 1.11,
	},
	{
		run: '06:56, the same',
		setUp: 'current',
		rounds: 15,
		oneItem: 0.98,
		alone: 1.07,
		splitOut: 1.11,
	},
	{
		run: '07:21, the same',
		setUp: 'current',
		rounds: 15,
		oneItem: 0.92,
		alone: 1.08,
		splitOut: 1.13,
	},
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
	const within = values.filter((value) => value <= RESUME_RATIO_TARGET).length;
	return `${times(Math.min(...values))}–${times(Math.max(...values))} (within ${RESUME_RATIO_TARGET}× in ${within} of ${values.length})`;
}

function summaryOf(label: string, runs: ResumeRatios[]): string {
	const parts = COLUMNS.map(([key, name]) => {
		const range = rangeOf(runs, key);
		return range && `${name} ${range}`;
	}).filter(Boolean);
	return `${label}: ${parts.join('; ')}.`;
}

/** The table of earlier runs, and the ranges of the ratios over them and the run above. */
export function runToRunReport(thisRun: ResumeRatios): string {
	const rows = EARLIER_RUNS.map((run) => [
		run.run,
		String(run.rounds),
		times(run.oneItem),
		times(run.alone),
		times(run.splitOut),
	]);
	const bySetUp = (setUp: SetUp): ResumeRatios[] => [
		...EARLIER_RUNS.filter((run) => run.setUp === setUp),
		...(setUp === 'current' ? [thisRun] : []),
	];
	const summaries = (Object.keys(SET_UPS) as SetUp[])
		.map((setUp) => {
			const runs = bySetUp(setUp);
			const which = setUp === 'current' ? 'With the run above, the runs' : 'The runs';
			return summaryOf(`${which} ${SET_UPS[setUp]} (${runs.length})`, runs);
		})
		.join('\n\n');
	return `The runs of this section before the one above, on 2026-12-02 (UTC; those before 05:00 in an
earlier session, on another machine of the same kind); ratios of this node's median to the Wait
node's:

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

${summaries}

The medians of the runs of 5–9 rounds moved from run to run by more than the changes made
between them, hence the 15 rounds.`;
}
