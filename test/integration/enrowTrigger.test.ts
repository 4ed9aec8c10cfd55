/**
 * The Enrow Trigger as n8n 2.41 runs it: every call goes through runTriggerWebhook() (a request to
 * the trigger's production URL, the node's real webhook() in n8n-core's WebhookContext, n8n's answer).
 *
 * Most notifications are REAL deliveries from the simulator: the Enrow node starts jobs with
 * "Return Job ID Immediately" and Options → Webhook URL pointing at a small local endpoint that
 * stands in for n8n's production URL; each POST the simulator sends there is handed, raw body,
 * content type and query included, to runTriggerWebhook(), and the trigger's answer goes back to
 * the simulator (which records the status). So payload shapes come from the simulator, not from
 * this file. Hand-written payloads cover the documented shapes the simulator does not send
 * (legacy `credits.balance`, numeric ids) and everything malformed.
 *
 * With Fetch Results on (the default) the trigger reads every job it is told about from Enrow
 * (a free GET), single jobs included, and starts the workflow with Enrow's record, never the
 * unsigned payload; a job Enrow does not know starts nothing. Tests of payload PARSING therefore
 * turn Fetch Results off, or announce real simulator jobs.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { EnrowApi } from '../../credentials/EnrowApi.credentials';
import { EnrowTrigger } from '../../nodes/EnrowTrigger/EnrowTrigger.node';
import { triggerRereads } from '../support/injected';
import type { Simulator } from '../../simulator';
import { N8N_PAYLOAD_SIZE_MAX_BYTES, harnessLog, runTriggerWebhook } from '../harness';
import type { RunTriggerWebhookOptions, RunTriggerWebhookResult } from '../harness';
import { FINDER_BY_DOMAIN, PHONE_BY_LINKEDIN, VERIFIER_MAPPED } from '../support/mappedInputs';
import { shortenTriggerRereads } from '../support/shortTriggerRereads';
import { unknownJobAnswer } from '../support/unknownJobAnswer';
import { callEnrowTrigger } from '../support/enrowNodeKit';
import { ENROW_KEY, jsonOf, runEnrow, useFastSimulator } from './enrowKit';
import { DWIGHT_FOUND } from '../support/expectedItems';

const ALL_EVENTS = [
	'single_search_finished',
	'bulk_search_finished',
	'verification_finished',
	'bulk_verification_finished',
	'single_phone_search_finished',
	'bulk_phone_search_finished',
];
const NOT_STARTED = { received: true, started: false };
const SECRET = 'b7f0c2e4-trigger-secret';

shortenTriggerRereads();
const READS_OF_AN_UNKNOWN_JOB = 4;

let simulator: Simulator;

/** A call to the trigger's production URL, as n8n 2.41 handles it. */
async function callTrigger(
	parameters: INodeParameters,
	request: Pick<
		RunTriggerWebhookOptions,
		'body' | 'query' | 'headers' | 'method' | 'workflowId' | 'staticData'
	>,
): Promise<RunTriggerWebhookResult> {
	return await callEnrowTrigger(simulator, parameters, request, { apiKey: ENROW_KEY });
}

/** The static data n8n saves after a call (the result's is n8n's observable copy). */
function savedStaticData(result: RunTriggerWebhookResult): IDataObject {
	return JSON.parse(JSON.stringify(result.staticData)) as IDataObject;
}

/** The notifications the trigger remembers as handled, in a workflow's static data. */
function handledNotifications(staticData: IDataObject): unknown {
	return (staticData['node:Enrow Trigger'] as IDataObject | undefined)?.handledNotifications;
}

interface Delivery {
	path: string;
	query: Record<string, string | string[]>;
	/** The raw body the simulator sent. */
	body: string;
	result?: RunTriggerWebhookResult;
	error?: unknown;
}

/** Stands in for n8n's production URL: forwards every POST it receives to runTriggerWebhook(). */
class TriggerEndpoint {
	parameters: INodeParameters = {};

	/**
	 * Set: every delivery goes to this one workflow, with the static data n8n saved after the
	 * delivery before (as in a published workflow). Unset: each delivery is a workflow of its own.
	 */
	workflow?: { id: string; staticData: IDataObject };

	readonly deliveries: Delivery[] = [];

	private server?: Server;

	url = '';

