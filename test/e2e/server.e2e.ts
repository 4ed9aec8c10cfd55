/**
 * The `n8n start` side of the harness, which the webhook-mode cases build on: published
 * workflows started by a Webhook node, executions read through the public API, a waiting
 * execution that survives a restart and resumes on its resume URL; both credentials' tests as the
 * editor runs them when a user saves a credential.
 */
import { type N8nInstance } from '../../scripts/e2e/n8nInstance';
import { nodeOutput } from '../../scripts/e2e/runData';
import { type Simulator } from '../../simulator';
import { runFromWebhook, startSuite, stopSuite } from './support/suite';
import { reportTiming, timed } from './support/timing';
import {
	ENROW_CREDENTIAL,
	enrowCredential,
	enrowNode,
	VEC_CREDENTIAL,
	vecCredential,
	linearWorkflow,
	setJson,
	waitForResumeCall,
	webhookTrigger,
} from './support/workflows';

let simulator: Simulator;
let n8n: N8nInstance;

/** Enrow "Find an email" on the person the webhook call names. */
function findFromWebhookBody() {
	return enrowNode({
		resource: 'emailFinder',
		operation: 'find',
		fullName: '={{ $json.body.fullName }}',
		companyDomain: '={{ $json.body.companyDomain }}',
		waitMode: 'poll',
		pollIntervalSeconds: 1,
		simplify: true,
		options: {},
	});
}

const findFromWebhook = linearWorkflow('e2eWebhookFind01', 'E2E webhook then find', [
	webhookTrigger('e2e-find'),
	findFromWebhookBody(),
]);

const pauseUntilCalled = linearWorkflow('e2eWaitResume01', 'E2E wait for a resume call', [
	webhookTrigger('e2e-wait'),
	setJson('Resume URL', '={ "resumeUrl": "{{ $execution.resumeUrl }}" }'),
	waitForResumeCall(),
]);

beforeAll(async () => {
	({ simulator, n8n } = await startSuite({
		name: 'server',
		simulatorConfig: { enrow: { jobDurationMs: { single: 500 } } },
		credentials: (url) => [enrowCredential(url), vecCredential(url)],
		workflows: () => [findFromWebhook],
		startTimingLabel: 'n8n start (first start of a new user folder)',
	}));
});

afterAll(() => stopSuite(simulator));

test('a published Webhook workflow runs the Enrow node; its execution is read through the public API', async () => {
	await timed('case webhook -> find -> execution read', async () => {
		const execution = await runFromWebhook(
			n8n,
			'e2e-find',
			{ fullName: 'Pam Beesly', companyDomain: 'dundermifflin.com' },
			findFromWebhook.id,
		);
		expect(execution.status).toBe('success');
		expect(execution.mode).toBe('webhook');
		expect(nodeOutput(execution.data, 'Enrow')[0].json).toMatchObject({
			email: 'pam.beesly@dundermifflin.com',
			found: true,
			status: 'completed',
		});
	});
});

test('a workflow published while n8n runs listens at once (publish through the API)', async () => {
	const other = linearWorkflow('e2eWebhookFind02', 'E2E published while running', [
		webhookTrigger('e2e-find-2'),
		findFromWebhookBody(),
	]);
	await n8n.importAndPublishWorkflow(other);
	const execution = await runFromWebhook(
		n8n,
		'e2e-find-2',
		{ fullName: 'Jim Halpert', companyDomain: 'dundermifflin.com' },
		other.id,
	);
	expect(nodeOutput(execution.data, 'Enrow')[0].json).toMatchObject({
		email: 'jim.halpert@dundermifflin.com',
	});
});

test('a waiting execution survives a restart and resumes on its resume URL', async () => {
	await n8n.importAndPublishWorkflow(pauseUntilCalled);
	const response = await n8n.api.callWebhook('e2e-wait', { body: {} });
	expect(response.status).toBe(200);

	const waiting = await n8n.api.waitForExecution({
		workflowId: pauseUntilCalled.id,
		status: 'waiting',
	});
	const resumeUrl = String(nodeOutput(waiting.data, 'Resume URL')[0].json.resumeUrl);
	expect(resumeUrl).toMatch(
		new RegExp(`^${n8n.baseUrl}webhook-waiting/${waiting.id}\\?signature=[0-9a-f]+$`),
	);

	reportTiming('n8n restart', await n8n.restart());
	expect((await n8n.api.getExecution(waiting.id, false)).status).toBe('waiting');

	const resumed = await n8n.api.request('POST', resumeUrl, { body: { done: true } });
	expect(resumed.status).toBe(200);
	const finished = await n8n.api.waitForExecution({
		workflowId: pauseUntilCalled.id,
		status: ['success', 'error'],
	});
	expect(finished.id).toBe(waiting.id);
	expect(finished.status).toBe('success');
	expect(nodeOutput(finished.data, 'Wait')[0].json).toMatchObject({ body: { done: true } });
});

