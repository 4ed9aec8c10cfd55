import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { asNodeError, type NodeError } from '../../../shared/asNodeError';
import { isPlausibleEmail } from '../../../shared/emailSyntax';
import { mapWithConcurrency } from '../../../shared/mapWithConcurrency';
import {
	failureItem,
	outputShapeOf,
	readResultField,
	resultItem,
} from '../../../shared/outputItems';
import { readText } from '../../../shared/readText';
import { retryMemory } from '../../../shared/retryMemory';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import {
	isDocumentedVerdict,
	syntaxInvalidResult,
	undocumentedVerdictError,
	verificationOutput,
} from '../../helpers/verificationResult';
import { createVecClient, verifyAddress, type VerifyOutcome } from '../../transport';

export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 20;

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		[
			'Check an email address in real time with ValidEmailChecker (1-3 seconds) and tell whether it is safe to send to.',
			'Use it to vet an address before emailing it or accepting it (a signup, a lead), or for a second opinion on an address another verifier doubts.',
			'Parameter: the email address.',
			'Cost: 1 ValidEmailChecker credit per address; "unknown" verdicts are refunded, and an address that cannot exist (no "@", spaces...) is answered at once and costs nothing.',
			'Answer: a JSON list with one result: email, status (safe, risky, catch_all, role_account, inbox_full, unknown, invalid, disposable, disabled or spamtrap), is_valid (true = deliverable), deliverability (high, medium, low or unknown), risk_score (0-100, lower is safer), is_disposable, is_role_account, is_catch_all, is_free_email, mx_found, domain, credits_used and reason.',
			'Safe to send: safe and role_account; with care: risky and catch_all; try again later: unknown and inbox_full; never: invalid, disposable, disabled and spamtrap.',
			'A refused call (bad key, no credits left, daily quota used up) answers with an error that says why.',
		].join(' '),
	),
	{
		displayName:
			'Costs 1 ValidEmailChecker credit per address verified; "unknown" results are refunded. Addresses that fail the syntax check are not sent and cost nothing; an address that comes back in the same run (other capitals or spaces) is verified once.',
		name: 'creditNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName:
			'ValidEmailChecker allows 60 verifications a minute per account: the first 60 addresses go at once, then 60 a minute, so N addresses take about N ÷ 60 minutes (600: about 10 minutes). For big lists, Enrow\'s "Verify emails in bulk" (0.25 credit per address, 5,000 per job) is faster and cheaper.',
		name: 'paceNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description:
			'The address to verify, usually mapped from the previous node. Addresses that cannot exist (no "@", spaces...) are not sent: they come back with status "invalid" and credits_used 0.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				noDataExpression: true,
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				default: DEFAULT_CONCURRENCY,
				description:
					"How many addresses to verify at the same time (each check takes 1–3 seconds). It sets the speed of the first 60 addresses; after them, ValidEmailChecker's limit of 60 a minute per account does, and the node keeps to it by itself.",
			},
			{
				displayName: 'Include Input Fields',
				name: 'includeInputFields',
				noDataExpression: true,
				type: 'boolean',
				default: false,
				description:
					'Whether to output each input item with the result fields added to it, instead of the result fields alone. A result field replaces the input field of the same name (status, domain, email…): to keep all of yours, also set "Put Result in Field".',
			},
			{
				displayName: 'Put Result in Field',
				name: 'resultField',
				noDataExpression: true,
				type: 'string',
				default: '',
				placeholder: 'verification',
				description:
					'The name of one field to put the result in, e.g. "verification": the status is then in verification.status, and with Include Input Fields no field of the input item is replaced. Empty: the result fields at the top level. An error stays in the top-level "error" field.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['email'], operation: ['verify'] } },
	properties,
);

/** One address to verify, and every item that asked for it (the first one's spelling is sent). */
interface ToVerify {
	email: string;
	/** Item index → that item's own spelling of the address. */
	items: Map<number, string>;
}

/** Duplicates are told apart as a person would: capitals and surrounding spaces ignored. */
function addressKey(email: string): string {
	return email.trim().toLowerCase();
}

function readConcurrency(options: IDataObject): number {
	const value = Math.floor(Number(options.concurrency ?? DEFAULT_CONCURRENCY));
	if (!Number.isFinite(value)) return DEFAULT_CONCURRENCY;
	return Math.min(MAX_CONCURRENCY, Math.max(1, value));
}

