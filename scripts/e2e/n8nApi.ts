/**
 * HTTP access to a running n8n: production webhooks, resume URLs, and executions through n8n's
 * public REST API (`/api/v1/executions`).
 *
 * The public API needs an API key. n8n 2.41.1 has no CLI command that makes one, so
 * `signInAsOwner()` does what a user does in the UI: `POST /rest/owner/setup` on a fresh instance
 * (or `POST /rest/login` once the owner exists) gives a session cookie, `GET /rest/api-keys/scopes`
 * lists every scope the owner may grant, and `POST /rest/api-keys` returns the raw key once.
 * The key is stored in n8n's database, so it keeps working after a restart. These are the
 * routes n8n's own editor uses; only the documented public API is used to read executions.
 */
import { REFERENCE_N8N_VERSION, traitsOf, type N8nVersionTraits } from './n8nVersions';
import type { ExecutionStatus, PublicExecution } from './runData';
import { sleep } from './processes';

/** The instance owner's account: what `signInAsOwner()` creates on a fresh instance, or logs in with. */
export interface OwnerAccount {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

const OWNER: OwnerAccount = {
	email: 'e2e-owner@example.com',
	firstName: 'End',
	lastName: 'ToEnd',
	password: 'E2e-owner-password-1',
};

export interface HttpResult {
	status: number;
	text: string;
	/** Parsed JSON, or undefined when the body is not JSON. */
	body: unknown;
	headers: Headers;
}

export interface RequestOptions {
	body?: unknown;
	headers?: Record<string, string>;
	timeoutMs?: number;
}

export class N8nApi {
	private apiKey?: string;
	private sessionCookie?: string;

	/**
	 * `baseUrl`: `http://127.0.0.1:<port>/`, the main process (editor, REST and public API).
	 * `webhookBaseUrl`: n8n's WEBHOOK_URL, where production webhooks and resume URLs are served:
	 * the same as `baseUrl` unless a separate webhook processor takes them (queue mode).
	 */
	constructor(
		readonly baseUrl: string,
		readonly owner: OwnerAccount = OWNER,
		readonly webhookBaseUrl: string = baseUrl,
		/** How this n8n version names the routes that differ between versions. */
		private readonly traits: N8nVersionTraits = traitsOf(REFERENCE_N8N_VERSION),
	) {}

	/** Any HTTP request to this n8n: a path relative to baseUrl, or an absolute URL (a resume URL). */
	async request(
		method: string,
		pathOrUrl: string,
		options: RequestOptions = {},
	): Promise<HttpResult> {
		const url = /^https?:/.test(pathOrUrl)
			? pathOrUrl
			: `${this.baseUrl}${pathOrUrl.replace(/^\/+/, '')}`;
		const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
		let body: string | undefined;
		if (options.body !== undefined) {
			body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
			headers['content-type'] ??= 'application/json';
		}
		const response = await fetch(url, {
			method,
			headers,
			body,
			signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
		});
		const text = await response.text();
		let parsed: unknown;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			parsed = undefined;
		}
		return { status: response.status, text, body: parsed, headers: response.headers };
	}

	/** Production URL of a Webhook node's `path`. */
	webhookUrl(webhookPath: string): string {
		return `${this.webhookBaseUrl}webhook/${webhookPath.replace(/^\/+/, '')}`;
	}

	/**
	 * Calls a published workflow's production webhook. Retries while n8n answers 404 "not
	 * registered": `n8n start` reports ready before it has registered the webhooks of published
	 * workflows, and publishing through the API takes a moment too.
	 */
	async callWebhook(
		webhookPath: string,
		options: RequestOptions & {
			method?: string;
			query?: Record<string, string>;
			registerTimeoutMs?: number;
		} = {},
	): Promise<HttpResult> {
		const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
		const url = `${this.webhookUrl(webhookPath)}${query}`;
		const deadline = Date.now() + (options.registerTimeoutMs ?? 60_000);
		for (;;) {
			const result = await this.request(options.method ?? 'POST', url, options);
			const notRegistered = result.status === 404 && /not registered/i.test(result.text);
			if (!notRegistered || Date.now() > deadline) return result;
			await sleep(500);
		}
	}

