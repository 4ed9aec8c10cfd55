/** The live check's command line and environment. */
import * as path from 'path';

import { ValidEmailCheckerApi } from '../../n8n-nodes-validemailchecker/credentials/ValidEmailCheckerApi.credentials';
import { ENROW_BASE_URL } from '../../nodes/EnrowApi/transport';
import type { Api, ApiTarget } from './apiClient';

export const DEFAULT_FIXTURES_DIR = path.resolve(__dirname, '../../test/fixtures/api-answers');
export const DEFAULT_MAX_WAIT_SECONDS = 600;

export interface LiveCheckArgs {
	/** Spend without asking. */
	yes: boolean;
	/** Send only the free probes. */
	freeOnly: boolean;
	fixturesDir: string;
	/** How long a started job is read before the check gives up on it. */
	maxWaitSeconds: number;
	help: boolean;
}

export const USAGE = `npm run check:live [-- --yes] [--free-only] [--fixtures DIR] [--max-wait SECONDS]

Checks Enrow's and ValidEmailChecker's live APIs against what the nodes expect, one cheapest
request per endpoint, free reads first, and saves the answers (keys and personal data removed)
as fixtures the simulator's tests compare against.

Environment:
  ENROW_API_KEY                 Enrow key (the Enrow probes run only with it)
  ENROW_BASE_URL                default ${ENROW_BASE_URL}
  VALIDEMAILCHECKER_API_KEY     ValidEmailChecker key (its probes run only with it)
  VALIDEMAILCHECKER_BASE_URL    default the credential's, ${vecDefaultBaseUrl()}
Options:
  --yes             spend without asking (the plan is still printed)
  --free-only       send only the requests that cost nothing
  --fixtures DIR    where answers are saved (default test/fixtures/api-answers)
  --max-wait SEC    how long each started job is read before giving up (default ${DEFAULT_MAX_WAIT_SECONDS})
Exit code: 0 no difference, 1 differences found, 2 usage error.`;

/** The ValidEmailChecker credential's default Base URL. */
export function vecDefaultBaseUrl(): string {
	const field = new ValidEmailCheckerApi().properties.find(
		(property) => property.name === 'baseUrl',
	);
	return String(field?.default);
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], cwd: string): LiveCheckArgs {
	const args: LiveCheckArgs = {
		yes: false,
		freeOnly: false,
		fixturesDir: DEFAULT_FIXTURES_DIR,
		maxWaitSeconds: DEFAULT_MAX_WAIT_SECONDS,
		help: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = () => {
			const given = inline ?? argv[++i];
			if (given === undefined || given === '') throw new UsageError(`${flag} needs a value`);
			return given;
		};
		if (flag === '--yes' || flag === '-y') args.yes = true;
		else if (flag === '--free-only') args.freeOnly = true;
		else if (flag === '--fixtures') args.fixturesDir = path.resolve(cwd, value());
		else if (flag === '--max-wait') args.maxWaitSeconds = Number(value());
		else if (flag === '--help' || flag === '-h') args.help = true;
		else throw new UsageError(`Unknown argument ${argv[i]}`);
	}
	if (!(Number.isFinite(args.maxWaitSeconds) && args.maxWaitSeconds > 0)) {
		throw new UsageError('--max-wait takes a positive number of seconds');
	}
	return args;
}

export type Targets = Partial<Record<Api, ApiTarget>>;

function target(key: string | undefined, baseUrl: string | undefined, fallback: string) {
	const apiKey = key?.trim();
	if (!apiKey) return undefined;
	return { apiKey, baseUrl: (baseUrl?.trim() || fallback).replace(/\/+$/, '') };
}

/** The APIs a key was given for. */
export function targetsFrom(env: Record<string, string | undefined>): Targets {
	const targets: Targets = {};
	const enrow = target(env.ENROW_API_KEY, env.ENROW_BASE_URL, ENROW_BASE_URL);
	const vec = target(
		env.VALIDEMAILCHECKER_API_KEY,
		env.VALIDEMAILCHECKER_BASE_URL,
		vecDefaultBaseUrl(),
	);
	if (enrow) targets.enrow = enrow;
	if (vec) targets.vec = vec;
	return targets;
}

export const NO_KEY_EXPLANATION = `No API key given: nothing was sent.

npm run check:live calls Enrow's API (and ValidEmailChecker's) once per endpoint, in the
cheapest way, free reads first. It prints what it will spend and asks before spending, reads
every answer with the nodes' own parsers, prints each difference from what the nodes expect,
and saves the answers (keys and personal data removed) under test/fixtures/api-answers.

To run it:
  ENROW_API_KEY=... [VALIDEMAILCHECKER_API_KEY=...] npm run check:live
  npm run check:live -- --free-only     only the requests that cost nothing
  npm run check:live -- --help          every option`;
