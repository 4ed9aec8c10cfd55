/**
 * Throwaway Redis and PostgreSQL for n8n's queue mode (EXECUTIONS_MODE=queue) in the end-to-end
 * tests: the way users scale n8n out (main + workers + webhook processors) needs Redis for the
 * job queue and, for anything but a toy, PostgreSQL (n8n 2.41.1 warns that scaling mode is not
 * supported with SQLite).
 *
 *   const services = await startQueueServices();   // installs (apt-get) first when missing
 *   N8nInstance.create({ tarballs, queue: { services } });
 *   ...
 *   await services.stop();                          // stops both, removes their folder
 *
 * Install: Debian's `redis-server` and `postgresql` packages, with apt-get, only when missing
 * (`apt-get update` once first), so a fresh CI machine (`bash .ci/run` as root) works. Not root
 * and missing: an error that says what to install.
 *
 * Start: both in one new temp folder, on free 127.0.0.1 ports, as children of the test process
 * (processes.ts: own process group, watchdog, exit hook), so they end with the test run however
 * it ends. Redis with no persistence (`--save ''`, no AOF). PostgreSQL: `initdb` into the temp
 * folder (as the `postgres` OS user when run as root: PostgreSQL refuses to run as root), with a
 * password for TCP logins, no Unix socket, fsync off (nothing here must survive a crash), then
 * `postgres` in the foreground and `createdb n8n`. The cluster's superuser owns the database.
 *
 *   npx ts-node --transpile-only scripts/e2e/queueServices.ts install   # install only
 *   npx ts-node --transpile-only scripts/e2e/queueServices.ts start     # run until Ctrl-C, print env
 */
import { execFileSync, spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

import { freePort, runTracked, sleep, spawnTracked, tail, type TrackedProcess } from './processes';

export interface RedisEndpoint {
	host: string;
	port: number;
}

export interface PostgresEndpoint {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
}

/** What an n8n process needs to reach the services (see N8nInstance's `queue` option). */
export interface QueueServiceEndpoints {
	redis: RedisEndpoint;
	postgres: PostgresEndpoint;
}

export interface QueueServices extends QueueServiceEndpoints {
	/** Temp folder holding Redis's dir, the PostgreSQL cluster and both logs. */
	dir: string;
	/** Milliseconds: install check (+ apt-get when it ran), Redis start, initdb + start + createdb. */
	timings: { install: number; redis: number; postgres: number };
	/** Stops both (PostgreSQL with a fast shutdown) and removes `dir` (kept when N8N_E2E_KEEP=1). */
	stop(): Promise<void>;
}

export interface QueueServiceBinaries {
	redisServer: string;
	/** The directory holding initdb, postgres, createdb, pg_isready. */
	postgresBinDir: string;
}

type Log = (line: string) => void;
const defaultLog: Log = (line) => process.stderr.write(`[queue services] ${line}\n`);

const LOOPBACK = '127.0.0.1';
const POSTGRES_TOOLS = ['initdb', 'postgres', 'createdb', 'pg_isready'];

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function findOnPath(command: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		if (!dir) continue;
		const candidate = path.join(dir, command);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {
			// Not here.
		}
	}
	return undefined;
}

function findRedisServer(): string | undefined {
	const debian = '/usr/bin/redis-server';
	return fs.existsSync(debian) ? debian : findOnPath('redis-server');
}

/** Debian keeps PostgreSQL's server tools in /usr/lib/postgresql/<major>/bin, off PATH: newest major wins. */
function findPostgresBinDir(): string | undefined {
	const hasTools = (dir: string) =>
		POSTGRES_TOOLS.every((tool) => fs.existsSync(path.join(dir, tool)));
	const root = '/usr/lib/postgresql';
	if (fs.existsSync(root)) {
		const majors = fs
			.readdirSync(root)
			.filter((entry) => /^\d+$/.test(entry))
			.sort((a, b) => Number(b) - Number(a));
		for (const major of majors) {
			const dir = path.join(root, major, 'bin');
			if (hasTools(dir)) return dir;
		}
	}
	const initdb = findOnPath('initdb');
	if (initdb) {
		const dir = path.dirname(fs.realpathSync(initdb));
		if (hasTools(dir)) return dir;
	}
	return undefined;
}

function describeBinaries(): Partial<QueueServiceBinaries> {
	return { redisServer: findRedisServer(), postgresBinDir: findPostgresBinDir() };
}