	/** Creates the owner (first start) or logs in, then makes the API key once. */
	async signInAsOwner(): Promise<void> {
		if (this.apiKey) return;
		const headers = { cookie: await this.ownerSessionCookie() };
		const label = 'n8n-nodes-enrow e2e';
		// A user folder kept from an earlier process (npm run dev) already has a key with this
		// label, and labels are unique per user: replace it.
		const existing = await this.request('GET', 'rest/api-keys?ownership=mine', { headers });
		type KeyList = Array<{ id: string; label: string }>;
		const data = (existing.body as { data?: KeyList | { items?: KeyList } } | undefined)?.data;
		const keys = Array.isArray(data) ? data : (data?.items ?? []);
		for (const key of keys) {
			if (key.label === label) await this.request('DELETE', `rest/api-keys/${key.id}`, { headers });
		}
		const scopes = await this.request('GET', 'rest/api-keys/scopes', { headers });
		const created = await this.request('POST', 'rest/api-keys', {
			headers,
			body: {
				label,
				scopes: (scopes.body as { data: string[] }).data,
				expiresAt: null,
			},
		});
		const rawApiKey = (created.body as { data?: { rawApiKey?: string } } | undefined)?.data
			?.rawApiKey;
		if (created.status !== 200 || !rawApiKey) {
			throw new Error(
				`Creating an API key failed (${created.status}): ${created.text.slice(0, 300)}`,
			);
		}
		this.apiKey = rawApiKey;
	}

	/** A request to n8n's internal REST API (`/rest/…`) as the editor makes it: with the owner's session. */
	async editorRequest(method: string, pathname: string, body?: unknown): Promise<HttpResult> {
		this.sessionCookie ??= await this.ownerSessionCookie();
		return await this.request(method, `rest/${pathname.replace(/^\/+/, '')}`, {
			body,
			headers: { cookie: this.sessionCookie },
		});
	}

	private async ownerSessionCookie(): Promise<string> {
		let response = await this.request('POST', 'rest/owner/setup', { body: this.owner });
		if (response.status !== 200) {
			response = await this.request('POST', 'rest/login', {
				body: { emailOrLdapLoginId: this.owner.email, password: this.owner.password },
			});
		}
		const cookie = response.headers.get('set-cookie')?.match(/n8n-auth=[^;]+/)?.[0];
		if (response.status !== 200 || !cookie) {
			throw new Error(
				`Owner setup / login failed (${response.status}): ${response.text.slice(0, 300)}`,
			);
		}
		return cookie;
	}

	/** `X-N8N-API-KEY` request to `/api/v1<pathname>`; throws on an answer other than 2xx. */
	async publicApi<T = unknown>(method: string, pathname: string, body?: unknown): Promise<T> {
		if (!this.apiKey) throw new Error('No API key yet: start n8n first');
		const result = await this.request(method, `api/v1${pathname}`, {
			body,
			headers: { 'x-n8n-api-key': this.apiKey },
		});
		if (result.status < 200 || result.status > 299) {
			throw new Error(
				`${method} /api/v1${pathname} answered ${result.status}: ${result.text.slice(0, 500)}`,
			);
		}
		return result.body as T;
	}

	/** Publishes (activates) a workflow in the running n8n, which registers its webhooks. */
	async publishWorkflow(workflowId: string): Promise<void> {
		if (this.traits.importRecordsNoVersion) await this.recordVersion(workflowId);
		await this.publicApi('POST', this.traits.publishRoute(workflowId), {});
	}

	/**
	 * Saves a workflow through the API so that n8n records a version of it (n8n 2.0.3 records
	 * none on import, and publishes only a recorded version). n8n records one only when the
	 * nodes change, so the first node moves down by one pixel.
	 */
	private async recordVersion(workflowId: string): Promise<void> {
		type Saved = { name: string; nodes: Array<{ position: [number, number] }> } & Record<
			string,
			unknown
		>;
		const { name, nodes, connections, settings } = await this.publicApi<Saved>(
			'GET',
			`/workflows/${workflowId}`,
		);
		const [first, ...rest] = nodes;
		const moved = { ...first, position: [first.position[0], first.position[1] + 1] };
		await this.publicApi('PUT', `/workflows/${workflowId}`, {
			name,
			nodes: [moved, ...rest],
			connections,
			settings,
		});
	}