/**
 * A 200 answer as a result, or, when its status is no verdict ("error"), as a failure of the
 * item sent and of its duplicates (never remembered for a retry: it verified nothing).
 */
function verdictOf(
	node: INode,
	body: IDataObject,
	sentFor: number,
	redact: (text: string) => string,
): VerifyOutcome {
	if (isDocumentedVerdict(body.status)) return { body };
	return {
		errorFor: (itemIndex) =>
			undocumentedVerdictError(
				node,
				itemIndex === sentFor ? { itemIndex } : { itemIndex, sameAddressAs: sentFor },
				body,
				redact,
			),
	};
}

/** Without Continue On Fail: the error to throw, with what the run already spent. */
function failRun(failures: Map<number, NodeError>, verifiedCount: number): NodeError {
	const first = Math.min(...failures.keys());
	const error = failures.get(first)!;
	if (verifiedCount > 0) {
		const note = `${verifiedCount} other item(s) were verified before the node stopped; their credits are spent but their results are not output. Set Settings → On Error to "Continue" to keep the results of the items that succeed.`;
		error.description = error.description ? `${error.description}\n\n${note}` : note;
	}
	return error;
}

/**
 * One `POST /api/verify-single` per distinct address, paced to the account's rate limit by
 * the transport and at most `concurrency` at a time; output in input order, paired with the
 * input items, duplicates given the same result. Every item's address is read before
 * anything is sent, so a bad item stops the run (without Continue On Fail) before a credit
 * is spent.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = readConcurrency(options);
	const shape = outputShapeOf(this.getNode(), {
		includeInputFields: options.includeInputFields === true,
		resultField: readResultField(this.getNode(), options.resultField),
	});
	const continueOnFail = this.continueOnFail();

	const results = new Map<number, IDataObject>();
	const failures = new Map<number, NodeError>();
	const toVerify = new Map<string, ToVerify>();

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const email = readText(this, 'email', itemIndex, {
				label: 'Email',
				required: true,
				maxLength: 320,
				example: '{{ $json.email }} ("pam.beesly@dundermifflin.com")',
				numbersAsText: false,
			})!;
			if (!isPlausibleEmail(email)) {
				results.set(itemIndex, { ...syntaxInvalidResult(email, new Date()) });
				continue;
			}
			const key = addressKey(email);
			const address = toVerify.get(key) ?? { email, items: new Map<number, string>() };
			address.items.set(itemIndex, email);
			toVerify.set(key, address);
		} catch (error) {
			const failure = asNodeError(this, error, itemIndex);
			if (!continueOnFail) throw failure;
			failures.set(itemIndex, failure);
		}
	}

	const client = createVecClient(this);
	const { redact } = client;
	// What an earlier try of this node run verified (n8n's Retry On Fail) is not sent, nor paid, again.
	const verifiedBefore = retryMemory<IDataObject>(this, 'validEmailCheckerResults');
	let stopSending = false;
	let verifiedCount = 0;
	await mapWithConcurrency([...toVerify.values()], concurrency, async ({ email, items: asked }) => {
		if (stopSending || this.getExecutionCancelSignal()?.aborted) return;
		const [first] = asked.keys();
		const key = addressKey(email);
		const earlier = verifiedBefore.get(key);
		const answer = earlier ? { body: earlier } : await verifyAddress(client, email, first);
		const outcome =
			'body' in answer ? verdictOf(this.getNode(), answer.body, first, redact) : answer;
		if ('body' in outcome) verifiedBefore.set(key, outcome.body);
		for (const [itemIndex, ownSpelling] of asked) {
			if ('body' in outcome) {
				const result = verificationOutput(outcome.body, ownSpelling);
				result.email = ownSpelling;
				// One request, one credit: its duplicates cost nothing.
				if (itemIndex !== first) result.credits_used = 0;
				results.set(itemIndex, result);
				verifiedCount++;
			} else {
				failures.set(itemIndex, outcome.errorFor(itemIndex));
			}
		}
		// Without Continue On Fail the run fails anyway: spend nothing more.
		if (!('body' in outcome) && !continueOnFail) stopSending = true;
	});

	if (!continueOnFail && failures.size > 0) throw failRun(failures, verifiedCount);

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const failure = failures.get(itemIndex);
		const result = results.get(itemIndex);
		if (failure) output.push(failureItem(items, itemIndex, failure, {}, shape));
		else if (result) output.push(resultItem(items, itemIndex, result, shape));
	}
	return output;
}
