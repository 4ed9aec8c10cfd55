/** An answer against what the nodes expect of it: status, documented error text, shape. */
import { apiErrorText } from '../../nodes/shared/apiErrorText';
import type { ApiAnswer } from './apiClient';
import { expectedAnswer, type ExpectedAnswer } from './expectedAnswers';
import type { Endpoint } from './probes';
import { shapeDifferences } from './shape';

export function documentedAnswerDifferences(expected: ExpectedAnswer, answer: ApiAnswer): string[] {
	if (!expected.status.includes(answer.status)) {
		const text = apiErrorText(answer.body);
		return [
			`HTTP ${answer.status} where the nodes expect ${expected.status.join(' or ')}${text ? ` (answer: "${text}")` : ''}`,
		];
	}
	const differences: string[] = [];
	if (expected.errorText !== undefined) {
		const text = apiErrorText(answer.body);
		if (text !== expected.errorText) {
			differences.push(`error text "${text ?? ''}" where the docs give "${expected.errorText}"`);
		}
	}
	for (const difference of shapeDifferences(answer.body, expected.body)) {
		differences.push(`${difference.path || 'body'}: ${difference.text}`);
	}
	return differences;
}

export type ReadStage = 'running' | 'finished';

/**
 * Whether a job read's answer is, by the docs, a running or a finished job: the stage whose
 * status it has, and of two (bulk jobs answer 200 either way) the one it fits best. Undefined
 * when neither status is the answer's. Decided without the node's parser, to check it.
 */
export function readStageOf(endpoint: Endpoint, answer: ApiAnswer): ReadStage | undefined {
	const stages = (['running', 'finished'] as const).filter((stage) =>
		expectedAnswer(`${endpoint}.${stage}`)!.status.includes(answer.status),
	);
	if (stages.length < 2) return stages[0];
	const [running, finished] = stages.map(
		(stage) => shapeDifferences(answer.body, expectedAnswer(`${endpoint}.${stage}`)!.body).length,
	);
	return running < finished ? 'running' : 'finished';
}
