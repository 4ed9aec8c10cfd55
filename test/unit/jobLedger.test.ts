import type { IWorkflowExecutionCustomData } from 'n8n-workflow';

import { readJobLedger, writeJobLedger } from '../../nodes/Enrow/engine/jobLedger';

/** An execution's custom data as n8n keeps it: string values by key (a missing key reads as undefined). */
function customData(): IWorkflowExecutionCustomData & { values: Map<string, string> } {
	const values = new Map<string, string>();
	return {
		values,
		set: (key, value) => void values.set(key, value),
		setAll: (all) => Object.entries(all).forEach(([key, value]) => values.set(key, value)),
		get: (key) => values.get(key) as string,
		getAll: () => Object.fromEntries(values),
	};
}

describe('the job ledger a paused run leaves in the execution custom data', () => {
	it('gives back the planned jobs in plan order, and the started ones once each', () => {
		const data = customData();
		// Plan of 4 jobs: the 2nd was refused when the run began; the 4th reuses the 1st's ID.
		writeJobLedger(
			data,
			['job-a', undefined, 'job-b', 'job-a'],
			new Map([[1, { message: 'Not enough credits', description: 'Top up, then run again.' }]]),
		);

		const ledger = readJobLedger(data)!;
		expect(ledger.jobIds).toEqual(['job-a', undefined, 'job-b', 'job-a']);
		expect(ledger.startedJobIds).toEqual(['job-a', 'job-b']);
		expect(ledger.notStarted.get(1)?.message).toBe('Not enough credits');
	});

	it('a later run in the same execution replaces the ledger of the run before it', () => {
		const data = customData();
		writeJobLedger(
			data,
			Array.from({ length: 14 }, (_, at) => `first-${at}`),
		);
		writeJobLedger(data, ['second-0']);

		expect(readJobLedger(data)?.startedJobIds).toEqual(['second-0']);
	});

	it('is absent when the execution paused for no Enrow job', () => {
		expect(readJobLedger(customData())).toBeUndefined();
	});
});
