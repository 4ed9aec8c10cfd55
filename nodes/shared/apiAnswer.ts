/**
 * An API's answer to one request, as data: the status, headers and parsed body, or the network
 * failure that left no answer. The request itself is sent by the client's loop (apiClient.ts);
 * these helpers build its options and read what came back.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

export interface ApiResponse {
	statusCode: number;
	headers: Record<string, string | string[] | number | undefined>;
	body: unknown;
	/** A 2xx answer whose body could not be parsed (cut off, HTML...): retried like a 5xx. */
	unreadable?: boolean;
}

/** A request that got no HTTP answer. */
export interface NetworkFailure {
	code: string;
	/**
	 * False only when the connection was never made (refused, DNS), so the server cannot
	 * have acted on the request. A reset or a timeout may come after the server did its work.
	 */
	reachedServer: boolean;
}

const NEVER_CONNECTED = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

export function networkFailure(code: string | undefined): NetworkFailure {
	const known = code || 'NETWORK_ERROR';
	return { code: known, reachedServer: !NEVER_CONNECTED.has(known) };
}

export function isNetworkFailure(outcome: ApiResponse | NetworkFailure): outcome is NetworkFailure {
	return (
		(outcome as NetworkFailure).code !== undefined &&
		(outcome as ApiResponse).statusCode === undefined
	);
}

/**
 * The options of a request through n8n's `httpRequestWithAuthentication`: every answer comes
 * back as data, with its status and headers, never thrown.
 */
export function answerAsData(options: IHttpRequestOptions): IHttpRequestOptions {
	return {
		...options,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A followed redirect turns a POST into a GET (301, 302) and sends the key header to
		// wherever it points: the 3xx comes back as an answer, for the caller to refuse.
		disableFollowRedirect: true,
	};
}

function parseBody(raw: unknown): { body: unknown; readable: boolean } {
	if (typeof raw !== 'string') return { body: raw, readable: raw !== undefined };
	try {
		return { body: JSON.parse(raw), readable: true };
	} catch {
		return { body: raw, readable: false };
	}
}

/**
 * What n8n's helper returned for a request sent with `answerAsData`. `isAnswer` tells whether a
 * 2xx body is an answer the caller can use (`parsed`: it was JSON); one it cannot (cut off, a
 * proxy's HTML page) is marked unreadable, so the retry loop treats it like a server error.
 */
export function readAnswer(
	raw: unknown,
	isAnswer: (statusCode: number, body: unknown, parsed: boolean) => boolean,
): ApiResponse {
	const response = raw as { statusCode: number; headers?: ApiResponse['headers']; body: unknown };
	const { body, readable } = parseBody(response.body);
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	return {
		statusCode: response.statusCode,
		headers: response.headers ?? {},
		body,
		unreadable: ok && !isAnswer(response.statusCode, body, readable),
	};
}

/**
 * The network failure behind an error n8n's helper threw. With ignoreHttpStatusErrors only
 * transport failures are thrown; n8n wraps them in a NodeApiError whose cause is the network
 * error (and whose request holds the API key): only the code is kept.
 */
export function failureOf(error: unknown): NetworkFailure {
	const cause = (error as { cause?: { code?: string } }).cause;
	return networkFailure(cause?.code ?? (error as { code?: string }).code);
}
