/**
 * Issue 27 §3: messages that named the wrong cause. A Base URL without http(s):// (it said a job
 * may exist though nothing was sent), a Base URL that redirects (the POST came back as a GET and
 * the mapped values were blamed), a Job Type written "Bulk" (13 s of retries, then the network
 * was blamed), a per-minute 429 with a long wait (called the daily limit). Each case runs the
 * real node inside n8n-core against the simulator and checks the message and description the
 * user sees, that nothing was sent or charged where they say so, and Continue On Fail.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import {
	callTrigger,
	emails,
	ENROW_KEY,
	runEnrow,
	runVec,
	useReliabilityCases,
} from './support/kit';
import { descriptionOf, jsonOf, messageOf, pairedIndexes } from './support/read';
import { FIND, FIND_BULK, VEC, countsOf } from './support/operations';
import { stable, type CaseMeta, type CaseBody } from './support/recorder';

let simulator: Simulator;
const cases = useReliabilityCases(__filename, (started) => (simulator = started));

function messageCase(meta: CaseMeta, name: string, body: CaseBody): void {
	cases.proves(meta, name, body, 60_000);
}

/** The simulator's own address under another name: where a redirect points in these cases. */
const otherName = () => simulator.url.replace('127.0.0.1', 'localhost');
/** Texts quoted in a row, without the simulator's port or clock times. */
const shown = (text: string) =>
	`“${stable(text)
		.replace(/:\d{4,5}\b/g, ':‹port›')
		.replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, '‹time› UTC')}”`;
/** One request at a time, so what the first answer stops is exact. */
const ONE_AT_A_TIME = { ...VEC.parameters, options: { concurrency: 1 } };
const requestCount = () => simulator.stats().requests.length;
const errorOf = (result: { error?: unknown }) =>
	result.error as (Error & { description?: string; context?: IDataObject }) | undefined;

// -------------------------------------------------------------------------------------------
// 1. A Base URL without http(s)://

const ENROW_NO_SCHEME = 'The Base URL in the Enrow API credential does not start with https://';
const ENROW_NO_SCHEME_FIX =
	'Base URL is "api.enrow.io". Open the Enrow API credential and set Base URL to https://api.enrow.io. Nothing was sent or charged.';

