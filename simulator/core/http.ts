import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'http';

/** One parsed request, as every handler sees it. */
export interface RequestContext {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	rawBody: string;
	/** Parsed JSON body; undefined when the body is empty or not JSON (see `invalidJson`). */
	body: unknown;
	invalidJson: boolean;
	/** Client address without the IPv4-mapped prefix (`::ffff:`). */
	remoteAddress: string;
}

/** What a handler answers. `text` is sent verbatim; otherwise `body` is sent as JSON. */
export interface Reply {
	status: number;
	body?: unknown;
	text?: string;
	contentType?: string;
	headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
	return { status, body, headers };
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

const MAX_BODY_BYTES = 50 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new Error('body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

export function parseJsonBody(raw: string): { body: unknown; invalidJson: boolean } {
	if (raw.trim() === '') return { body: undefined, invalidJson: false };
	try {
		return { body: JSON.parse(raw) as unknown, invalidJson: false };
	} catch {
		return { body: undefined, invalidJson: true };
	}
}

export function queryObject(url: URL): Record<string, string> {
	const query: Record<string, string> = {};
	url.searchParams.forEach((value, key) => {
		query[key] = value;
	});
	return query;
}

export function normaliseAddress(address: string | undefined): string {
	return (address ?? '').replace(/^::ffff:/, '');
}

export function writeReply(res: ServerResponse, reply: Reply): void {
	const payload = reply.text ?? JSON.stringify(reply.body ?? {});
	res.writeHead(reply.status, {
		'Content-Type': reply.contentType ?? 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(payload),
		...reply.headers,
	});
	res.end(payload);
}