	async start(): Promise<void> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const url = new URL(req.url ?? '/', 'http://trigger.local');
				const query: Record<string, string | string[]> = {};
				for (const key of new Set(url.searchParams.keys())) {
					const values = url.searchParams.getAll(key);
					query[key] = values.length === 1 ? values[0] : values;
				}
				const delivery: Delivery = {
					path: url.pathname,
					query,
					body: Buffer.concat(chunks).toString('utf8'),
				};
				const { workflow } = this;
				void callTrigger(this.parameters, {
					method: req.method as 'POST',
					body: delivery.body,
					query,
					headers: { 'content-type': req.headers['content-type'] ?? '' },
					...(workflow ? { workflowId: workflow.id, staticData: workflow.staticData } : {}),
				})
					.then((result) => {
						delivery.result = result;
						if (workflow) workflow.staticData = savedStaticData(result);
						res.writeHead(result.response.statusCode, result.response.headers);
						res.end(result.response.text);
					})
					.catch((error: unknown) => {
						delivery.error = error;
						res.writeHead(599);
						res.end();
					})
					.finally(() => this.deliveries.push(delivery));
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}

	clear(): void {
		this.deliveries.length = 0;
		this.parameters = {};
		this.workflow = undefined;
	}

	/** Waits until `count` deliveries have been answered and the simulator has recorded the answers. */
	async waitFor(count: number, timeoutMs = 15_000): Promise<Delivery[]> {
		const started = Date.now();
		while (this.deliveries.length < count || simulator.stats().webhookDeliveries.length < count) {
			if (Date.now() - started > timeoutMs) {
				throw new Error(`Only ${this.deliveries.length} of ${count} webhook deliveries arrived`);
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		for (const delivery of this.deliveries) if (delivery.error) throw delivery.error;
		return [...this.deliveries];
	}
}

const endpoint = new TriggerEndpoint();

useFastSimulator((started) => (simulator = started));
beforeAll(async () => await endpoint.start());
beforeEach(() => endpoint.clear());
afterAll(async () => await endpoint.stop());

/** Runs an Enrow operation in "Return Job ID Immediately" mode; returns its job ID. */
async function startJob(
	parameters: INodeParameters,
	input: IDataObject[],
	webhookUrl?: string,
): Promise<string> {
	const result = await runEnrow(
		simulator,
		{ ...parameters, waitMode: 'none', ...(webhookUrl ? { options: { webhookUrl } } : {}) },
		{ input },
	);
	expect(result.status).toBe('success');
	return String(jsonOf(result)[0].jobId);
}

const finder = FINDER_BY_DOMAIN;
const verifier = VERIFIER_MAPPED;
const phone = PHONE_BY_LINKEDIN;

/** The fields every item of a notified, completed job ends with. */
function completedJob(event: string, jobId: string) {
	return { jobId, status: 'completed', event };
}

/** A job of one event's kind: how it starts, its input, and Get Result's settings for it. */
function jobOf(
	parameters: { resource: string; operation: string },
	jobType: 'single' | 'bulk',
	input: IDataObject[],
) {
	return { parameters, input, getResult: { resource: parameters.resource, jobType } };
}

const JOBS = {
	single_search_finished: jobOf({ ...finder, operation: 'find' }, 'single', [
		{ name: 'Dwight Schrute', domain: 'dundermifflin.com' },
	]),
	bulk_search_finished: jobOf({ ...finder, operation: 'findBulk' }, 'bulk', [
		{ name: 'Jim Halpert', domain: 'dundermifflin.com' },
		{ name: 'Nobody Known', domain: 'dundermifflin.com' },
		{ name: 'Pam Beesly', domain: 'dundermifflin.com' },
	]),
	verification_finished: jobOf({ ...verifier, operation: 'verify' }, 'single', [
		{ email: 'pam.beesly@dundermifflin.com' },
	]),
	bulk_verification_finished: jobOf({ ...verifier, operation: 'verifyBulk' }, 'bulk', [
		{ email: 'jim@dundermifflin.com' },
		{ email: 'noreply@dundermifflin.com' },
		{ email: 'angela@dundermifflin.com' },
		{ email: 'kevin@dundermifflin.com' },
	]),
	single_phone_search_finished: jobOf({ ...phone, operation: 'find' }, 'single', [
		{ linkedin: 'https://www.linkedin.com/in/michael-scott/' },
	]),
	bulk_phone_search_finished: jobOf({ ...phone, operation: 'findBulk' }, 'bulk', [
		{ linkedin: 'https://www.linkedin.com/in/michael-scott/' },
		{ linkedin: 'https://www.linkedin.com/in/nophone-person/' },
	]),
};
type EventName = keyof typeof JOBS;

/** Starts one job per event, each reporting to the endpoint (`?token=` appended when given). */
async function startAllJobs(token?: string): Promise<Record<EventName, string>> {
	const hook = `${endpoint.url}/webhook/abc/webhook${token ? `?token=${token}` : ''}`;
	const ids = {} as Record<EventName, string>;
	for (const event of ALL_EVENTS as EventName[]) {
		ids[event] = await startJob(JOBS[event].parameters, [...JOBS[event].input], hook);
	}
	return ids;
}

function byEvent(deliveries: Delivery[]): Record<string, Delivery> {
	return Object.fromEntries(
		deliveries.map((delivery) => [(JSON.parse(delivery.body) as IDataObject).event, delivery]),
	);
}

/** Everything a trigger call shows anyone: the HTTP answer, the items, what webhook() returned or threw. */
function expectNoApiKey(results: Array<RunTriggerWebhookResult | undefined>): void {
	const visible = results.map((result) => {
		const error = result?.webhookError as (Error & { description?: string }) | undefined;
		return [
			result?.response,
			result?.workflowData,
			result?.webhookResult,
			error && {
				...error,
				message: error.message,
				description: error.description,
				stack: error.stack,
			},
		];
	});
	expect(JSON.stringify(visible)).not.toContain(ENROW_KEY);
}

describe('Enrow Trigger · real deliveries from the simulator', () => {
	it('turns each of the six events into items with the simplified fields, `event` and `jobId`', async () => {
		const ids = await startAllJobs();
		const delivered = (event: EventName) => completedJob(event, ids[event]);
		simulator.completeAllJobs();
		const deliveries = byEvent(await endpoint.waitFor(6));
		// "Return Job ID Immediately" reads nothing, so every GET so far is the trigger's.
		const readsByTrigger = simulator.stats().requests.filter((r) => r.method === 'GET');

		for (const event of ALL_EVENTS as EventName[]) {
			const { result } = deliveries[event];
			// n8n answers a started workflow with 200 and the text "firstEntryJson" (see test/harness/trigger.ts).
			expect(result!.response.statusCode).toBe(200);
			expect(result!.executionStarted).toBe(true);
			for (const item of result!.items) {
				expect(item).toMatchObject({ event, jobId: ids[event], status: 'completed' });
			}
		}

		expect(deliveries.single_search_finished.result!.items).toEqual([
			{
				...DWIGHT_FOUND,
				companyName: null,
				...delivered('single_search_finished'),
			},
		]);
		expect(deliveries.verification_finished.result!.items).toEqual([
			{
				email: 'pam.beesly@dundermifflin.com',
				qualification: 'valid',
				valid: true,
				...delivered('verification_finished'),
			},
		]);
		expect(deliveries.single_phone_search_finished.result!.items).toEqual([
			{
				number: expect.stringMatching(/^\+1570555\d{4}$/),
				country: 'US',
				qualification: 'found',
				found: true,
				...delivered('single_phone_search_finished'),
			},
		]);

		// Bulk events: one item per result row, read from Enrow with the credential.
		const finderRows = deliveries.bulk_search_finished.result!.items;
		expect(finderRows).toHaveLength(3);
		expect(finderRows.map((row) => String(row.email)).sort()).toEqual([
			'jim.halpert@dundermifflin.com',
			'null',
			'pam.beesly@dundermifflin.com',
		]);
		expect(finderRows.find((row) => row.email === null)).toEqual({
			email: null,
			qualification: 'invalid',
			found: false,
			firstName: null,
			lastName: null,
			fullName: 'Nobody Known',
			companyDomain: null,
			companyName: null,
			...delivered('bulk_search_finished'),
		});
		const verifierRows = deliveries.bulk_verification_finished.result!.items;
		expect(verifierRows).toHaveLength(4);
		expect(verifierRows.find((row) => row.email === 'noreply@dundermifflin.com')).toEqual({
			email: 'noreply@dundermifflin.com',
			qualification: 'invalid',
			valid: false,
			...delivered('bulk_verification_finished'),
		});
		const phoneRows = deliveries.bulk_phone_search_finished.result!.items;
		expect(phoneRows.map((row) => row.found).sort()).toEqual([false, true]);
		expect(phoneRows.find((row) => !row.found)).toEqual({
			number: null,
			country: null,
			qualification: 'not_found',
			found: false,
			...delivered('bulk_phone_search_finished'),
		});

		// The trigger read each of the six jobs, single and bulk, exactly once, with the API key:
		// what started the workflow is Enrow's record, not the notification's payload.
		expect(readsByTrigger.map((r) => `${r.path}?id=${r.query.id}`).sort()).toEqual(
			[
				`/email/find/single?id=${ids.single_search_finished}`,
				`/email/find/bulk?id=${ids.bulk_search_finished}`,
				`/email/verify/single?id=${ids.verification_finished}`,
				`/email/verify/bulk?id=${ids.bulk_verification_finished}`,
				`/phone/single?id=${ids.single_phone_search_finished}`,
				`/phone/bulk?id=${ids.bulk_phone_search_finished}`,
			].sort(),
		);
		expect(readsByTrigger.every((r) => r.apiKeyPresent && r.status === 200)).toBe(true);
		expect(simulator.stats().webhookDeliveries.map((d) => d.status)).toEqual(Array(6).fill(200));

		// Same fields as the Enrow node's own output for that job (Get Result), plus `event`.
		for (const event of ALL_EVENTS as EventName[]) {
			const viaNode = await runEnrow(simulator, {
				...JOBS[event].getResult,
				operation: 'getResult',
				jobId: ids[event],
			});
			const viaTrigger = deliveries[event].result!.items.map(({ event: _event, ...rest }) => rest);
			expect(viaTrigger).toEqual(jsonOf(viaNode));
		}
		expectNoApiKey(Object.values(deliveries).map((d) => d.result));
	});

	it('with Fetch Results off, a bulk event gives one item with the notification and reads nothing', async () => {
		endpoint.parameters = { fetchResults: false };
		const ids = await startAllJobs();
		simulator.completeAllJobs();
		const deliveries = byEvent(await endpoint.waitFor(6));
		expect(deliveries.bulk_search_finished.result!.items).toEqual([
			{
				event: 'bulk_search_finished',
				jobId: ids.bulk_search_finished,
				status: 'completed',
				credits: { cost: 2 },
			},
		]);
		expect(deliveries.bulk_verification_finished.result!.items).toEqual([
			{
				event: 'bulk_verification_finished',
				jobId: ids.bulk_verification_finished,
				status: 'completed',
				credits: { cost: 1 },
			},
		]);
		// README.io's phone payload carries no credits.
		expect(deliveries.bulk_phone_search_finished.result!.items).toEqual([
			{
				event: 'bulk_phone_search_finished',
				jobId: ids.bulk_phone_search_finished,
				status: 'completed',
			},
		]);
		// Single events still carry their result.
		expect(deliveries.verification_finished.result!.items).toEqual([
			expect.objectContaining({
				email: 'pam.beesly@dundermifflin.com',
				valid: true,
				event: 'verification_finished',
			}),
		]);
		expect(simulator.stats().gets).toBe(0);
	});

	it('acknowledges unselected events with 200 and starts nothing', async () => {
		endpoint.parameters = {
			events: ['bulk_verification_finished', 'single_phone_search_finished'],
		};
		const ids = await startAllJobs();
		simulator.completeAllJobs();
		const deliveries = byEvent(await endpoint.waitFor(6));
		for (const event of ALL_EVENTS) {
			const { result } = deliveries[event];
			const selected = (endpoint.parameters.events as string[]).includes(event);
			expect(result!.executionStarted).toBe(selected);
			if (!selected) {
				expect(result!.response).toMatchObject({ statusCode: 200, body: NOT_STARTED });
				expect(result!.workflowData).toBeUndefined();
			}
		}
		expect(deliveries.bulk_verification_finished.result!.items).toHaveLength(4);
		// Only the two selected jobs were read, once each.
		expect(
			simulator
				.stats()
				.requests.filter((r) => r.method === 'GET')
				.map((r) => r.query.id)
				.sort(),
		).toEqual([ids.bulk_verification_finished, ids.single_phone_search_finished].sort());
		expect(simulator.stats().webhookDeliveries.every((d) => d.status === 200)).toBe(true);
	});

	it('with a secret, refuses Enrow calls without the right ?token= (401, nothing started)', async () => {
		endpoint.parameters = { options: { secret: SECRET } };
		const job = JOBS.verification_finished;
		const base = `${endpoint.url}/webhook/abc/webhook`;
		const urls = [
			base,
			`${base}?token=wrong-token`,
			`${base}?token=${SECRET.slice(0, -1)}`,
			`${base}?token=${SECRET}`,
		];
		const jobIds: string[] = [];
		for (const url of urls) jobIds.push(await startJob(job.parameters, [...job.input], url));
		simulator.completeAllJobs();
		await endpoint.waitFor(4);
		// Only the accepted call read its job from Enrow; the refused ones used nothing.
		expect(
			simulator
				.stats()
				.requests.filter((r) => r.method === 'GET')
				.map((r) => `${r.path}?id=${r.query.id}`),
		).toEqual([`/email/verify/single?id=${jobIds[3]}`]);
		const statusByUrl = Object.fromEntries(
			simulator.stats().webhookDeliveries.map((d) => [d.url, d.status]),
		);
		expect(urls.map((url) => statusByUrl[url])).toEqual([401, 401, 401, 200]);
		for (const delivery of endpoint.deliveries) {
			const accepted = delivery.query.token === SECRET;
			expect(delivery.result!.executionStarted).toBe(accepted);
			if (!accepted) {
				expect(delivery.result!.response).toMatchObject({
					statusCode: 401,
					body: { message: 'Invalid or missing token' },
				});
			} else {
				expect(delivery.result!.items).toEqual([
					expect.objectContaining({ event: 'verification_finished', valid: true }),
				]);
			}
		}
		expectNoApiKey(endpoint.deliveries.map((d) => d.result));
	});

	it('accepts a secret with + and / (openssl rand -base64) whether the URL writes + as is or as %2B', async () => {
		const base64Secret = 'q+7Vd/2mK+Zp0wXy4Rb9+A==';
		endpoint.parameters = { options: { secret: base64Secret } };
		const job = JOBS.verification_finished;
		const base = `${endpoint.url}/webhook/abc/webhook`;
		const urls = [
			`${base}?token=${base64Secret}`,
			`${base}?token=${encodeURIComponent(base64Secret)}`,
			`${base}?token=${base64Secret.replace(/\+/g, '-')}`,
			`${base}?token=${encodeURIComponent(base64Secret.slice(0, -1))}`,
		];
		for (const url of urls) await startJob(job.parameters, [...job.input], url);
		simulator.completeAllJobs();
		await endpoint.waitFor(urls.length);
		const statusByUrl = Object.fromEntries(
			simulator.stats().webhookDeliveries.map((d) => [d.url, d.status]),
		);
		// The query parser hands the node `q 7Vd/2mK Zp0wXy4Rb9 A==` for the first URL.
		expect(endpoint.deliveries.map((d) => d.query.token)).toContain(
			base64Secret.replace(/\+/g, ' '),
		);
		expect(urls.map((url) => statusByUrl[url])).toEqual([200, 200, 401, 401]);

		// What n8n's query parser hands the node for `?token=q+7Vd…`, given to it directly.
		const typedWithSpaces = await callTrigger(endpoint.parameters, {
			body: { event: 'search_started', id: 'x' },
			query: { token: base64Secret.replace(/\+/g, ' ') },
		});
		expect(typedWithSpaces.response).toMatchObject({ statusCode: 200, body: NOT_STARTED });
	});

	it('reports a bulk job that failed at Enrow as one item with status "failed"', async () => {
		simulator.addFault({
			type: 'jobFailed',
			match: { method: 'POST', path: '/email/verify/bulk' },
		});
		const job = JOBS.bulk_verification_finished;
		const id = await startJob(job.parameters, [...job.input], `${endpoint.url}/hook`);
		simulator.completeAllJobs();
		const [delivery] = await endpoint.waitFor(1);
		expect(delivery.result!.items).toEqual([
			{
				event: 'bulk_verification_finished',
				jobId: id,
				status: 'failed',
				stats: { credits_cost: 0, requested: 4, valid: 0 },
			},
		]);
		expect(simulator.stats().requests.filter((r) => r.method === 'GET')).toEqual([
			expect.objectContaining({ path: '/email/verify/bulk', query: { id } }),
		]);
	});
});

describe('Enrow Trigger · a notified job that does not read finished at once', () => {
	const reads = () =>
		simulator
			.stats()
			.requests.filter((r) => r.method === 'GET')
			.map((r) => `${r.path} ${r.status}`);

	it('one transient "unknown job" answer (400 on a bulk read, 500 "Could not retrieve…" on a single one) does not drop the results: read again, the workflow starts', async () => {
		simulator.addFault(unknownJobAnswer('bulk'));
		simulator.addFault(unknownJobAnswer('single', 2));
		const hook = `${endpoint.url}/hook`;
		const bulk = JOBS.bulk_verification_finished;
		const single = JOBS.verification_finished;
		const bulkId = await startJob(bulk.parameters, [...bulk.input], hook);
		const singleId = await startJob(single.parameters, [...single.input], hook);
		simulator.completeAllJobs();
		const deliveries = byEvent(await endpoint.waitFor(2));

		expect(simulator.stats().webhookDeliveries.map((d) => d.status)).toEqual([200, 200]);
		const bulkItems = deliveries.bulk_verification_finished.result!.items;
		expect(bulkItems).toHaveLength(4);
		for (const item of bulkItems) {
			expect(item).toMatchObject({
				jobId: bulkId,
				status: 'completed',
				valid: expect.any(Boolean),
			});
		}
		expect(deliveries.verification_finished.result!.items).toEqual([
			expect.objectContaining({
				email: 'pam.beesly@dundermifflin.com',
				valid: true,
				jobId: singleId,
				status: 'completed',
			}),
		]);
		expect(reads().sort()).toEqual(
			[
				'/email/verify/bulk 400',
				'/email/verify/bulk 200',
				'/email/verify/single 500',
				'/email/verify/single 500',
				'/email/verify/single 200',
			].sort(),
		);
	});

	it('a job still running when notified is read again, and the workflow starts once it reads finished', async () => {
		simulator.configure({ enrow: { jobDurationMs: { single: 500 } } });
		const job = JOBS.verification_finished;
		const id = await startJob(job.parameters, [...job.input]);
		const result = await callTrigger({}, { body: { event: 'verification_finished', id } });

		expect(result.executionStarted).toBe(true);
		expect(result.items).toEqual([
			expect.objectContaining({ valid: true, jobId: id, status: 'completed' }),
		]);
		// Enrow answers 202 while a single job runs.
		const statuses = reads().map((read) => read.split(' ')[1]);
		expect(statuses[0]).toBe('202');
		expect(statuses[statuses.length - 1]).toBe('200');
		expect(statuses.length).toBeLessThanOrEqual(READS_OF_AN_UNKNOWN_JOB);
	});

	it('a job still running past the bound: 503, nothing started, not marked handled; its real completion notification then starts the workflow once', async () => {
		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 600_000, bulkPerRow: 0 } } });
		endpoint.workflow = { id: 'running-then-finished', staticData: {} };
		const job = JOBS.bulk_verification_finished;
		const id = await startJob(job.parameters, [...job.input], `${endpoint.url}/hook`);
		harnessLog.length = 0;
		// A notification that comes while Enrow still reports the job running, to the same workflow.
		const notification = { event: 'bulk_verification_finished', id, credits: { cost: 1 } };
		const early = await callTrigger(
			{},
			{ body: notification, workflowId: endpoint.workflow.id, staticData: {} },
		);

		expect(early.executionStarted).toBe(false);
		expect(early.response).toMatchObject({
			statusCode: 503,
			headers: { 'retry-after': '60' },
			body: { received: true, started: false, status: 'ongoing' },
		});
		expect(handledNotifications(savedStaticData(early))).toEqual([]);
		expect(reads()).toEqual(Array(READS_OF_AN_UNKNOWN_JOB).fill('/email/verify/bulk 200'));
		expect(harnessLog.filter((entry) => entry.level === 'warn')).toEqual([
			expect.objectContaining({
				message: expect.stringMatching(
					new RegExp(
						`^Enrow Trigger: started nothing for a bulk_verification_finished notification for job ${id}: Enrow still reports the job running \\(read 4 times over \\d\\.\\d s\\)\\. Its next notification starts the workflow; or read it later with the Enrow node's Get Result \\(Job ID ${id}, Job Type bulk\\)\\.$`,
					),
				),
			}),
		]);

		// What n8n saved after that call; then Enrow finishes the job and notifies.
		endpoint.workflow.staticData = savedStaticData(early);
		simulator.completeAllJobs();
		const [delivery] = await endpoint.waitFor(1);
		expect(simulator.stats().webhookDeliveries.map((d) => d.status)).toEqual([200]);
		expect(delivery.result!.executionStarted).toBe(true);
		expect(delivery.result!.items).toHaveLength(4);
		for (const item of delivery.result!.items) {
			expect(item).toMatchObject({ jobId: id, status: 'completed' });
		}
		expect(handledNotifications(endpoint.workflow.staticData)).toEqual([
			`bulk_verification_finished:${id}`,
		]);

		// Once handled, the same notification again starts nothing.
		const again = await callTrigger(
			{},
			{
				body: notification,
				workflowId: endpoint.workflow.id,
				staticData: endpoint.workflow.staticData,
			},
		);
		expect(again.executionStarted).toBe(false);
		expect(again.response.body).toEqual({ ...NOT_STARTED, duplicate: true });
	});
	it('forged notifications for jobs Enrow does not know cost a bounded number of reads, and at most maxAtOnce are read again at a time', async () => {
		const maxAtOnce = triggerRereads.maxAtOnce;
		triggerRereads.maxAtOnce = 3;
		try {
			harnessLog.length = 0;
			const started = Date.now();
			const forged = await Promise.all(
				[1, 2, 3, 4, 5].map(
					async (n) =>
						await callTrigger({}, { body: { event: 'bulk_search_finished', id: `forged-${n}` } }),
				),
			);
			const tookMs = Date.now() - started;
			for (const result of forged) {
				expect(result.response).toMatchObject({ statusCode: 200, body: NOT_STARTED });
				expect(result.executionStarted).toBe(false);
			}
			// 3 read again (4 reads each), the 2 beyond the bound decided on their one read.
			expect(reads()).toHaveLength(3 * READS_OF_AN_UNKNOWN_JOB + 2);
			const warnings = harnessLog
				.filter((entry) => entry.level === 'warn')
				.map((entry) => String(entry.message));
			expect(warnings.filter((w) => w.includes('(read 4 times over'))).toHaveLength(3);
			expect(
				warnings.filter((w) =>
					w.includes('(read once: too many notifications were being read again)'),
				),
			).toHaveLength(2);
			// Every answer within the bound on the reads, with room for the last read itself.
			expect(tookMs).toBeLessThan(triggerRereads.budgetMs + 1000);

			// The places are given back: the next one is read again.
			simulator.reset();
			await callTrigger({}, { body: { event: 'bulk_search_finished', id: 'forged-6' } });
			expect(reads()).toHaveLength(READS_OF_AN_UNKNOWN_JOB);
		} finally {
			triggerRereads.maxAtOnce = maxAtOnce;
		}
	});
	it('a copy of the notification answered as a duplicate during the last read earns one more read: the completion it may be is not lost', async () => {
		simulator.configure({ enrow: { jobDurationMs: { bulkBase: 600_000, bulkPerRow: 0 } } });
		const job = JOBS.bulk_verification_finished;
		const id = await startJob(job.parameters, [...job.input]);
		const notification = { event: 'bulk_verification_finished', id };
		const workflowId = 'copy-during-last-read';
		let copy: RunTriggerWebhookResult | undefined;
		// Enrow between the trigger and the simulator: its last planned read is answered "running",
		// and only then does the job finish and Enrow's completion notification (a copy) arrive.
		let reads = 0;
		const enrow = createServer((req, res) => {
			void (async () => {
				const answer = await fetch(`${simulator.url}${req.url ?? '/'}`, {
					headers: { 'x-api-key': String(req.headers['x-api-key']) },
				});
				const text = await answer.text();
				if (++reads === READS_OF_AN_UNKNOWN_JOB) {
					simulator.completeAllJobs();
					copy = await callTrigger({}, { body: notification, workflowId, staticData: {} });
				}
				res.writeHead(answer.status, { 'content-type': 'application/json' });
				res.end(text);
			})();
		});
		await new Promise<void>((resolve) => enrow.listen(0, '127.0.0.1', resolve));
		try {
			const first = await runTriggerWebhook({
				nodeType: new EnrowTrigger(),
				parameters: {},
				credentials: {
					enrowApi: {
						apiKey: ENROW_KEY,
						baseUrl: `http://127.0.0.1:${(enrow.address() as AddressInfo).port}/`,
					},
				},
				credentialTypes: [new EnrowApi()],
				body: notification,
				workflowId,
			});
			expect(copy!.response.body).toEqual({ ...NOT_STARTED, duplicate: true });
			expect(reads).toBe(READS_OF_AN_UNKNOWN_JOB + 1);
			expect(first.executionStarted).toBe(true);
			expect(first.items).toHaveLength(4);
			expect(first.items.every((item) => item.status === 'completed')).toBe(true);
		} finally {
			enrow.closeAllConnections();
			await new Promise<void>((resolve) => enrow.close(() => resolve()));
		}
	});
});