messageCase(
	{
		area: 'input',
		fault:
			'Base URL without http(s):// in the Enrow API credential (`api.enrow.io`; a host and port; the API key pasted there)',
		operation:
			'Enrow · Find an email (`find`), Find emails in bulk (`findBulk`), Get a finder result (`getResult`), Pause and Resume; Enrow Trigger',
	},
	'Base URL without https://: every Enrow operation and the Enrow Trigger refuse it before sending anything, naming the credential field, the value and the fix',
	async (proof) => {
		const noScheme = { baseUrl: 'api.enrow.io' };
		const find = await runEnrow(simulator, FIND.parameters, {
			...noScheme,
			input: [FIND.input[0], { name: 'Jim Halpert', domain: 'dundermifflin.com' }],
			continueOnFail: true,
		});
		const out = jsonOf(find);
		expect(out.map((json) => json.error)).toEqual([ENROW_NO_SCHEME, ENROW_NO_SCHEME]);
		// Two jobs: the credit guard's balance read is the run's first request, refused for every item.
		expect(out.map((json) => json.errorDescription)).toEqual([
			ENROW_NO_SCHEME_FIX,
			ENROW_NO_SCHEME_FIX,
		]);
		expect(pairedIndexes(find)).toEqual([0, 1]);

		const bulk = await runEnrow(simulator, FIND_BULK.parameters, {
			...noScheme,
			input: FIND_BULK.input,
		});
		expect(bulk.status).toBe('error');
		expect(messageOf(bulk)).toBe(ENROW_NO_SCHEME);
		expect(descriptionOf(bulk)).toBe(`${ENROW_NO_SCHEME_FIX} Affected: items 0–2.`);

		const paused = await runEnrow(
			simulator,
			{ ...FIND_BULK.parameters, waitMode: 'webhook' },
			{ ...noScheme, input: FIND_BULK.input },
		);
		expect(messageOf(paused)).toBe(ENROW_NO_SCHEME);
		expect(paused.status).toBe('error');

		const read = await runEnrow(
			simulator,
			{ resource: 'emailFinder', operation: 'getResult', jobId: 'any', jobType: 'bulk' },
			noScheme,
		);
		expect(messageOf(read)).toBe(ENROW_NO_SCHEME);
		expect(descriptionOf(read)).toBe(ENROW_NO_SCHEME_FIX);

		// The simulator's own address without its scheme: had the node sent anything, it would be here.
		const hostAndPort = simulator.url.replace('http://', '');
		const local = await runEnrow(simulator, FIND.parameters, {
			baseUrl: hostAndPort,
			input: FIND.input,
		});
		expect(messageOf(local)).toBe(ENROW_NO_SCHEME);
		expect(descriptionOf(local)).toBe(
			`Base URL is "${hostAndPort}". Open the Enrow API credential and set Base URL to https://${hostAndPort} (or ${simulator.url} if that server only serves plain HTTP; Enrow's own address is https://api.enrow.io). Nothing was sent or charged. Affected: item 0.`,
		);

		// The key pasted into Base URL: named as such, never quoted (afterEach scans for it).
		const key = await runEnrow(simulator, FIND.parameters, {
			baseUrl: ENROW_KEY,
			input: FIND.input,
		});
		expect(messageOf(key)).toBe('The Base URL in the Enrow API credential is not a web address');
		expect(descriptionOf(key)).toMatch(
			/^Base URL is 26 characters that are not a web address \(not shown: it may be a key\)\. Open the Enrow API credential and set Base URL to https:\/\/api\.enrow\.io \(Enrow's own address\), or to your proxy's full address starting with https:\/\/\. Nothing was sent or charged\./,
		);
		expect(requestCount()).toBe(0);

		// The Enrow Trigger reads a notified bulk job with the same credential.
		const started = await runEnrow(
			simulator,
			{ ...FIND_BULK.parameters, waitMode: 'none' },
			{ input: FIND_BULK.input },
		);
		const jobId = String(jsonOf(started)[0].jobId);
		simulator.completeAllJobs();
		const before = requestCount();
		const trigger = await callTrigger(
			simulator,
			{},
			{ body: { event: 'bulk_search_finished', id: jobId } },
			noScheme,
		);
		const triggerError = errorOf({ error: trigger.webhookError });
		expect(triggerError?.message).toBe(
			`Could not read the results of Enrow job ${jobId}: ${ENROW_NO_SCHEME}`,
		);
		expect(triggerError?.description).toBe(
			`${ENROW_NO_SCHEME_FIX} Read them later with the Enrow node's Get Result (Job ID ${jobId}, Job Type bulk).`,
		);
		expect(requestCount()).toBe(before);
		expect(simulator.stats().jobsCreated).toBe(1);

		proof.did(
			`Refused before any request: ${shown(ENROW_NO_SCHEME)} · ${shown(descriptionOf(bulk))}; with Continue On Fail each item carried it; Pause and Resume, Get Result and the Enrow Trigger (which adds the job ID to read later) said the same; a host and port got “set Base URL to https://… (or http://… if that server only serves plain HTTP)”; the API key pasted there was not quoted; 0 requests reached the simulator from these runs`,
		);
	},
);

const VEC_NO_SCHEME =
	'The Base URL in the ValidEmailChecker API credential does not start with https://';
const VEC_NO_SCHEME_FIX =
	'Base URL is "app.validemailchecker.com". Open the ValidEmailChecker API credential and set Base URL to https://app.validemailchecker.com. Nothing was sent or charged.';

messageCase(
	{
		area: 'input',
		fault:
			'Base URL without http(s):// in the ValidEmailChecker API credential (`app.validemailchecker.com`)',
		operation: VEC.label,
	},
	'Base URL without https://: ValidEmailChecker refuses it before sending anything, naming the credential field, the value and the fix',
	async (proof) => {
		const noScheme = { baseUrl: 'app.validemailchecker.com' };
		const kept = await runVec(simulator, VEC.parameters, {
			...noScheme,
			input: emails(2),
			continueOnFail: true,
		});
		expect(jsonOf(kept).map((json) => json.error)).toEqual([VEC_NO_SCHEME, VEC_NO_SCHEME]);
		expect(jsonOf(kept).map((json) => json.errorDescription)).toEqual([
			VEC_NO_SCHEME_FIX,
			VEC_NO_SCHEME_FIX,
		]);
		expect(pairedIndexes(kept)).toEqual([0, 1]);

		const stopped = await runVec(simulator, VEC.parameters, { ...noScheme, input: emails(2) });
		expect(stopped.status).toBe('error');
		expect(messageOf(stopped)).toBe(VEC_NO_SCHEME);
		expect(descriptionOf(stopped)).toBe(VEC_NO_SCHEME_FIX);
		expect(errorOf(stopped)?.context?.itemIndex).toBe(0);

		const counts = countsOf(simulator, VEC);
		proof.did(
			`Refused before any request: ${shown(VEC_NO_SCHEME)} · ${shown(VEC_NO_SCHEME_FIX)}; with Continue On Fail each item carried it; ${counts.posts} requests, ${counts.charged} credits charged`,
		);
		expect(requestCount()).toBe(0);
		expect(counts.charged).toBe(0);
	},
);

// -------------------------------------------------------------------------------------------
// 2. A Base URL that redirects (http:// to https://, a proxy...)

messageCase(
	{
		area: 'faults',
		fault:
			'Base URL answers 301 with a redirect to another address (as http://api.enrow.io does to https://)',
		operation: `${FIND.label}, ${FIND_BULK.label}`,
	},
	'Base URL redirects: Enrow does not follow it (no POST turned into a GET), says where it points and which Base URL to set; nothing charged',
	async (proof) => {
		for (const path of [FIND.postPath, FIND_BULK.postPath]) {
			simulator.addFault({
				type: 'status',
				status: 301,
				body: {},
				headers: { Location: `${otherName()}${path}` },
				match: { method: 'POST', path },
				times: 10,
			});
		}
		const single = await runEnrow(simulator, FIND.parameters, { input: FIND.input });
		const message = `The Base URL in the Enrow API credential redirects to ${otherName()}${FIND.postPath}`;
		const why =
			"Enrow's API must be called at its own address: a redirected request may reach it changed (a POST turned into a GET) and carry the API key to another address, so the node does not follow redirects. A redirect is not processed, so nothing was charged.";
		expect(single.status).toBe('error');
		expect(messageOf(single)).toBe(message);
		expect(descriptionOf(single)).toBe(
			`The Base URL (${simulator.url}) answered HTTP 301. Open the Enrow API credential and set Base URL to ${otherName()}. ${why} Affected: item 0.`,
		);

		const bulk = await runEnrow(simulator, FIND_BULK.parameters, {
			input: FIND_BULK.input,
			continueOnFail: true,
		});
		const out = jsonOf(bulk);
		expect(out).toHaveLength(3);
		expect(new Set(out.map((json) => json.error))).toEqual(
			new Set([
				`The Base URL in the Enrow API credential redirects to ${otherName()}${FIND_BULK.postPath}`,
			]),
		);
		expect(out[2].errorDescription).toMatch(
			/set Base URL to http:\/\/localhost:\d+\. .* Affected: items 0–2\.$/,
		);

		const stats = simulator.stats();
		const seen = stats.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
		proof.did(
			`${shown(messageOf(single))} · ${shown(descriptionOf(single))}; with Continue On Fail each bulk item carried it; requests: ${seen.join(', ')} (none followed); ${stats.jobsCreated} jobs, ${stats.credits.charged} credits charged`,
		);
		expect(seen).toEqual([`POST ${FIND.postPath} 301`, `POST ${FIND_BULK.postPath} 301`]);
		expect(stats.jobsCreated).toBe(0);
		expect(stats.credits.charged).toBe(0);
	},
);

messageCase(
	{
		area: 'faults',
		fault: 'Base URL answers 301 with a redirect to another address; Continue On Fail',
		operation: VEC.label,
	},
	'Base URL redirects: ValidEmailChecker does not follow it, says where it points and which Base URL to set, and sends nothing more; nothing charged',
	async (proof) => {
		simulator.addFault({
			type: 'status',
			status: 301,
			body: {},
			headers: { Location: `${otherName()}${VEC.postPath}` },
			match: { method: 'POST', path: VEC.postPath },
			times: 10,
		});
		const result = await runVec(simulator, ONE_AT_A_TIME, {
			input: emails(3),
			continueOnFail: true,
		});
		const out = jsonOf(result);
		const message = `The Base URL in the ValidEmailChecker API credential redirects to ${otherName()}${VEC.postPath}`;
		expect(out.map((json) => json.error)).toEqual([message, message, message]);
		expect(out[0].errorDescription).toBe(
			`The Base URL (${simulator.url}) answered HTTP 301. Open the ValidEmailChecker API credential and set Base URL to ${otherName()}. ValidEmailChecker's API must be called at its own address: a redirected request may reach it changed (a POST turned into a GET) and carry the API key to another address, so the node does not follow redirects. A redirect is not processed, so nothing was charged. The node sent no further requests in this run.`,
		);
		expect(out[2].errorDescription).toMatch(
			/Item 2 was not sent: the answer for item 0 stopped the run, so it used no credit\.$/,
		);

		const stats = simulator.stats();
		const seen = stats.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
		proof.did(
			`${shown(message)} · ${shown(String(out[0].errorDescription))}; the other items were not sent (“${stable(String(out[2].errorDescription).split('. ').pop())}”); requests: ${seen.join(', ')}; ${stats.vec.creditsCharged} credits charged`,
		);
		expect(seen).toEqual([`POST ${VEC.postPath} 301`]);
		expect(stats.vec.creditsCharged).toBe(0);
	},
);

// -------------------------------------------------------------------------------------------
// 3. Job Type set by an expression or an AI agent

messageCase(
	{
		area: 'input',
		fault: 'Job Type set by expression to ` SINGLE `, `Bulk` (read as meant) and `Bulky` (refused)',
		operation: 'Enrow · Get a finder result (`getResult`)',
	},
	'Job Type "Bulk" and " SINGLE " are read as meant; "Bulky" is refused at once with the allowed values, nothing sent, the other items get their results',
	async (proof) => {
		const single = await runEnrow(
			simulator,
			{ ...FIND.parameters, waitMode: 'none' },
			{ input: FIND.input },
		);
		const bulk = await runEnrow(
			simulator,
			{ ...FIND_BULK.parameters, waitMode: 'none' },
			{ input: FIND_BULK.input },
		);
		simulator.completeAllJobs();
		const singleId = String(jsonOf(single)[0].jobId);
		const bulkId = String(jsonOf(bulk)[0].jobId);
		const getResult = {
			resource: 'emailFinder',
			operation: 'getResult',
			jobId: '={{ $json.id }}',
			jobType: '={{ $json.type }}',
		};
		const reads = () =>
			simulator.stats().requests.filter((request) => request.method === 'GET').length;

		const refused = 'Job Type "Bulky" of item 2 is not one this node knows';
		const fix =
			'Set "Job Type" to one of: single, bulk (single for a job started by Find an email, Verify an email or Find a phone number; bulk for one started by an "in bulk" operation). Nothing was sent to Enrow.';
		const mixed = await runEnrow(simulator, getResult, {
			input: [
				{ id: singleId, type: ' SINGLE ' },
				{ id: bulkId, type: 'Bulk' },
				{ id: singleId, type: 'Bulky' },
			],
			continueOnFail: true,
		});
		const out = jsonOf(mixed);
		const byItem = (itemIndex: number) =>
			out.filter((_, i) => pairedIndexes(mixed)[i] === itemIndex);
		expect(byItem(0)).toEqual([expect.objectContaining({ jobId: singleId, status: 'completed' })]);
		expect(byItem(1)).toHaveLength(3);
		expect(byItem(1).every((json) => json.jobId === bulkId && json.status === 'completed')).toBe(
			true,
		);
		expect(byItem(2)).toEqual([expect.objectContaining({ error: refused, errorDescription: fix })]);
		expect(reads()).toBe(2);

		const readsBefore = reads();
		const startedAt = Date.now();
		const alone = await runEnrow(simulator, getResult, { input: [{ id: bulkId, type: 'Bulky' }] });
		const tookMs = Date.now() - startedAt;
		expect(alone.status).toBe('error');
		expect(messageOf(alone)).toBe('Job Type "Bulky" of item 0 is not one this node knows');
		expect(descriptionOf(alone)).toBe(fix);
		expect(reads()).toBe(readsBefore);
		expect(tookMs).toBeLessThan(3000);

		proof.did(
			`“ SINGLE ” and “Bulk” read their jobs (1 result, 3 rows); “Bulky” got ${shown(refused)} · ${shown(fix)} at once (no retries, no request; without Continue On Fail the run stopped with it), the other items kept their results; ${reads()} reads in all`,
		);
	},
);

// -------------------------------------------------------------------------------------------
// 4. ValidEmailChecker 429s: which limit is said by the answer, not by how long it asks to wait

messageCase(
	{
		area: 'faults',
		fault:
			'Per-minute 429 asking for a 5-minute wait (`Retry-After: 300`, `retry_after_seconds: 300`, `window: "1 minute"`); Continue On Fail',
		operation: VEC.label,
	},
	'per-minute 429 with a long wait: ValidEmailChecker says it is the per-minute limit, how long to wait and that another client shares the account; not the daily limit; stops, nothing charged',
	async (proof) => {
		simulator.addFault({
			type: 'rateLimit',
			match: { method: 'POST', path: VEC.postPath },
			times: 10,
			headers: {
				'Retry-After': '300',
				'X-RateLimit-Limit': '60',
				'X-RateLimit-Remaining': '0',
				'X-DailyLimit-Remaining': '9000',
			},
			body: {
				error: 'Rate limit exceeded',
				limit: 60,
				window: '1 minute',
				current: 61,
				retry_after_seconds: 300,
			},
		});
		const startedAt = Date.now();
		const result = await runVec(simulator, ONE_AT_A_TIME, {
			input: emails(3),
			continueOnFail: true,
		});
		const tookMs = Date.now() - startedAt;
		const out = jsonOf(result);

		const message =
			"ValidEmailChecker's per-minute rate limit stopped item 0: it asks to wait about 5 min";
		expect(out[0].error).toBe(message);
		expect(out[0].errorDescription).toMatch(
			/^ValidEmailChecker answered "Rate limit exceeded" for its per-minute limit \(60 requests a minute per account, all its API keys together\) and asked to wait about 5 min, until \d{4}-\d\d-\d\d \d\d:\d\d UTC\. A run waits at most 60 s for this limit, so the node stopped rather than hold the workflow\. It keeps to the limit by itself, so another workflow or app is probably using the same ValidEmailChecker account at the same time: run them one after the other, and run the remaining items again after that time\. Items verified before keep their results\. Refused requests are not charged\./,
		);
		expect(`${out[0].error} ${out[0].errorDescription}`).not.toMatch(/daily/i);
		expect(out[2].errorDescription).toMatch(
			/Item 2 was not sent: the answer for item 0 stopped the run, so it used no credit\.$/,
		);
		const counts = countsOf(simulator, VEC);
		proof.did(
			`${shown(message)} · ${shown(String(out[0].errorDescription).replace(/until [^.]+\./, 'until ‹time›.'))}; the other items were not sent; no wait (${tookMs < 5000 ? 'under 5 s' : `${Math.round(tookMs / 1000)} s`}), ${counts.posts} request${counts.posts === 1 ? '' : 's'}, ${counts.charged} credits charged`,
		);
		expect(tookMs).toBeLessThan(5000);
		expect(counts.charged).toBe(0);
		expect(counts.posts).toBe(1);
	},
);

messageCase(
	{
		area: 'faults',
		fault:
			'Daily-limit 429 told only by `X-DailyLimit-Remaining: 0`, with a short `Retry-After: 5`; Continue On Fail',
		operation: VEC.label,
	},
	'daily 429 told by X-DailyLimit-Remaining: 0: ValidEmailChecker keeps the daily message (when it resets), not retried, stops; nothing charged',
	async (proof) => {
		simulator.addFault({
			type: 'rateLimit',
			match: { method: 'POST', path: VEC.postPath },
			times: 10,
			headers: { 'Retry-After': '5', 'X-RateLimit-Limit': '60', 'X-DailyLimit-Remaining': '0' },
			body: { error: 'Too Many Requests' },
		});
		const result = await runVec(simulator, ONE_AT_A_TIME, {
			input: emails(2),
			continueOnFail: true,
		});
		const out = jsonOf(result);
		const message =
			'The daily ValidEmailChecker limit of this account is used up: "Too Many Requests"';
		expect(out[0].error).toBe(message);
		expect(out[0].errorDescription).toMatch(
			/^ValidEmailChecker allows 10,000 requests per UTC day per account, all its API keys together\. It resets in about .* \(at \d{4}-\d\d-\d\d 00:00 UTC\)\. The node did not wait for it\./,
		);
		const counts = countsOf(simulator, VEC);
		proof.did(
			`${shown(message)} · ${shown(
				String(out[0].errorDescription)
					.split('. Items')[0]
					.replace(/resets in about [^(]+\(/, 'resets in ‹hours› ('),
			)}; not retried; the other item was not sent; ${counts.posts} request${counts.posts === 1 ? '' : 's'}, ${counts.charged} credits charged`,
		);
		expect(counts.charged).toBe(0);
		expect(counts.posts).toBe(1);
	},
);
