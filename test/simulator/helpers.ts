import * as http from 'http';
import { startSimulator, type Simulator, type SimulatorConfigPatch } from '../../simulator';
import { buildConfig } from '../../simulator/config';

export const ENROW_KEY = 'sim-enrow-key';
export const VEC_KEY = 'sim-vec-key';

/** Short jobs and no VEC latency, so the suite stays fast. */
export const FAST: SimulatorConfigPatch = {
	enrow: { jobDurationMs: { single: 150, bulkBase: 200, bulkPerRow: 0 } },
	vec: { latencyMs: { min: 0, max: 0 } },
};

export async function startFastSimulator(extra: SimulatorConfigPatch = {}): Promise<Simulator> {
	const sim = await startSimulator({ config: FAST });
	sim.configure(extra);
	return sim;
}

/** Between tests: the whole config back to FAST defaults, then jobs, stats, faults and credits reset. */
export function resetSimulator(sim: Simulator): void {
	sim.configure(buildConfig(FAST));
	sim.reset();
}

/**
 * One FAST simulator for the whole file, reset before each test and closed after the last.
 * The returned object forwards to that simulator once `beforeAll` has started it.
 */
export function useFastSimulator(): Simulator {
	let sim: Simulator | undefined;
	beforeAll(async () => {
		sim = await startFastSimulator();
	});
	afterAll(() => sim?.close());
	beforeEach(() => resetSimulator(started()));
	const started = (): Simulator => {
		if (!sim)
			throw new Error('useFastSimulator: the simulator is used before beforeAll started it');
		return sim;
	};
	return new Proxy({} as Simulator, {
		get: (_target, property) => {
			const value = Reflect.get(started(), property);
			return typeof value === 'function' ? value.bind(started()) : value;
		},
	});
}

export interface ApiAnswer<T = any> {
	status: number;
	body: T;
	headers: Headers;
	text: string;
}

async function answer<T>(response: Response): Promise<ApiAnswer<T>> {
	const text = await response.text();
	let body: any;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: response.status, body: body as T, headers: response.headers, text };
}

/** An Enrow call; `key: null` sends no x-api-key header; a string body is sent as is. */
export async function enrow<T = any>(
	sim: Simulator,
	method: 'GET' | 'POST',
	path: string,
	body?: unknown,
	key: string | null = ENROW_KEY,
): Promise<ApiAnswer<T>> {
	const headers: Record<string, string> = { 'Content-Type': 'application/json' };
	if (key !== null) headers['x-api-key'] = key;
	const response = await fetch(`${sim.url}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	return answer<T>(response);
}

export const getJob = <T = any>(sim: Simulator, path: string, id: string, key?: string) =>
	enrow<T>(sim, 'GET', `${path}?id=${encodeURIComponent(id)}`, undefined, key);

/** Reads a single job until Enrow answers it 200 (no longer ongoing), and returns that answer. */
export const waitForSingleDone = (sim: Simulator, path: string, id: string) =>
	waitFor(async () => {
		const reply = await getJob(sim, path, id);
		return reply.status === 200 && reply;
	});

/**
 * Reads a bulk job until Enrow answers it `completed`, checks that answer is a 200 whose `general`
 * is exactly the id, the status and `custom`, and returns it.
 */
export async function waitForBulkDone(sim: Simulator, path: string, id: string, custom: unknown) {
	const done = await waitFor(async () => {
		const reply = await getJob(sim, path, id);
		return reply.body.general.status === 'completed' && reply;
	});
	expect(done.status).toBe(200);
	expect(done.body.general).toEqual({ id, status: 'completed', custom });
	return done;
}

/** A ValidEmailChecker call; `auth: null` sends no Authorization header. */
export async function vec<T = any>(
	sim: Simulator,
	body: unknown,
	auth: string | null = `Bearer ${VEC_KEY}`,
): Promise<ApiAnswer<T>> {
	const headers: Record<string, string> = { 'Content-Type': 'application/json' };
	if (auth !== null) headers.Authorization = auth;
	const response = await fetch(`${sim.url}/api/verify-single`, {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return answer<T>(response);
}

/** ValidEmailChecker calls for each address in turn, with the default key; the last answer. */
export async function vecInTurn(sim: Simulator, ...emails: string[]): Promise<ApiAnswer> {
	let last: ApiAnswer | undefined;
	for (const email of emails) last = await vec(sim, { email });
	if (!last) throw new Error('vecInTurn: no address given');
	return last;
}

export const control = async <T = any>(
	sim: Simulator,
	method: 'GET' | 'POST',
	path: string,
	body?: unknown,
) =>
	answer<T>(
		await fetch(`${sim.url}/__sim/${path}`, {
			method,
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		}),
	);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Falsy = false | 0 | '' | null | undefined;

/** Polls `check` until it returns a truthy value (or fails after `timeoutMs`). */
export async function waitFor<T>(
	check: () => T | Promise<T>,
	timeoutMs = 3000,
): Promise<Exclude<T, Falsy>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value as Exclude<T, Falsy>;
		if (Date.now() > deadline) throw new Error('waitFor: timed out');
		await sleep(20);
	}
}

export interface Received {
	url: string;
	body: any;
	headers: http.IncomingHttpHeaders;
}

/** A local webhook receiver answering `status` (200 by default). */
export async function startReceiver(status = 200) {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			received.push({ url: req.url ?? '', body: JSON.parse(raw), headers: req.headers });
			res.writeHead(status).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		waitFor: (count: number) => waitFor(() => received.length >= count && received),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