function runAptGet(args: string[], log: Log): void {
	log(`running: apt-get ${args.join(' ')}`);
	const result = spawnSync('apt-get', args, {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (result.status !== 0) {
		throw new Error(
			`apt-get ${args.join(' ')} failed (exit ${result.status ?? result.signal}${result.error ? `: ${result.error.message}` : ''})`,
		);
	}
}

/**
 * Returns the Redis and PostgreSQL binaries, installing Debian's `redis-server` and `postgresql`
 * with apt-get first when one is missing (root only). Idempotent: a second call finds them.
 * Synchronous on purpose, like ensureN8nInstalled().
 */
export function ensureQueueServicesInstalled(log: Log = defaultLog): QueueServiceBinaries {
	let found = describeBinaries();
	const missing = [
		...(found.redisServer ? [] : ['redis-server']),
		...(found.postgresBinDir ? [] : ['postgresql']),
	];
	if (missing.length === 0) {
		log(
			`found redis-server (${found.redisServer}) and PostgreSQL (${found.postgresBinDir}); nothing to install`,
		);
		return found as QueueServiceBinaries;
	}
	const how = `apt-get install ${missing.join(' ')}`;
	if (!isRoot() || !findOnPath('apt-get')) {
		throw new Error(
			`Queue-mode tests need ${missing.join(' and ')}, which are missing. Install them (as root: ${how}) and run again.`,
		);
	}
	log(`missing: ${missing.join(', ')}; installing with apt-get (first run only)`);
	const started = Date.now();
	runAptGet(['update', '-q'], log);
	runAptGet(['install', '-y', '-q', '--no-install-recommends', ...missing], log);
	found = describeBinaries();
	if (!found.redisServer || !found.postgresBinDir) {
		throw new Error(
			`${how} ran, but redis-server or PostgreSQL's initdb/postgres is still missing`,
		);
	}
	log(`installed ${missing.join(', ')} in ${Math.round((Date.now() - started) / 1000)} s`);
	return found as QueueServiceBinaries;
}

/** uid/gid of the `postgres` OS user, for running PostgreSQL when we are root. */
function postgresOsUser(): { uid: number; gid: number } {
	try {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		if (Number.isInteger(uid) && uid > 0 && Number.isInteger(gid)) return { uid, gid };
	} catch {
		// Handled below.
	}
	throw new Error(
		"Running as root, PostgreSQL must run as another OS user, and there is no `postgres` user (Debian's postgresql package creates it).",
	);
}

/** Resolves once Redis answers PING with PONG. */
async function redisAnswersPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect({ host: LOOPBACK, port });
		let reply = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			reply += chunk.toString();
			if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
		});
	});
}

async function waitFor(
	what: string,
	server: TrackedProcess,
	check: () => Promise<boolean>,
	timeoutMs: number,
): Promise<void> {
	let exited = false;
	void server.exited.then(() => (exited = true));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (exited) throw new Error(`${what} exited before it was ready:\n${tail(server.output())}`);
		if (Date.now() > deadline) {
			throw new Error(`${what} was not ready after ${timeoutMs} ms:\n${tail(server.output())}`);
		}
		await sleep(100);
	}
}

async function startRedis(
	redisServer: string,
	dir: string,
): Promise<{ server: TrackedProcess; port: number }> {
	const redisDir = path.join(dir, 'redis');
	fs.mkdirSync(redisDir);
	const port = await freePort();
	const args = [
		'--port',
		String(port),
		'--bind',
		LOOPBACK,
		'--protected-mode',
		'yes',
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		redisDir,
		'--daemonize',
		'no',
		'--logfile',
		'',
		'--databases',
		'1',
	];
	const server = spawnTracked(redisServer, args, {
		cwd: redisDir,
		logFile: path.join(dir, 'redis.log'),
	});
	await waitFor('redis-server', server, async () => await redisAnswersPing(port), 30_000);
	return { server, port };
}

async function startPostgres(
	binDir: string,
	dir: string,
): Promise<{ server: TrackedProcess; endpoint: PostgresEndpoint }> {
	const pgDir = path.join(dir, 'postgres');
	const dataDir = path.join(pgDir, 'data');
	const logFile = path.join(dir, 'postgres.log');
	fs.mkdirSync(pgDir);
	const endpoint: PostgresEndpoint = {
		host: LOOPBACK,
		port: await freePort(),
		database: 'n8n',
		user: 'n8n',
		password: randomBytes(12).toString('hex'),
	};
	const passwordFile = path.join(pgDir, 'password');
	fs.writeFileSync(passwordFile, `${endpoint.password}\n`, { mode: 0o600 });

	// PostgreSQL refuses to run as root: as root, hand its folder to the `postgres` OS user.
	const osUser = isRoot() ? postgresOsUser() : undefined;
	if (osUser) {
		fs.chmodSync(dir, 0o711); // let it reach its folder inside ours
		fs.chownSync(pgDir, osUser.uid, osUser.gid);
		fs.chownSync(passwordFile, osUser.uid, osUser.gid);
	}
	const { PGDATA, ...inherited } = process.env;
	void PGDATA;
	const asServerUser = { cwd: pgDir, ...(osUser ?? {}), env: { ...inherited, LC_ALL: 'C' } };

	const initdb = await runTracked(
		path.join(binDir, 'initdb'),
		[
			`--pgdata=${dataDir}`,
			`--username=${endpoint.user}`,
			`--pwfile=${passwordFile}`,
			'--auth-local=trust',
			'--auth-host=scram-sha-256',
			'--encoding=UTF8',
			'--locale=C',
			'--no-sync',
		],
		{ ...asServerUser, logFile, timeoutMs: 120_000 },
	);
	if (initdb.code !== 0)
		throw new Error(`initdb exited with ${initdb.code}:\n${tail(initdb.output)}`);

	// In the foreground (not pg_ctl's daemon), so it lives in a tracked process group with a
	// watchdog. SIGINT to the postmaster alone is PostgreSQL's fast shutdown.
	const server = spawnTracked(
		path.join(binDir, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(endpoint.port),
			'-c',
			`listen_addresses=${LOOPBACK}`,
			'-c',
			'unix_socket_directories=',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=100',
		],
		{ ...asServerUser, logFile, stopSignal: 'SIGINT', stopLeaderOnly: true },
	);
	const clientEnv = { ...process.env, PGPASSWORD: endpoint.password, PGCONNECT_TIMEOUT: '2' };
	const tcp = ['-h', endpoint.host, '-p', String(endpoint.port)];
	await waitFor(
		'postgres',
		server,
		async () =>
			spawnSync(path.join(binDir, 'pg_isready'), [...tcp, '-t', '1'], { stdio: 'ignore' })
				.status === 0,
		60_000,
	);
	const createdb = spawnSync(
		path.join(binDir, 'createdb'),
		[...tcp, '-U', endpoint.user, endpoint.database],
		{ env: clientEnv, encoding: 'utf8' },
	);
	if (createdb.status !== 0) {
		await server.stop(5_000);
		throw new Error(
			`createdb ${endpoint.database} failed: ${createdb.stderr || createdb.error?.message}`,
		);
	}
	return { server, endpoint };
}

