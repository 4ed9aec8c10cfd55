/** Every difference of one recorded answer: from the docs, and in how the nodes read it. */
import type { ApiAnswer, ApiRequest, NoAnswer } from './apiClient';
import { documentedAnswerDifferences } from './documentedAnswer';
import { expectedAnswer } from './expectedAnswers';
import type { Stage } from './fixtures';
import {
	accountReadingDifferences,
	errorReadingDifferences,
	finishedReadingDifferences,
	runningReadingDifferences,
	startReadingDifferences,
	vecCredentialTestDifferences,
	vecVerificationReadingDifferences,
} from './nodeReadings';
import { PROBE_PERSON, type Probe } from './probes';

export interface RecordedAnswer {
	probe: Probe;
	stage: Stage;
	/** The expected answer's name (expectedAnswers.ts). */
	expected: string;
	request: ApiRequest;
	startedBy?: ApiRequest;
	answer: ApiAnswer | NoAnswer;
	/** The job the answer is about, for reads. */
	jobId?: string;
}

function nodeReadingDifferences(
	recorded: RecordedAnswer,
	answer: ApiAnswer,
	redact: (text: string) => string,
): string[] {
	const { probe, stage } = recorded;
	const expected = expectedAnswer(recorded.expected)!;
	if (stage === 'running') return runningReadingDifferences(probe.job!, answer);
	if (stage === 'finished') return finishedReadingDifferences(probe.job!, answer, recorded.jobId!);
	if (stage === 'read') return [];
	switch (recorded.expected) {
		case 'account.info':
			return accountReadingDifferences(answer);
		case 'vec.verify':
			return vecVerificationReadingDifferences(answer, PROBE_PERSON.email);
		case 'vec.noEmail':
			return vecCredentialTestDifferences(answer);
	}
	return [
		...errorReadingDifferences(expected, recorded.request, answer, redact),
		...(probe.job ? startReadingDifferences(answer) : []),
	];
}

export function differencesOf(
	recorded: RecordedAnswer,
	redact: (text: string) => string,
): string[] {
	if ('networkError' in recorded.answer) return [`no answer (${recorded.answer.networkError})`];
	const expected = expectedAnswer(recorded.expected)!;
	return [
		...documentedAnswerDifferences(expected, recorded.answer),
		...nodeReadingDifferences(recorded, recorded.answer, redact),
	];
}
