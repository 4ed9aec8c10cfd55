/**
 * `npm run dev`: the demo's setup, left running so you can click through every node.
 *
 * Builds and packs both packages, starts the simulator (port 8787 when free), and starts the
 * reference n8n on http://localhost:5678 (or a free port when 5678 is taken) with the owner
 * account created, both packages loaded, the simulator credentials created and every example
 * workflow imported and published. Ctrl-C stops n8n and the simulator.
 *
 * n8n's data lives in .dev/n8n (gitignored) and is kept between runs: your own workflows stay,
 * the examples and the simulator credentials are imported again (overwriting edits to them).
 *
 *   npm run dev [-- --port 5678] [--fresh]     --fresh: start from an empty n8n folder
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { freePort, sleep, stopAllTracked } from '../e2e/processes';
import {
	buildPackages,
	DEMO_MCP_TOKEN,
	DEMO_OWNER,
	DEV_DIR,
	EXAMPLES,
	isPortFree,
	prepareN8n,
	seconds,
	startDevEnvironment,
	type DevEnvironment,
} from './environment';

const USER_FOLDER = path.join(DEV_DIR, 'n8n');
const KEY_FILE = path.join(DEV_DIR, 'n8n-encryption-key');

const log = (line = '') => console.log(line);

function parseArgs(argv: string[]): { port: number; fresh: boolean } {
	const args = { port: 5678, fresh: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		if (flag === '--port') args.port = Number(inline ?? argv[++i]);
		else if (flag === '--fresh') args.fresh = true;
		else if (flag === '--help' || flag === '-h') {
			log('npm run dev [-- --port 5678] [--fresh]');
			process.exit(0);
		} else throw new Error(`Unknown argument ${argv[i]} (try --help)`);
	}
	if (!Number.isInteger(args.port) || args.port <= 0) throw new Error('--port takes a port number');
	return args;
}

/** The kept folder's encryption key (n8n refuses to start with another key than the first one). */
function encryptionKey(fresh: boolean): string {
	if (fresh) {
		fs.rmSync(USER_FOLDER, { recursive: true, force: true });
		fs.rmSync(KEY_FILE, { force: true });
	}
	if (fs.existsSync(KEY_FILE) && fs.existsSync(USER_FOLDER)) {
		return fs.readFileSync(KEY_FILE, 'utf8').trim();
	}
	fs.rmSync(USER_FOLDER, { recursive: true, force: true });
	fs.mkdirSync(DEV_DIR, { recursive: true });
	const key = randomBytes(24).toString('hex');
	fs.writeFileSync(KEY_FILE, `${key}\n`, { mode: 0o600 });
	return key;
}

async function main(): Promise<void> {
	const started = Date.now();
	const args = parseArgs(process.argv.slice(2));
	const key = encryptionKey(args.fresh);

	log('> Building and packing both packages...');
	const tarballs = buildPackages();
	log('> Reference n8n...');
	const install = await prepareN8n((line) => log(`  ${line}`));

	const port = (await isPortFree(args.port)) ? args.port : await freePort();
	if (port !== args.port) log(`  Port ${args.port} is busy: using ${port} instead.`);
	log('> Starting the simulator and n8n with both packages, the credentials and the examples...');

	let environment: DevEnvironment | undefined;
	let stopping = false;
	const stop = async (reason: string, code: number) => {
		if (stopping) return;
		stopping = true;
		log(`\n${reason}: stopping n8n and the simulator...`);
		await environment?.stop().catch(() => undefined);
		await stopAllTracked().catch(() => undefined);
		log('Stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop('Ctrl-C', 0));
	process.on('SIGTERM', () => void stop('SIGTERM', 0));

	environment = await startDevEnvironment({
		tarballs,
		install,
		userFolder: USER_FOLDER,
		port,
		simulatorPort: 8787,
		encryptionKey: key,
	});
	const { n8n, simulator } = environment;
	const editor = `http://localhost:${n8n.port}`;
	const rel = (file: string) => path.relative(process.cwd(), file) || file;

	log();
	log(`n8n is ready at ${editor}  (set up in ${seconds(Date.now() - started)})`);
	log();
	log(`  Log in        ${DEMO_OWNER.email}  /  ${DEMO_OWNER.password}`);
	log('  Workflows     (all imported and published)');
	log(`    (a) Enrich CRM leads           ${editor}/workflow/${EXAMPLES.enrichLeads.id}`);
	log(`    (b) Bulk search + Enrow Trigger ${editor}/workflow/${EXAMPLES.bulkWithTrigger.id}`);
	log(`    (c) Verify a signup email      ${editor}/workflow/${EXAMPLES.verifySignup.id}`);
	log(`        its form:                  ${editor}/form/signup`);
	log(`    (d) Enrich without paying twice ${editor}/workflow/${EXAMPLES.noPayingTwice.id}`);
	log(`    (e) Enrow tools for AI agents  ${editor}/workflow/${EXAMPLES.aiTools.id}`);
	log(`        its MCP server:            ${editor}/mcp/enrow-tools  (Bearer ${DEMO_MCP_TOKEN})`);
	log(
		`  Credentials   "Enrow account (simulator)", "ValidEmailChecker account (simulator)" -> ${simulator.url}`,
	);
	log(
		`  Simulator     keys sim-enrow-key / sim-vec-key; it calls a job's Webhook URL when the job finishes`,
	);
	log(
		`  Try           open (a) and click "Execute workflow"; run (b)'s "Start the search" and watch`,
	);
	log(`                its Enrow Trigger start a second execution; fill in (c)'s form; add (e)'s`);
	log(`                MCP server to an MCP client (README: AI agents and MCP clients)`);
	log(
		`  n8n's log     ${rel(n8n.logFile)}   data: ${rel(USER_FOLDER)} (npm run dev -- --fresh to start over)`,
	);
	log();
	log('Ctrl-C stops n8n and the simulator.');

	// Stay up while n8n answers; if it dies, say so and stop the rest.
	let failures = 0;
	for (;;) {
		await sleep(5000);
		if (stopping) return;
		const health = await n8n.api
			.request('GET', 'healthz', { timeoutMs: 5000 })
			.catch(() => undefined);
		failures = health?.status === 200 ? 0 : failures + 1;
		if (failures >= 3) {
			await stop(`n8n stopped answering (see ${rel(n8n.logFile)})`, 1);
			return;
		}
	}
}

main().catch(async (error: Error) => {
	console.error(`npm run dev failed: ${error.message}`);
	await stopAllTracked().catch(() => undefined);
	process.exit(1);
});