	/**
	 * Runs a workflow as the editor's "Execute workflow" button does (`POST /rest/workflows/:id/run`
	 * in n8n 2.41.1, a full run from the named trigger) and returns the new execution's id. In
	 * queue mode with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true, main queues it for a worker.
	 */
	async runManually(workflowId: string, triggerName: string): Promise<string> {
		const result = await this.editorRequest('POST', `workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: triggerName },
		});
		const executionId = (result.body as { data?: { executionId?: string } } | undefined)?.data
			?.executionId;
		if (result.status !== 200 || !executionId) {
			throw new Error(
				`Running workflow ${workflowId} manually failed (${result.status}): ${result.text.slice(0, 300)}`,
			);
		}
		return executionId;
	}

	/** Newest first. The API leaves out running executions (unless asked for status 'running'). */
	async listExecutions(
		query: {
			workflowId?: string;
			status?: ExecutionStatus;
			includeData?: boolean;
			limit?: number;
		} = {},
	): Promise<PublicExecution[]> {
		const params = new URLSearchParams({ limit: String(query.limit ?? 100) });
		if (query.workflowId) params.set('workflowId', query.workflowId);
		if (query.status) params.set('status', query.status);
		if (query.includeData) params.set('includeData', 'true');
		const page = await this.publicApi<{ data: PublicExecution[] }>(
			'GET',
			`/executions?${params.toString()}`,
		);
		return page.data;
	}

	/** One execution, with its run data (node outputs under `data.resultData.runData`) by default. */
	async getExecution(executionId: string | number, includeData = true): Promise<PublicExecution> {
		const params = includeData ? `?${this.traits.executionDataQuery}` : '';
		return await this.publicApi<PublicExecution>('GET', `/executions/${executionId}${params}`);
	}

	/**
	 * Polls until an execution of `workflowId` has one of `status` (e.g. 'waiting' once a node
	 * paused, 'success' after a resume), skipping the ids in `exclude` (executions seen before),
	 * and returns it with its data. A run is found once it waits or ends.
	 */
	async waitForExecution(match: {
		workflowId: string;
		status: ExecutionStatus | ExecutionStatus[];
		exclude?: Array<string | number>;
		timeoutMs?: number;
	}): Promise<PublicExecution> {
		const wanted = Array.isArray(match.status) ? match.status : [match.status];
		const excluded = new Set((match.exclude ?? []).map(String));
		const deadline = Date.now() + (match.timeoutMs ?? 120_000);
		for (;;) {
			const seen = (await this.listExecutions({ workflowId: match.workflowId })).filter(
				(execution) => !excluded.has(String(execution.id)),
			);
			const found = seen.find((execution) => wanted.includes(execution.status));
			if (found) return await this.getExecution(found.id);
			if (Date.now() > deadline) {
				const states = seen.map((execution) => `${execution.id}:${execution.status}`).join(', ');
				throw new Error(
					`No execution of workflow ${match.workflowId} reached ${wanted.join('/')} (seen: ${states || 'none'})`,
				);
			}
			await sleep(300);
		}
	}

	/**
	 * Polls one execution until it has one of `status` and returns it with its data. For an
	 * execution the list does not show: on n8n 1.123.81 no list showed a waiting execution that
	 * a webhook started (the lists leave out the executions n8n holds as active); its id is in
	 * the resume URL.
	 */
	async waitForExecutionStatus(
		executionId: string | number,
		status: ExecutionStatus | ExecutionStatus[],
		timeoutMs = 120_000,
	): Promise<PublicExecution> {
		const wanted = Array.isArray(status) ? status : [status];
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.getExecution(executionId, false).catch(() => undefined);
			if (execution && wanted.includes(execution.status))
				return await this.getExecution(executionId);
			if (Date.now() > deadline) {
				throw new Error(
					`Execution ${executionId} did not reach ${wanted.join('/')} (last: ${execution?.status ?? 'not readable'})`,
				);
			}
			await sleep(300);
		}
	}
}