const liveServices = new Set<QueueServices>();

/** Installs when missing, then starts a new Redis and a new PostgreSQL cluster with a database for n8n. */
export async function startQueueServices(
	options: { log?: Log; name?: string } = {},
): Promise<QueueServices> {
	const log = options.log ?? defaultLog;
	let mark = Date.now();
	const binaries = ensureQueueServicesInstalled(log);
	const install = Date.now() - mark;

	const dir = fs.mkdtempSync(
		path.join(os.tmpdir(), `n8n-e2e-${options.name ?? 'queue'}-services-`),
	);
	const running: TrackedProcess[] = [];
	const stopAll = async () => {
		await Promise.all(running.map(async (server) => await server.stop(15_000)));
	};
	try {
		mark = Date.now();
		const redis = await startRedis(binaries.redisServer, dir);
		running.push(redis.server);
		const redisMs = Date.now() - mark;
		log(`redis-server on ${LOOPBACK}:${redis.port} (no persistence), ready in ${redisMs} ms`);

		mark = Date.now();
		const postgres = await startPostgres(binaries.postgresBinDir, dir);
		running.push(postgres.server);
		const postgresMs = Date.now() - mark;
		log(
			`PostgreSQL (${binaries.postgresBinDir}) on ${LOOPBACK}:${postgres.endpoint.port}, database "${postgres.endpoint.database}", ready in ${postgresMs} ms (initdb + start + createdb)`,
		);
		log(`their folder and logs: ${dir}`);

		let stopped: Promise<void> | undefined;
		const services: QueueServices = {
			dir,
			redis: { host: LOOPBACK, port: redis.port },
			postgres: postgres.endpoint,
			timings: { install, redis: redisMs, postgres: postgresMs },
			stop: async () => {
				stopped ??= (async () => {
					liveServices.delete(services);
					await stopAll();
					if (process.env.N8N_E2E_KEEP === '1') {
						log(`kept ${dir}`);
					} else {
						fs.rmSync(dir, { recursive: true, force: true });
						log(`stopped Redis and PostgreSQL, removed ${dir}`);
					}
				})();
				await stopped;
			},
		};
		liveServices.add(services);
		return services;
	} catch (error) {
		await stopAll();
		if (process.env.N8N_E2E_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}

/** Stops every Redis and PostgreSQL started here and removes their folders (jest afterAll). */
export async function stopAllQueueServices(): Promise<void> {
	await Promise.all([...liveServices].map(async (services) => await services.stop()));
}

/** The environment variables that point an n8n process at the services (all processes alike). */
export function queueModeEnv(endpoints: QueueServiceEndpoints): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: endpoints.redis.host,
		QUEUE_BULL_REDIS_PORT: String(endpoints.redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: endpoints.postgres.host,
		DB_POSTGRESDB_PORT: String(endpoints.postgres.port),
		DB_POSTGRESDB_DATABASE: endpoints.postgres.database,
		DB_POSTGRESDB_USER: endpoints.postgres.user,
		DB_POSTGRESDB_PASSWORD: endpoints.postgres.password,
	};
}

if (require.main === module) {
	const command = process.argv[2] ?? 'install';
	const main = async () => {
		if (command === 'install') {
			ensureQueueServicesInstalled();
			return;
		}
		if (command !== 'start') throw new Error(`Unknown command "${command}" (install | start)`);
		const services = await startQueueServices();
		const env = queueModeEnv(services);
		console.log(
			Object.entries(env)
				.map(([key, value]) => `${key}=${value}`)
				.join('\n'),
		);
		console.log('Running; Ctrl-C stops both and removes their folder.');
		const stop = () => void services.stop().then(() => process.exit(0));
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
		await new Promise(() => undefined);
	};
	main().catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
}
