/**
 * The simulator answers in the shape of the APIs' saved answers (test/fixtures/api-answers:
 * the newest docs revision's examples until `npm run check:live` saves live ones). Each saved
 * answer's request is sent to the simulator, and its answer compared by shape: status, keys
 * and value types, recursively; values are not compared.
 */
import * as path from 'path';

import { sendRequest, type ApiAnswer, type ApiRequest } from '../../scripts/live/apiClient';
import { DEFAULT_FIXTURES_DIR } from '../../scripts/live/args';
import { documentedAnswerDifferences } from '../../scripts/live/documentedAnswer';
import { expectedAnswer } from '../../scripts/live/expectedAnswers';
import { readFixtures, type AnswerFixture } from '../../scripts/live/fixtures';
import { sameShapeDifferences } from '../../scripts/live/shape';
import { jobIdOf } from '../../nodes/EnrowApi/startJob';
import { ENROW_KEY, useFastSimulator, VEC_KEY } from './helpers';

const saved = readFixtures(DEFAULT_FIXTURES_DIR).map(({ file, fixture }) => ({
	name: path.relative(DEFAULT_FIXTURES_DIR, file),
	fixture,
}));

const sim = useFastSimulator();

async function send(request: ApiRequest): Promise<ApiAnswer> {
	const apiKey = request.api === 'enrow' ? ENROW_KEY : VEC_KEY;
	const answer = await sendRequest({ baseUrl: sim.url, apiKey }, request);
	if ('networkError' in answer) throw new Error(`no answer: ${answer.networkError}`);
	return answer;
}

/** The simulator's answer to the saved answer's request: for a job read, of a job it starts. */
async function simulatorAnswer(fixture: AnswerFixture): Promise<ApiAnswer> {
	if (!fixture.startedBy) return send(fixture.request);
	if (fixture.stage === 'running') {
		sim.configure({ enrow: { jobDurationMs: { single: 60_000, bulkBase: 60_000 } } });
	}
	const started = await send(fixture.startedBy);
	const id = jobIdOf(started.body);
	if (id === undefined) throw new Error(`the simulator started no job: ${JSON.stringify(started)}`);
	if (fixture.stage !== 'running') sim.completeAllJobs();
	return send({ ...fixture.request, query: { id } });
}

describe('the saved API answers', () => {
	it('are there: every endpoint, from the docs at least', () => {
		const probes = new Set(saved.map(({ fixture }) => fixture.probe));
		for (const probe of [
			'account-info',
			'find-single',
			'find-bulk',
			'verify-single',
			'verify-bulk',
		]) {
			expect(probes).toContain(probe);
		}
		expect([...probes].some((probe) => probe.startsWith('phone-single'))).toBe(true);
		expect(probes).toContain('phone-bulk');
		expect(probes).toContain('vec-verify');
	});

	it('from the docs are what expectedAnswers.ts describes', () => {
		const differences = saved
			.filter(({ fixture }) => fixture.source === 'docs')
			.map(({ name, fixture }) => {
				const expected = expectedAnswer(fixture.expected);
				if (!expected) return [name, [`no expected answer "${fixture.expected}"`]] as const;
				return [name, documentedAnswerDifferences(expected, fixture)] as const;
			})
			.filter(([, found]) => found.length > 0);
		expect(Object.fromEntries(differences)).toEqual({});
	});
});

describe('the simulator answers in the shape of each saved API answer', () => {
	it.each(saved)('$name', async ({ fixture }) => {
		const answer = await simulatorAnswer(fixture);
		expect(answer.status).toBe(fixture.status);
		const shape = expectedAnswer(fixture.expected)?.body;
		expect(sameShapeDifferences(fixture.body, answer.body, shape)).toEqual([]);
	});
});
