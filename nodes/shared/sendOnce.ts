import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHttpRequestOptions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { networkFailure, type ApiResponse, type NetworkFailure } from './sendWithRetries';

function parseBody(raw: unknown): { body: unknown; readable: boolean } {
	if (typeof raw !== 'string') return { body: raw, readable: raw !== undefined };
	try {
		return { body: JSON.parse(raw), readable: true };
	} catch {
		return { body: raw, readable: false };
	}
}

/**
 * One authenticated request through n8n's helper, answered as data, never thrown: the
 * status, headers and parsed body, or the network failure. `isResult` tells whether a
 * 2xx body is the answer the caller expects; a cut-off body or a proxy's HTML page is
 * marked unreadable, so the retry loop treats it like a server error.
 * `credentials`, when the caller already decrypted them, spare n8n decrypting them again
 * for this request (a database read, and in a webhook a fresh expression sandbox).
 */
export async function sendOnce(
	context: IExecuteFunctions | IWebhookFunctions,
	credentialType: string,
	options: IHttpRequestOptions,
	isResult: (body: unknown) => boolean = () => true,
	credentials?: ICredentialsDecrypted,
): Promise<ApiResponse | NetworkFailure> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			credentialType,
			{
				...options,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// A followed redirect turns a POST into a GET (301, 302) and sends the key header to
				// wherever it points: the 3xx comes back as an answer, for the caller to refuse.
				disableFollowRedirect: true,
			},
			credentials ? { credentialsDecrypted: credentials } : undefined,
		)) as { statusCode: number; headers: ApiResponse['headers']; body: unknown };
		const { body, readable } = parseBody(response.body);
		const ok = response.statusCode >= 200 && response.statusCode < 300;
		return {
			statusCode: response.statusCode,
			headers: response.headers ?? {},
			body,
			unreadable: ok && (!readable || !isResult(body)),
		};
	} catch (error) {
		// With ignoreHttpStatusErrors only transport failures land here. n8n wraps them in a
		// NodeApiError whose cause is the network error (and whose request holds the API key):
		// only the code is kept.
		const cause = (error as { cause?: { code?: string } }).cause;
		return networkFailure(cause?.code ?? (error as { code?: string }).code);
	}
}