describe('Enrow Trigger · payloads written by hand', () => {
	it('reads the three documented single-result shapes (Fetch Results off): flat, `result` and `result.result`', async () => {
		const payloadOnly = { fetchResults: false };
		const flat = await callTrigger(payloadOnly, {
			body: {
				event: 'verification_finished',
				id: '910f3e13-aaaa',
				email: 'pam@dm.com',
				qualification: 'valid',
				custom: 'your_custom_data',
			},
		});
		expect(flat.items).toEqual([
			{
				email: 'pam@dm.com',
				qualification: 'valid',
				valid: true,
				...completedJob('verification_finished', '910f3e13-aaaa'),
			},
		]);

		const underResult = await callTrigger(payloadOnly, {
			body: {
				event: 'single_search_finished',
				id: '910f3e13-bbbb',
				credits: { cost: 1 },
				result: {
					email: 'dwight.schrute@dundermifflin.com',
					qualification: 'valid',
					custom: 'your_custom_data',
					info: {
						company_domain: 'dundermifflin.com',
						fullname: 'Dwight Schrute',
						firstname: 'Dwight',
						lastname: 'Schrute',
					},
				},
			},
		});
		expect(underResult.items).toEqual([
			{
				...DWIGHT_FOUND,
				companyName: null,
				...completedJob('single_search_finished', '910f3e13-bbbb'),
			},
		]);

		const doublyNested = await callTrigger(payloadOnly, {
			body: {
				event: 'single_phone_search_finished',
				id: '910f3e13-cccc',
				credits: { cost: 50 },
				result: {
					event: 'single_phone_search_finished',
					id: '070c5374-dddd',
					result: {
						number: '+3399999999',
						params: { linkedin_url: 'https://www.linkedin.com/in/antoine-dupont-xyz' },
						qualification: 'found',
					},
				},
			},
		});
		expect(doublyNested.items).toEqual([
			{
				number: '+3399999999',
				country: null,
				qualification: 'found',
				found: true,
				...completedJob('single_phone_search_finished', '910f3e13-cccc'),
			},
		]);
		for (const result of [flat, underResult, doublyNested]) {
			expect(result.response.statusCode).toBe(200);
			expect(simulator.stats().requests).toHaveLength(0);
		}
	});

	it('reads legacy payloads with `credits.balance`, and numeric ids', async () => {
		const payloadOnly = { fetchResults: false };
		const legacySingle = await callTrigger(payloadOnly, {
			body: {
				event: 'single_search_finished',
				id: 'legacy-1',
				credits: { balance: 85053, cost: 1 },
				result: { email: null, qualification: 'invalid', custom: 'c' },
			},
		});
		expect(legacySingle.items).toEqual([
			expect.objectContaining({
				email: null,
				qualification: 'invalid',
				found: false,
				jobId: 'legacy-1',
				event: 'single_search_finished',
			}),
		]);

		const legacyBulk = {
			event: 'bulk_search_finished',
			id: 'legacy-2',
			credits: { balance: 82772, cost: 2284 },
		};
		expect((await callTrigger(payloadOnly, { body: legacyBulk })).items).toEqual([
			{
				event: 'bulk_search_finished',
				jobId: 'legacy-2',
				status: 'completed',
				credits: { balance: 82772, cost: 2284 },
			},
		]);

		// A real job, announced in the legacy shape: its rows are read from Enrow.
		const job = JOBS.bulk_verification_finished;
		const id = await startJob(job.parameters, [...job.input]);
		simulator.completeAllJobs();
		const fetched = await callTrigger(
			{},
			{
				body: { event: 'bulk_verification_finished', id, credits: { balance: 82772, cost: 1 } },
			},
		);
		expect(fetched.items).toHaveLength(4);
		expect(
			fetched.items.every((item) => item.jobId === id && typeof item.valid === 'boolean'),
		).toBe(true);

		const numeric = await callTrigger(payloadOnly, {
			body: {
				event: 'verification_finished',
				id: 12345,
				email: 'pam@dm.com',
				qualification: 'valid',
			},
		});
		expect(numeric.items).toEqual([expect.objectContaining({ jobId: '12345', valid: true })]);
	});

	it("reads a single job from Enrow (Fetch Results on): Enrow's record, whatever the payload carries", async () => {
		const job = JOBS.single_search_finished;
		const id = await startJob(job.parameters, [...job.input]);
		simulator.completeAllJobs();
		const result = await callTrigger(
			{},
			{ body: { event: 'single_search_finished', id, credits: { cost: 1 } } },
		);
		expect(result.items).toEqual([
			expect.objectContaining({
				email: 'dwight.schrute@dundermifflin.com',
				found: true,
				jobId: id,
				event: 'single_search_finished',
			}),
		]);
		const reads = () => simulator.stats().requests.filter((r) => r.method === 'GET');
		expect(reads()).toEqual([
			expect.objectContaining({ path: '/email/find/single', apiKeyPresent: true }),
		]);

		// A payload that says something else (unsigned: anyone could send it) does not win.
		const forged = await callTrigger(
			{},
			{
				body: {
					event: 'single_search_finished',
					id,
					credits: { cost: 1 },
					result: { email: 'ceo@victim-corp.com', qualification: 'valid' },
				},
			},
		);
		expect(forged.items).toEqual(result.items);
		expect(reads()).toHaveLength(2);

		// Fetch Results off: the notification alone.
		const bare = await callTrigger(
			{ fetchResults: false },
			{ body: { event: 'single_search_finished', id } },
		);
		expect(bare.items).toEqual([
			{ event: 'single_search_finished', jobId: id, status: 'completed' },
		]);
	});

	it('acknowledges unknown events and malformed notifications with 200 and starts nothing', async () => {
		const bodies: unknown[] = [
			{ event: 'search_started', id: 'abc' },
			{ event: 'SINGLE_SEARCH_FINISHED', id: 'abc', result: { qualification: 'valid' } },
			{},
			{ id: 'abc', qualification: 'valid' },
			{ event: 123, id: 'abc' },
			{ event: ['single_search_finished'], id: 'abc' },
			{ event: 'single_search_finished' },
			{ event: 'single_search_finished', id: null, result: { qualification: 'valid' } },
			{ event: 'bulk_search_finished', id: { $ne: '' } },
			{ event: 'bulk_search_finished', id: 'two words' },
			{ event: 'bulk_search_finished', id: '../../account/info' + ' '.repeat(3) },
			{ event: 'bulk_search_finished', id: 'x'.repeat(201) },
			{ event: 'verification_finished', id: '' },
			[],
			[{ event: 'verification_finished', id: 'abc', email: 'a@b.co', qualification: 'valid' }],
			'null',
			'42',
			'"verification_finished"',
			'true',
		];
		for (const body of bodies) {
			const result = await callTrigger({}, { body });
			expect({ body, response: result.response.body, started: result.executionStarted }).toEqual({
				body,
				response: NOT_STARTED,
				started: false,
			});
			expect(result.webhookError).toBeUndefined();
		}
		// Other content types reach the node as a string or nothing at all.
		const text = await callTrigger(
			{},
			{ body: 'event=verification_finished', headers: { 'content-type': 'text/plain' } },
		);
		const none = await callTrigger(
			{},
			{
				body: '{"event":"verification_finished"}',
				headers: { 'content-type': 'application/octet-stream' },
			},
		);
		const empty = await callTrigger({}, {});
		for (const result of [text, none, empty]) {
			expect(result.response).toMatchObject({ statusCode: 200, body: NOT_STARTED });
			expect(result.executionStarted).toBe(false);
		}
		expect(simulator.stats().requests).toHaveLength(0);
	});

	it('reads Events set by an expression: a list, or names separated by commas, in any case', async () => {
		const verified = {
			event: 'verification_finished',
			id: 'v-1',
			email: 'pam@dm.com',
			qualification: 'valid',
		};
		// Fetch Results off: the made-up job v-1 is taken as sent (on, Enrow would not know it).
		const started = async (events: string, body: IDataObject = verified) =>
			(await callTrigger({ events, fetchResults: false }, { body })).executionStarted;
		expect(await started('={{ ["verification_finished"] }}')).toBe(true);
		expect(await started('={{ "bulk_search_finished, verification_finished" }}')).toBe(true);
		// Written by hand or by an AI agent, in another case.
		expect(await started('={{ "Bulk_Search_Finished, Verification_Finished " }}')).toBe(true);
		// A name that merely contains the event's name does not select it.
		expect(await started('={{ "bulk_verification_finished" }}')).toBe(false);
		// A name that is no Enrow event, even if listed, is acknowledged and starts nothing.
		const unknown = await callTrigger(
			{ events: '={{ ["search_started", "verification_finished"] }}' },
			{ body: { event: 'search_started', id: 'x', qualification: 'valid' } },
		);
		expect(unknown.response).toMatchObject({ statusCode: 200, body: NOT_STARTED });
		expect(unknown.webhookError).toBeUndefined();
	});

	it('unparsable JSON is refused by n8n itself (422) before the trigger runs', async () => {
		for (const body of [
			'{"event":"verification_finished",',
			'{event: verification_finished}',
			'\u0000',
		]) {
			const result = await callTrigger({}, { body });
			expect(result.response).toMatchObject({
				statusCode: 422,
				body: { code: 422, message: 'Failed to parse request body' },
			});
			expect(result.webhookCalled).toBe(false);
			expect(result.executionStarted).toBe(false);
		}
	});

	it('never throws on huge bodies: answered, nothing started', async () => {
		const pad = 'x'.repeat(10 * 1024 * 1024);
		const huge: unknown[] = [
			{ event: 'search_started', id: 'abc', pad },
			{ event: 'bulk_search_finished', id: pad },
			{ event: pad, id: 'abc' },
			Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`key${i}`, i])),
			Array.from({ length: 200_000 }, () => ({ event: 'verification_finished' })),
		];
		// 10,000 levels of nesting (built as text: JSON.stringify would overflow the stack).
		huge.push(
			`${'{"result":'.repeat(10_000)}{"event":"verification_finished"}${'}'.repeat(10_000)}`,
		);
		for (const body of huge) {
			const result = await callTrigger({}, { body });
			expect(result.response).toMatchObject({ statusCode: 200, body: NOT_STARTED });
			expect(result.executionStarted).toBe(false);
			expect(result.webhookError).toBeUndefined();
		}
		// Over n8n's 16 MiB limit, n8n answers 500 before the trigger runs.
		const tooBig = await callTrigger(
			{},
			{ body: { event: 'verification_finished', pad: 'x'.repeat(N8N_PAYLOAD_SIZE_MAX_BYTES) } },
		);
		expect(tooBig.response).toMatchObject({
			statusCode: 500,
			body: { message: 'There was a problem executing the workflow' },
		});
		expect(tooBig.webhookCalled).toBe(false);
		expect(tooBig.executionStarted).toBe(false);
		expect(simulator.stats().requests).toHaveLength(0);
	});

	it('still starts on a large but well-formed notification', async () => {
		const email = `${'a'.repeat(1024 * 1024)}@dm.com`;
		const result = await callTrigger(
			{ fetchResults: false },
			{ body: { event: 'verification_finished', id: 'big-1', email, qualification: 'valid' } },
		);
		expect(result.executionStarted).toBe(true);
		expect(result.items).toEqual([expect.objectContaining({ email, valid: true, jobId: 'big-1' })]);
	});

	it('checks the secret before anything else: missing, wrong, repeated or empty tokens get 401', async () => {
		const parameters = { options: { secret: SECRET } };
		// A real job, so the accepted call finds it when it reads it from Enrow.
		const job = JOBS.verification_finished;
		const id = await startJob(job.parameters, [...job.input]);
		simulator.completeAllJobs();
		const readsFromEnrow = () => simulator.stats().requests.filter((r) => r.method === 'GET');
		const notification = {
			event: 'verification_finished',
			id,
			email: 'pam.beesly@dundermifflin.com',
			qualification: 'valid',
		};
		const refused: Array<Pick<RunTriggerWebhookOptions, 'body' | 'query' | 'headers'>> = [
			{ body: notification },
			{ body: notification, query: { token: '' } },
			{ body: notification, query: { token: 'nope' } },
			{ body: notification, query: { token: SECRET.toUpperCase() } },
			{ body: notification, query: { token: [SECRET, SECRET] } },
			{ body: notification, query: { Token: SECRET } },
			{ body: { event: 'search_started' } },
			{ body: '{"event":', headers: { 'content-type': 'text/plain' } },
		];
		for (const request of refused) {
			const result = await callTrigger(parameters, request);
			expect(result.response).toMatchObject({
				statusCode: 401,
				body: { message: 'Invalid or missing token' },
			});
			expect(result.executionStarted).toBe(false);
			expect(result.response.text).not.toContain(SECRET);
		}
		// Refused before the credential is used: nothing was read from Enrow.
		expect(readsFromEnrow()).toHaveLength(0);
		const accepted = await callTrigger(parameters, {
			body: notification,
			query: { token: SECRET },
		});
		expect(accepted.response.statusCode).toBe(200);
		expect(accepted.items).toEqual([expect.objectContaining({ jobId: id, valid: true })]);
		expect(readsFromEnrow()).toHaveLength(1);
		// An unknown event with the right token: acknowledged, not started.
		const unknown = await callTrigger(parameters, {
			body: { event: 'search_started', id: 'x' },
			query: { token: SECRET },
		});
		expect(unknown.response).toMatchObject({ statusCode: 200, body: NOT_STARTED });
	});

	it('reports a finished bulk job whose answer lists no readable rows as one item, not an empty run', async () => {
		for (const results of [[], 'not a list', [null, 42, 'row']]) {
			simulator.addFault({
				type: 'status',
				status: 200,
				body: { general: { id: 'job-9', status: 'completed' }, results },
				match: { method: 'GET', path: '/email/verify/bulk' },
			});
			const result = await callTrigger(
				{},
				{ body: { event: 'bulk_verification_finished', id: 'job-9', credits: { cost: 3 } } },
			);
			expect(result.items).toEqual([
				{
					event: 'bulk_verification_finished',
					jobId: 'job-9',
					status: 'completed',
					credits: { cost: 3 },
				},
			]);
		}
	});

	it('a notification for a job Enrow does not know is acknowledged (200) and starts nothing, with a warning', async () => {
		const unknown: Array<[IDataObject, string, number]> = [
			[{ event: 'bulk_search_finished', id: 'no-such-job' }, '/email/find/bulk', 400],
			[{ event: 'verification_finished', id: 'no-such-job' }, '/email/verify/single', 500],
			[
				// A forged single event: its made-up result is not taken as sent.
				{
					event: 'single_phone_search_finished',
					id: 'no-such-job',
					result: { number: '+3399999999', qualification: 'found' },
				},
				'/phone/single',
				500,
			],
		];
		try {
			// Enrow's documented answers (400 on bulk reads, 500 on single ones), and the 404 its llms.txt shows.
			for (const style of ['docs-new', 'llms'] as const) {
				simulator.configure({ enrow: { unknownIdStyle: style } });
				for (const [body, path, status] of unknown) {
					simulator.reset();
					harnessLog.length = 0;
					const result = await callTrigger({}, { body });
					expect(result.response).toMatchObject({ statusCode: 200, body: NOT_STARTED });
					expect(result.executionStarted).toBe(false);
					expect(result.workflowData).toBeUndefined();
					expect(result.webhookError).toBeUndefined();
					// Read again for a bounded time (a job Enrow notified about exists), then ignored.
					expect(simulator.stats().requests).toEqual(
						Array(READS_OF_AN_UNKNOWN_JOB).fill(
							expect.objectContaining({
								method: 'GET',
								path,
								status: style === 'llms' ? 404 : status,
								apiKeyPresent: true,
							}),
						),
					);
					expect(harnessLog.filter((entry) => entry.level === 'warn')).toEqual([
						expect.objectContaining({
							message: expect.stringMatching(
								new RegExp(
									`^Enrow Trigger: ignored a ${String(body.event)} notification for job no-such-job, which Enrow does not know \\(read 4 times over \\d\\.\\d s\\)\\. If it is a job of this account, read it with the Enrow node's Get Result \\(Job ID no-such-job, Job Type (single|bulk)\\)\\.$`,
								),
							),
						}),
					]);
					expectNoApiKey([result]);
				}
			}
		} finally {
			simulator.configure({ enrow: { unknownIdStyle: 'docs-new' } });
		}
	});

	it('a notification the credential cannot read (401, wrong key) fails the execution, without the API key', async () => {
		const job = JOBS.bulk_search_finished;
		const id = await startJob(job.parameters, [...job.input]);
		simulator.completeAllJobs();
		const wrongKey = 'wrong-enrow-key-4f1c';
		for (const body of [
			{ event: 'bulk_search_finished', id },
			{ event: 'verification_finished', id: 'any-job' },
		]) {
			simulator.reset();
			const result = await callEnrowTrigger(simulator, {}, { body }, { apiKey: wrongKey });
			// n8n: 500 to the caller, and an execution that ends in the node's error.
			expect(result.response).toMatchObject({
				statusCode: 500,
				body: { code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' },
			});
			expect(result.executionStarted).toBe(true);
			// The error names the job, so its results can be read later with Get Result.
			expect((result.webhookError as Error).message).toBe(
				`Could not read the results of Enrow job ${String(body.id)}: Enrow rejected the API key: "This apikey is not valid"`,
			);
			expect((result.webhookError as Error & { description?: string }).description).toContain(
				`Get Result (Job ID ${String(body.id)}`,
			);
			expect(simulator.stats().requests).toEqual([
				expect.objectContaining({ method: 'GET', status: 401, apiKeyPresent: true }),
			]);
			expectNoApiKey([result]);
			expect(JSON.stringify(result.response)).not.toContain(wrongKey);
			expect((result.webhookError as Error & { description?: string }).description).not.toContain(
				wrongKey,
			);
		}
	});
});
