/**
 * The requests the live check sends, in order: free reads and refusals first, then one
 * cheapest request per paid endpoint. Job requests are built by the nodes' own job kinds, so
 * what is checked is what the nodes send. The person searched for is made up (no one's
 * personal data is sent) and unlikely to exist, so finder and phone credits come back; the
 * simulator's rules also answer "not found" for the name "Nobody".
 */
import { randomUUID } from 'crypto';

import { ACCOUNT_INFO_PATH } from '../../nodes/EnrowApi/account';
import {
	addressKey,
	ENROW_JOB_KINDS,
	emailFinderJob,
	emailVerifierJob,
	phoneFinderJob,
	type AnyJobKind,
	type BulkRow,
	type JobType,
} from '../../nodes/EnrowApi/jobKinds';
import { VERIFY_PATH } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport';
import type { Api, ApiRequest } from './apiClient';
import type { ExpectedAnswerName } from './expectedAnswers';

/** Made up, and meant to find no one. */
export const PROBE_PERSON = {
	firstName: 'Nobody',
	lastName: 'Zzyzxquorth',
	fullname: 'Nobody Zzyzxquorth',
	companyDomain: 'example.com',
	email: 'nobody.zzyzxquorth@example.com',
	linkedinUrl: 'https://www.linkedin.com/in/nobody-zzyzxquorth-0000000',
};

/** The Enrow endpoints, as the expected answers name them: `verifySingle`, `phoneBulk`... */
export type Endpoint = `${'find' | 'verify' | 'phone'}${'Single' | 'Bulk'}`;

export interface ProbeCost {
	/** The most the request can reserve. */
	most: number;
	/** What it should spend once unfound results are refunded. */
	expected: number;
}

/** A job a probe may start, and how to read it: the fields and rows the nodes would pair it with. */
export interface ProbeJob {
	kind: AnyJobKind;
	jobType: JobType;
	endpoint: Endpoint;
	fields: unknown;
	rows: Array<BulkRow<unknown>>;
}

export interface Probe {
	id: string;
	label: string;
	api: Api;
	request: ApiRequest;
	/** What its (first) answer should be. */
	expected: ExpectedAnswerName;
	/** Paid probes only; the others are free when answered as documented. */
	cost?: ProbeCost;
	/** A free probe that would cost this much if the API accepted it after all. */
	costIfAccepted?: number;
	/** Read until it finishes when the answer starts a job. */
	job?: ProbeJob;
}

/** 'find', 'verify' or 'phone': the word before `/single` in the kind's path. */
const endpointPrefix = (kind: AnyJobKind) => kind.paths.single.split('/').slice(-2)[0];

export function endpointOf(kind: AnyJobKind, jobType: JobType): Endpoint {
	return `${endpointPrefix(kind)}${jobType === 'single' ? 'Single' : 'Bulk'}` as Endpoint;
}

const probeId = (kind: AnyJobKind, jobType: JobType) => `${endpointPrefix(kind)}-${jobType}`;

const post = (api: Api, path: string, body: unknown): ApiRequest => ({
	api,
	method: 'POST',
	path,
	body,
});

function jobProbe(
	id: string,
	label: string,
	kind: AnyJobKind,
	jobType: JobType,
	fields: unknown,
	cost: ProbeCost,
): Probe {
	const rows: Array<BulkRow<unknown>> = [
		{ ref: kind.rowRef ? kind.rowRef(fields) : 'r0', fields, references: [] },
	];
	const body = jobType === 'single' ? kind.singleBody(fields, {}, []) : kind.bulkBody(rows, {});
	const endpoint = endpointOf(kind, jobType);
	return {
		id,
		label,
		api: 'enrow',
		request: post('enrow', kind.paths[jobType], body),
		expected: `${endpoint}.start` as ExpectedAnswerName,
		cost,
		job: { kind, jobType, endpoint, fields, rows },
	};
}

const person = PROBE_PERSON;
const finderFields = { fullname: person.fullname, companyDomain: person.companyDomain };
const phoneByName = {
	firstName: person.firstName,
	lastName: person.lastName,
	companyDomain: person.companyDomain,
};
const verifierFields = { email: person.email };

function unknownIdReads(unknownJobId: string): Probe[] {
	return ENROW_JOB_KINDS.flatMap((kind) =>
		(['single', 'bulk'] as const).map((jobType) => ({
			id: `${probeId(kind, jobType)}-unknown-id`,
			label: `Read a ${jobType} ${kind.noun} with an unknown ID`,
			api: 'enrow' as const,
			request: {
				api: 'enrow' as const,
				method: 'GET' as const,
				path: kind.paths[jobType],
				query: { id: unknownJobId },
			},
			expected: `${endpointOf(kind, jobType)}.unknownId` as ExpectedAnswerName,
		})),
	);
}