describe('credential tests, as the editor runs them on Save', () => {
	/** `POST /rest/credentials/test` with the edited fields of a saved credential. */
	async function testCredential(
		saved: { id: string; name: string },
		type: string,
		data: Record<string, string>,
	) {
		const answer = await n8n.api.editorRequest('POST', 'credentials/test', {
			credentials: { ...saved, type, data },
		});
		expect(answer.status).toBe(200);
		return (answer.body as { data: { status: string; message: string } }).data;
	}

	it.each([
		['Enrow API', ENROW_CREDENTIAL, 'enrowApi', 'sim-enrow-key'],
		['ValidEmailChecker API', VEC_CREDENTIAL, 'validEmailCheckerApi', 'sim-vec-key'],
	])('%s: a good key passes', async (_label, saved, type, apiKey) => {
		const result = await testCredential(saved, type, { apiKey, baseUrl: simulator.url });
		expect(result.status).toBe('OK');
	});

	it.each([
		[
			'Enrow API',
			ENROW_CREDENTIAL,
			'enrowApi',
			'Enrow rejected the API key. Copy it again from the API menu of your Enrow dashboard (app.enrow.io).',
			'GET /account/info',
		],
		[
			'ValidEmailChecker API',
			VEC_CREDENTIAL,
			'validEmailCheckerApi',
			'ValidEmailChecker rejected the API key. Copy it again from app.validemailchecker.com.',
			'POST /api/verify-single',
		],
	])(
		'%s: a wrong key fails with a message that says what to do',
		async (_label, saved, type, message, testRequest) => {
			const before = simulator.stats();
			const result = await testCredential(saved, type, {
				apiKey: 'a-key-that-was-mistyped',
				baseUrl: simulator.url,
			});
			expect(result).toEqual({ status: 'Error', message });
			// One request, and none that can spend a credit.
			// Only the credential's free test request (n8n may send it more than once), no job.
			const after = simulator.stats();
			const sent = after.requests.slice(before.requests.length);
			expect(sent.length).toBeGreaterThan(0);
			expect(new Set(sent.map((request) => `${request.method} ${request.path}`))).toEqual(
				new Set([testRequest]),
			);
			expect(after.jobsCreated).toBe(before.jobsCreated);
		},
	);

	it('Enrow API: a Base URL with no Enrow API behind it says to reset it', async () => {
		const result = await testCredential(ENROW_CREDENTIAL, 'enrowApi', {
			apiKey: 'sim-enrow-key',
			baseUrl: `${simulator.url}/not-enrow`,
		});
		expect(result).toEqual({
			status: 'Error',
			message: 'No Enrow API answers at this Base URL. Reset it to https://api.enrow.io.',
		});
	});

	it.each([
		[
			'Enrow API',
			ENROW_CREDENTIAL,
			'enrowApi',
			'sim-enrow-key',
			'GET',
			'/account/info',
			'This Base URL redirects to another address, and the Enrow node does not follow redirects (a redirected request can reach Enrow changed). Set it to the address it redirects to, starting with https:// (Enrow itself: https://api.enrow.io).',
		],
		[
			'ValidEmailChecker API',
			VEC_CREDENTIAL,
			'validEmailCheckerApi',
			'sim-vec-key',
			'POST',
			'/api/verify-single',
			'This Base URL redirects to another address, and the ValidEmailChecker node does not follow redirects (a redirected request can reach the API changed). Set it to the address it redirects to, starting with https:// (ValidEmailChecker itself: https://app.validemailchecker.com).',
		],
	] as const)(
		'%s: a Base URL that redirects fails the test, as the node refuses it; the redirect is not followed',
		async (_label, saved, type, apiKey, method, path, message) => {
			// e.g. http:// where the API is served on https://: here, to the same simulator by another name.
			simulator.addFault({
				type: 'status',
				status: 301,
				body: {},
				headers: { Location: `${simulator.url.replace('127.0.0.1', 'localhost')}${path}` },
				match: { method, path },
				times: 10,
			});
			const before = simulator.stats().requests.length;
			try {
				const result = await testCredential(saved, type, { apiKey, baseUrl: simulator.url });
				expect(result).toEqual({ status: 'Error', message });
				// Only the test request itself, answered 301 (n8n may send it more than once): no
				// request to where it points (a followed POST would come back as a GET).
				const sent = simulator.stats().requests.slice(before);
				expect(sent.length).toBeGreaterThan(0);
				expect(new Set(sent.map((r) => `${r.method} ${r.path} ${r.status}`))).toEqual(
					new Set([`${method} ${path} 301`]),
				);
			} finally {
				simulator.reset();
			}
		},
	);

	it.each([
		['Enrow API', ENROW_CREDENTIAL, 'enrowApi', 'sim-enrow-key'],
		['ValidEmailChecker API', VEC_CREDENTIAL, 'validEmailCheckerApi', 'sim-vec-key'],
	])(
		'%s: a Base URL without http(s):// fails the test and sends nothing',
		async (_label, saved, type, apiKey) => {
			const before = simulator.stats().requests.length;
			const result = await testCredential(saved, type, {
				apiKey,
				baseUrl: simulator.url.replace('http://', ''),
			});
			// n8n shows the code of its own URL check: a declarative credential test cannot word it.
			// The nodes' own error, when they run, names the field and the fix (reliability rows).
			expect(result).toEqual({ status: 'Error', message: 'ERR_INVALID_URL' });
			expect(simulator.stats().requests.length).toBe(before);
		},
	);
});
