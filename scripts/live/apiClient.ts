/**
 * Plain HTTP for the live check (a maintainer's tool, not shipped): one request, its status and
 * body, nothing retried. Enrow takes its key in `x-api-key`, ValidEmailChecker as a Bearer token.
 */

export type Api = 'enrow' | 'vec';

export interface ApiRequest {
	api: Api;
	method: 'GET' | 'POST';
	path: string;
	query?: Record<string, string>;
	/** Sent as JSON. */
	body?: unknown;
	/** Sent as is, in place of `body` (to send a body that is not JSON). */
	rawBody?: string;
}

export interface ApiTarget {
	baseUrl: string;
	apiKey: string;
}

export interface ApiAnswer {
	status: number;
	/** The parsed JSON; the text when it is not JSON; undefined when empty. */
	body: unknown;
}

export interface NoAnswer {
	networkError: string;
}

export const REQUEST_TIMEOUT_MS = 120_000;

export function requestUrl(baseUrl: string, request: ApiRequest): string {
	const query = new URLSearchParams(request.query ?? {}).toString();
	return `${baseUrl.replace(/\/+$/, '')}${request.path}${query ? `?${query}` : ''}`;
}

function headersFor(request: ApiRequest, apiKey: string): Record<string, string> {
	const headers: Record<string, string> =
		request.api === 'enrow' ? { 'x-api-key': apiKey } : { Authorization: `Bearer ${apiKey}` };
	if (request.method === 'POST') headers['Content-Type'] = 'application/json';
	return headers;
}

export function parseBody(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

export async function sendRequest(
	target: ApiTarget,
	request: ApiRequest,
): Promise<ApiAnswer | NoAnswer> {
	try {
		const response = await fetch(requestUrl(target.baseUrl, request), {
			method: request.method,
			headers: headersFor(request, target.apiKey),
			body:
				request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
		});
		return { status: response.status, body: parseBody(await response.text()) };
	} catch (error) {
		const cause = (error as { cause?: { code?: string } }).cause?.code;
		return { networkError: cause ?? (error as Error).message };
	}
}
