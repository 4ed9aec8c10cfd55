/**
 * The HTTP side: body parsing, request recording, faults, then the routes the APIs registered.
 * Control requests (/__sim/...) skip recording, faults and rate limits.
 */
import * as http from 'http';
import type { Socket } from 'net';
import { handleControl } from './control';
import { faultReply } from './faults';
import {
	headerValue,
	json,
	normaliseAddress,
	parseJsonBody,
	queryObject,
	readBody,
	writeReply,
	type Reply,
	type RequestContext,
} from './http';
import type { SimulatorCore } from './simulatorCore';
import type { RequestRecord } from './types';

export type Logger = (line: string) => void;

/** Faults that answer in place of the API without processing the request. */
const ANSWERING_FAULTS = new Set(['status', 'rateLimit', 'malformedJson', 'html']);

async function parseRequest(req: http.IncomingMessage): Promise<RequestContext> {
	const url = new URL(req.url ?? '/', 'http://simulator.local');
	const rawBody = await readBody(req);
	const { body, invalidJson } = parseJsonBody(rawBody);
	return {
		method: (req.method ?? 'GET').toUpperCase(),
		path: url.pathname,
		query: queryObject(url),
		headers: req.headers,
		rawBody,
		body,
		invalidJson,
		remoteAddress: normaliseAddress(req.socket.remoteAddress),
	};
}

function recordRequest(core: SimulatorCore, ctx: RequestContext): RequestRecord {
	const { counters } = core;
	const now = Date.now();
	const record: RequestRecord = {
		method: ctx.method,
		path: ctx.path,
		query: ctx.query,
		body: ctx.invalidJson ? ctx.rawBody : ctx.body,
		status: 0,
		apiKeyPresent: Boolean(
			headerValue(ctx.headers, 'x-api-key') ?? headerValue(ctx.headers, 'authorization'),
		),
		at: now,
	};
	counters.requests.push(record);
	const route = `${ctx.method} ${ctx.path}`;
	counters.requestsByRoute[route] = (counters.requestsByRoute[route] ?? 0) + 1;
	if (ctx.method === 'POST') counters.posts += 1;
	if (ctx.method === 'GET') counters.gets += 1;
	core.partFor(ctx.path).noteRequest?.(ctx, now);
	return record;
}

function route(ctx: RequestContext, core: SimulatorCore): Reply | Promise<Reply> {
	const handler = core.handlerFor(ctx.method, ctx.path);
	return handler ? handler(ctx) : json(404, { message: 'Not found' });
}

async function handleApi(
	ctx: RequestContext,
	core: SimulatorCore,
	res: http.ServerResponse,
): Promise<number> {
	const fault = core.faults.takeRequestFault(ctx.method, ctx.path);
	const drop = () => {
		res.socket?.destroy();
		return 0;
	};
	if (fault?.type === 'dropBeforeProcessing') return drop();
	if (fault && ANSWERING_FAULTS.has(fault.type)) {
		const part = core.partFor(ctx.path);
		const reply = faultReply(fault, () => part.rateLimitedReply());
		writeReply(res, reply);
		return reply.status;
	}
	if (fault?.type === 'latency') await core.requestTimers.sleep(fault.ms ?? 0);
	const reply = await route(ctx, core);
	if (fault?.type === 'dropAfterProcessing') return drop();
	writeReply(res, reply);
	return reply.status;
}

export function createHttpServer(core: SimulatorCore, log?: Logger): http.Server {
	const server = http.createServer((req, res) => {
		void (async () => {
			let record: RequestRecord | undefined;
			try {
				const ctx = await parseRequest(req);
				if (ctx.path.startsWith('/__sim/')) {
					writeReply(res, handleControl(ctx, core));
					return;
				}
				record = recordRequest(core, ctx);
				record.status = await handleApi(ctx, core, res);
				log?.(`${ctx.method} ${ctx.path} -> ${record.status || 'dropped'}`);
			} catch (error) {
				log?.(`simulator error: ${(error as Error).message}`);
				if (record) record.status = 500;
				if (!res.headersSent && !res.destroyed) {
					writeReply(res, json(500, { message: 'Internal simulator error' }));
				}
			}
		})();
	});
	return server;
}

/** Tracks open sockets so close() can end keep-alive connections at once. */
export function trackSockets(server: http.Server): Set<Socket> {
	const sockets = new Set<Socket>();
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return sockets;
}
