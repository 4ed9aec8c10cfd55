/**
 * Minimal dependency-injection setup for running nodes with n8n-core 2.41 outside n8n.
 *
 * n8n-core resolves a few services through `@n8n/di`'s `Container` while a node runs:
 * - `InstanceSettings` (every node execution context reads it in its constructor; the real one reads
 *   and WRITES `~/.n8n/config` and generates an encryption key, so we register a stub),
 * - `Logger` from `@n8n/backend-common` (`this.logger` in a node; the real one needs GlobalConfig),
 * - `ErrorReporter` (called by WorkflowExecute when a node throws; the real one talks to Sentry).
 * Everything else it needs (`ExecutionContextService`, `OutboundHttp`, `Cipher`...) is built by the
 * container on demand from these.
 *
 * Catch: n8n-core ships its OWN nested copies of `@n8n/di`, `@n8n/backend-common` and
 * `@n8n/backend-network` (node_modules/n8n-core/node_modules/@n8n/...) that differ in version from
 * the top-level ones. `@n8n/di` keeps its registry in a module-level Map, so registering a service
 * on the top-level `@n8n/di` does nothing for n8n-core. We therefore resolve those packages from
 * n8n-core's own location.
 */
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorReporter, InstanceSettings } from 'n8n-core';

/** What we need of `@n8n/di`'s Container (typed locally: the nested copy has no types of its own here). */
interface DiContainer {
	get<T>(type: abstract new (...args: never[]) => T): T;
	set<T>(type: abstract new (...args: never[]) => T, instance: T): void;
	has(type: abstract new (...args: never[]) => unknown): boolean;
}

type LogFn = (message: string, metadata?: Record<string, unknown>) => void;

export interface HarnessLogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	metadata?: Record<string, unknown>;
}

export interface HarnessErrorReport {
	error: unknown;
	options?: unknown;
}

/** Everything logged through `this.logger` / reported to the ErrorReporter, for assertions and debugging. */
export const harnessLog: HarnessLogEntry[] = [];
export const harnessErrorReports: HarnessErrorReport[] = [];

const coreRequire = createRequire(require.resolve('n8n-core'));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Container } = coreRequire('@n8n/di') as { Container: DiContainer };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Logger } = coreRequire('@n8n/backend-common') as {
	Logger: abstract new (...args: never[]) => unknown;
};

export { Container };

function makeLogger(): unknown {
	const at =
		(level: HarnessLogEntry['level']): LogFn =>
		(message, metadata) => {
			harnessLog.push({ level, message, metadata });
			if (process.env.N8N_HARNESS_LOG) console.log(`[n8n ${level}] ${message}`, metadata ?? '');
		};
	const logger = {
		error: at('error'),
		warn: at('warn'),
		info: at('info'),
		debug: at('debug'),
		scoped: () => logger,
	};
	return logger;
}

let ready = false;

/** Registers the test doubles in n8n-core's container. Idempotent. */
export function ensureN8nCoreContainer(): void {
	if (ready) return;
	// Only file-system helpers read it (none of our nodes use them); one shared, empty folder.
	const n8nFolder = join(tmpdir(), 'n8n-harness-user-folder');
	mkdirSync(n8nFolder, { recursive: true });
	const instanceSettings = {
		n8nFolder,
		staticCacheDir: join(n8nFolder, 'cache'),
		customExtensionDir: join(n8nFolder, 'custom'),
		nodesDownloadDir: join(n8nFolder, 'nodes'),
		nodeDefinitionsDir: join(n8nFolder, 'node-definitions'),
		instanceId: 'harness-instance-id',
		derivedInstanceId: 'harness-instance-id',
		hmacSignatureSecret: 'harness-hmac-signature-secret',
		encryptionKey: 'harness-encryption-key-not-secret',
		instanceType: 'main',
		instanceRole: 'leader',
		hostId: 'main-harness',
		isMultiMain: false,
		isSingleMain: true,
		isWorker: false,
		isLeader: true,
		isFollower: false,
		isDocker: false,
		fsStorageMigrated: true,
		tunnelSubdomain: undefined,
		markAsLeader() {},
		markAsFollower() {},
	};
	Container.set(InstanceSettings, instanceSettings as unknown as InstanceSettings);
	Container.set(Logger, makeLogger() as never);
	const errorReporter = {
		error: (error: unknown, options?: unknown) => harnessErrorReports.push({ error, options }),
		warn: (error: unknown, options?: unknown) => harnessErrorReports.push({ error, options }),
		info: () => {},
	};
	Container.set(ErrorReporter, errorReporter as unknown as ErrorReporter);
	ready = true;
}
