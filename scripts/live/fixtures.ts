/**
 * Saved answers: one JSON file per answer, under `<dir>/enrow/` or `<dir>/validemailchecker/`,
 * named after the probe and the stage (`verify-single.finished.json`). Each says where it
 * came from (`live`: a run of the live check; `docs`: an example of the newest docs revision),
 * which request it answers, and for a job read, the request that started the job.
 */
import * as fs from 'fs';
import * as path from 'path';

import type { Api, ApiRequest } from './apiClient';

/** `answer` for a probe with one answer; job probes have a start, and reads while running and once finished. */
export type Stage = 'answer' | 'start' | 'running' | 'finished' | 'read';

export interface AnswerFixture {
	source: 'live' | 'docs';
	/** YYYY-MM-DD: the day of the run, or of the docs revision. */
	date: string;
	probe: string;
	stage: Stage;
	/** The expected answer it is compared with (expectedAnswers.ts). */
	expected: string;
	/** Docs fixtures: where the example is. */
	from?: string;
	request: ApiRequest;
	/** Job reads: the request that started the job. */
	startedBy?: ApiRequest;
	status: number;
	body: unknown;
}

const FOLDERS: Record<Api, string> = { enrow: 'enrow', vec: 'validemailchecker' };

export function fixtureFileName(
	fixture: Pick<AnswerFixture, 'probe' | 'stage' | 'request'>,
): string {
	const name = fixture.stage === 'answer' ? fixture.probe : `${fixture.probe}.${fixture.stage}`;
	return path.join(FOLDERS[fixture.request.api], `${name}.json`);
}

/** Writes one fixture; `redact` is a last pass over the whole text (keys must never be saved). */
export function writeFixture(
	dir: string,
	fixture: AnswerFixture,
	redact: (text: string) => string,
): string {
	const file = path.join(dir, fixtureFileName(fixture));
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${redact(JSON.stringify(fixture, null, '\t'))}\n`);
	return file;
}

export function readFixtures(dir: string): Array<{ file: string; fixture: AnswerFixture }> {
	return Object.values(FOLDERS).flatMap((folder) => {
		const sub = path.join(dir, folder);
		if (!fs.existsSync(sub)) return [];
		return fs
			.readdirSync(sub)
			.filter((name) => name.endsWith('.json'))
			.sort()
			.map((name) => {
				const file = path.join(sub, name);
				return { file, fixture: JSON.parse(fs.readFileSync(file, 'utf8')) as AnswerFixture };
			});
	});
}
