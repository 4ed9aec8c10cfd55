/**
 * Each answer read by the nodes' own code, and where that reading disagrees with what the
 * answer says: a finished job read as running, a job ID not found, a result row the node
 * cannot pair, an error given the wrong reason, a field the output would show as null.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { ValidEmailCheckerApi } from '../../n8n-nodes-validemailchecker/credentials/ValidEmailCheckerApi.credentials';
import {
	isDocumentedVerdict,
	looksLikeVerification,
	RESULT_FIELD_NAMES,
	verificationOutput,
} from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/helpers/verificationResult';
import { accountInfoOf } from '../../nodes/EnrowApi/account';
import { readFinishedJob, readJobAnswer } from '../../nodes/EnrowApi/jobAnswer';
import { jobStateOf } from '../../nodes/EnrowApi/readJob';
import { jobIdOf } from '../../nodes/EnrowApi/startJob';
import { enrowFailureReason, enrowHttpError } from '../../nodes/EnrowApi/transport/errors';
import type { ApiAnswer, ApiRequest } from './apiClient';
import type { ExpectedAnswer } from './expectedAnswers';
import type { ProbeJob } from './probes';
import { typeOf } from './shape';

const ENROW_NODE: INode = {
	id: 'live-check',
	name: 'Enrow',
	type: 'n8n-nodes-enrow.enrow',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const isSuccess = (status: number) => status >= 200 && status < 300;

function asObject(body: unknown): IDataObject {
	return typeOf(body) === 'object' ? (body as IDataObject) : {};
}

/** What the Enrow node makes of an error answer: its reason and its message. */
function enrowErrorReading(
	request: ApiRequest,
	answer: ApiAnswer,
	redact: (text: string) => string,
) {
	const call = { method: request.method, path: request.path, attempts: 1, waitedMs: 0 };
	const error = enrowHttpError(ENROW_NODE, call, answer.status, answer.body, redact);
	return { reason: enrowFailureReason(error), message: error.message };
}

/** Enrow error answers (unknown job IDs, refused requests): the reason the node would give. */
export function errorReadingDifferences(
	expected: ExpectedAnswer,
	request: ApiRequest,
	answer: ApiAnswer,
	redact: (text: string) => string,
): string[] {
	if (!expected.nodeReason) return [];
	if (isSuccess(answer.status))
		return ['the node would take this answer for a success, not an error'];
	const { reason, message } = enrowErrorReading(request, answer, redact);
	return reason === expected.nodeReason
		? []
		: [`the node would read this as "${reason}" (${message}), not "${expected.nodeReason}"`];
}

export function accountReadingDifferences(answer: ApiAnswer): string[] {
	const body = asObject(answer.body);
	const info = accountInfoOf(body);
	const differences: string[] = [];
	if (body.credits !== undefined && info.credits === undefined) {
		differences.push(
			`the node cannot read the balance ${JSON.stringify(body.credits)} (Get account credits fails; the credit guard skips its balance check)`,
		);
	} else if (body.credits !== undefined && typeof body.credits !== 'number') {
		differences.push(
			`the balance is ${typeOf(body.credits)}, not a number: the node reads ${JSON.stringify(body.credits)} as ${info.credits}`,
		);
	}
	if (Array.isArray(body.webhooks) && info.webhooks.length !== body.webhooks.length) {
		differences.push('the node would drop webhook entries that are not text');
	}
	return differences;
}

export function startReadingDifferences(answer: ApiAnswer): string[] {
	if (!isSuccess(answer.status)) return [];
	return jobIdOf(answer.body) === undefined
		? ['the node would find no job ID in this answer (it stops: a job may have started)']
		: [];
}

export function runningReadingDifferences(job: ProbeJob, answer: ApiAnswer): string[] {
	return jobStateOf(job, answer.status, answer.body).done
		? ['the node would take this running job for finished']
		: [];
}

function outputDifferences(output: IDataObject, what: string): string[] {
	return typeof output.qualification === 'string'
		? []
		: [`the node's output for ${what} would have no qualification`];
}

function bulkRowDifferences(job: ProbeJob, body: IDataObject, jobId: string): string[] {
	const answered = { kind: job.kind, jobType: job.jobType, jobId, sentRows: job.rows };
	const rows = readFinishedJob(answered, body).results;
	const sent = Array.isArray(body.results) ? body.results.length : 0;
	const differences: string[] = [];
	if (rows.length !== sent)
		differences.push(`the node would read ${rows.length} of ${sent} result rows`);
	if (rows.length === 0) differences.push('the node would find no result for the row it sent');
	const refs = new Set(job.rows.map((row) => row.ref));
	rows.forEach((row, position) => {
		const { ref } = row;
		if (ref === undefined || !refs.has(ref)) {
			differences.push(`the node could not pair result row ${position} with the row it sent`);
		}
		const fields = job.rows.find((sentRow) => sentRow.ref === ref)?.fields;
		differences.push(...outputDifferences(row.simplified(fields), `row ${position}`));
	});
	return differences;
}

export function finishedReadingDifferences(
	job: ProbeJob,
	answer: ApiAnswer,
	jobId: string,
): string[] {
	const body = asObject(answer.body);
	const state = jobStateOf(job, answer.status, answer.body);
	if (!state.done) {
		return [
			'the node would read this finished job as still running (and wait until its time limit)',
		];
	}
	const failed =
		typeOf(body.general) === 'object' && (body.general as IDataObject).status === 'failed';
	if (state.failed !== failed) {
		return [`the node would read this job as ${state.failed ? 'failed' : 'not failed'}`];
	}
	if (failed) return [];
	if (job.jobType === 'single') {
		const answered = { kind: job.kind, jobType: job.jobType, jobId };
		const [result] = readJobAnswer(answered, state).results;
		return outputDifferences(result.simplified(job.fields), 'the result');
	}
	return bulkRowDifferences(job, body, jobId);
}

/** ValidEmailChecker's verification answer, read as its node reads it. */
export function vecVerificationReadingDifferences(answer: ApiAnswer, sentEmail: string): string[] {
	if (!isSuccess(answer.status)) return [];
	if (!looksLikeVerification(answer.body)) {
		return ['the ValidEmailChecker node would call this answer unreadable'];
	}
	if (!isDocumentedVerdict(answer.body.status)) {
		return [
			`the ValidEmailChecker node would give an error, not a result: status ${JSON.stringify(answer.body.status)} is none of the documented verdicts`,
		];
	}
	const output = verificationOutput(answer.body, sentEmail);
	return RESULT_FIELD_NAMES.filter(
		(name) =>
			answer.body && (answer.body as IDataObject)[name] !== undefined && output[name] === null,
	).map(
		(name) =>
			`the ValidEmailChecker node would output ${name}: null (it cannot read ${typeOf((answer.body as IDataObject)[name])})`,
	);
}

/** The credential test sends a verification without an address and fails only on these statuses. */
export function vecCredentialTestDifferences(answer: ApiAnswer): string[] {
	const ignored = new ValidEmailCheckerApi().test.request.ignoreHttpStatusErrors;
	const failsOn = typeof ignored === 'object' && ignored.except ? ignored.except : [];
	if (failsOn.includes(answer.status)) {
		return [`n8n's credential test would fail for a working key (HTTP ${answer.status})`];
	}
	return isSuccess(answer.status)
		? ['the credential test request was accepted: it may cost a credit each time']
		: [];
}