/** Free: reads, and requests the API refuses before any credit is reserved. */
function freeProbes(unknownJobId: string): Probe[] {
	return [
		{
			id: 'account-info',
			label: 'Account info',
			api: 'enrow',
			request: { api: 'enrow', method: 'GET', path: ACCOUNT_INFO_PATH },
			expected: 'account.info',
		},
		...unknownIdReads(unknownJobId),
		{
			id: 'verify-bulk-older-key',
			label: 'Verify in bulk with the older key `emails`',
			api: 'enrow',
			request: post('enrow', emailVerifierJob.paths.bulk, { emails: [person.email] }),
			expected: 'verifyBulk.olderKey',
			costIfAccepted: emailVerifierJob.maxCreditsPerRow,
			job: {
				kind: emailVerifierJob,
				jobType: 'bulk',
				endpoint: 'verifyBulk',
				fields: verifierFields,
				rows: [{ ref: addressKey(person.email), fields: verifierFields, references: [] }],
			},
		},
		{
			id: 'verify-single-invalid-json',
			label: 'Verify one email with a body that is not JSON',
			api: 'enrow',
			request: {
				api: 'enrow',
				method: 'POST',
				path: emailVerifierJob.paths.single,
				rawBody: '{"email": ',
			},
			expected: 'verifySingle.invalidJson',
		},
		{
			id: 'vec-verify-no-email',
			label: 'ValidEmailChecker: verify without an address (the credential test)',
			api: 'vec',
			request: post('vec', VERIFY_PATH, {}),
			expected: 'vec.noEmail',
		},
	];
}

/** Paid: one cheapest request per endpoint. */
function paidProbes(): Probe[] {
	const verifierCost = {
		most: emailVerifierJob.maxCreditsPerRow,
		expected: emailVerifierJob.maxCreditsPerRow,
	};
	const finderCost = { most: emailFinderJob.maxCreditsPerRow, expected: 0 };
	const phoneCost = { most: phoneFinderJob.maxCreditsPerRow, expected: 0 };
	return [
		jobProbe(
			'verify-single',
			'Verify one email',
			emailVerifierJob,
			'single',
			verifierFields,
			verifierCost,
		),
		jobProbe(
			'verify-bulk',
			'Verify emails in bulk (one address)',
			emailVerifierJob,
			'bulk',
			verifierFields,
			verifierCost,
		),
		jobProbe(
			'find-single',
			'Find one email (no one to find)',
			emailFinderJob,
			'single',
			finderFields,
			finderCost,
		),
		jobProbe(
			'find-bulk',
			'Find emails in bulk (one row, no one to find)',
			emailFinderJob,
			'bulk',
			finderFields,
			finderCost,
		),
		jobProbe(
			'phone-single-name',
			'Find a phone by name (no one to find)',
			phoneFinderJob,
			'single',
			phoneByName,
			phoneCost,
		),
		jobProbe(
			'phone-single-linkedin',
			'Find a phone by LinkedIn URL (no such profile)',
			phoneFinderJob,
			'single',
			{ linkedinUrl: person.linkedinUrl },
			phoneCost,
		),
		jobProbe(
			'phone-bulk',
			'Find phones in bulk (one row, no one to find)',
			phoneFinderJob,
			'bulk',
			phoneByName,
			phoneCost,
		),
		{
			id: 'phone-single-older-names',
			label: 'Find a phone naming the person only by first_name/last_name',
			api: 'enrow',
			request: post('enrow', phoneFinderJob.paths.single, {
				first_name: person.firstName,
				last_name: person.lastName,
				company_domain: person.companyDomain,
			}),
			expected: 'phoneSingle.olderNames',
			cost: phoneCost,
			job: {
				kind: phoneFinderJob,
				jobType: 'single',
				endpoint: 'phoneSingle',
				fields: phoneByName,
				rows: [],
			},
		},
		{
			id: 'vec-verify',
			label: 'ValidEmailChecker: verify one email',
			api: 'vec',
			request: post('vec', VERIFY_PATH, { email: person.email }),
			expected: 'vec.verify',
			cost: { most: 1, expected: 1 },
		},
	];
}

/** Every probe, free ones first; `unknownJobId` is the ID the unknown-ID reads ask for. */
export function allProbes(unknownJobId: string = randomUUID()): Probe[] {
	return [...freeProbes(unknownJobId), ...paidProbes()];
}

export const isPaid = (probe: Probe) => probe.cost !== undefined;

/** The probes for the keys given: ValidEmailChecker's only with its key, Enrow's only with Enrow's. */
export function probesFor(apis: ReadonlySet<Api>, unknownJobId?: string): Probe[] {
	return allProbes(unknownJobId).filter((probe) => apis.has(probe.api));
}
