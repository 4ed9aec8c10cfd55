/**
 * `npm run demo`: the product end to end, with no account and no key.
 *
 * Builds and packs both packages (n8n-nodes-enrow, n8n-nodes-validemailchecker), starts the
 * Enrow + ValidEmailChecker simulator, boots the reference n8n (installing it on first run) with
 * both installed, imports example (a) "Enrich CRM leads" with credentials pointed at the
 * simulator, POSTs the bundled ~200 sample leads to the workflow's webhook, and prints a summary
 * (outcomes, credits, time). The full table goes to demo-output/leads-enriched.csv and .json.
 *
 * With ENROW_API_KEY (and VALIDEMAILCHECKER_API_KEY) set, the same workflow runs against the
 * real APIs, after printing the most credits it may spend and waiting 10 s (skip with --yes).
 *
 *   npm run demo [-- --input my-leads.csv] [--limit 20] [--yes] [--out demo-output]
 */
import * as fs from 'fs';
import * as path from 'path';

import { N8N_VERSION } from '../e2e/installN8n';
import { stopAllTracked, tail } from '../e2e/processes';
import { nodeOutput } from '../e2e/runData';
import type { N8nInstance } from '../e2e/n8nInstance';
import type { Simulator } from '../../simulator';
import { parseCsv, toCsv, type Row } from './csv';
import {
	bootN8n,
	buildPackages,
	enrichLeadsWorkflow,
	ENRICH_NODES,
	EXAMPLES,
	prepareN8n,
	REPO_ROOT,
	SAMPLE_LEADS_CSV,
	seconds,
	simulatorTarget,
	startDemoSimulator,
	type ApiTarget,
} from './environment';
import {
	exampleRows,
	formatCredits,
	joinToInput,
	leadColumns,
	leadsToSend,
	outcomeTable,
	type TableRow,
} from './summary';

interface Args {
	input: string;
	limit?: number;
	yes: boolean;
	out: string;
}

function parseArgs(argv: string[]): Args {
	const args: Args = {
		input: SAMPLE_LEADS_CSV,
		yes: false,
		out: path.join(REPO_ROOT, 'demo-output'),
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const value = () => inline ?? argv[++i];
		if (flag === '--input') args.input = path.resolve(value());
		else if (flag === '--limit') args.limit = Number(value());
		else if (flag === '--out') args.out = path.resolve(value());
		else if (flag === '--yes' || flag === '-y') args.yes = true;
		else if (flag === '--help' || flag === '-h') {
			console.log(
				'npm run demo [-- --input leads.csv] [--limit N] [--yes] [--out dir]\n' +
					'  Without ENROW_API_KEY: runs against the bundled simulator (no account, no key).\n' +
					'  With ENROW_API_KEY (and VALIDEMAILCHECKER_API_KEY): runs against the real APIs.',
			);
			process.exit(0);
		} else throw new Error(`Unknown argument ${argv[i]} (try --help)`);
	}
	if (args.limit !== undefined && !(Number.isInteger(args.limit) && args.limit > 0)) {
		throw new Error('--limit takes a positive whole number');
	}
	return args;
}

const log = (line = '') => console.log(line);
const step = (text: string) => log(`> ${text}`);

function relative(file: string): string {
	const rel = path.relative(process.cwd(), file);
	return rel.startsWith('..') ? file : rel;
}

/** `GET /account/info` (free): the key's balance. A rejected key or an unreachable API stops the demo. */
async function enrowBalance(apiKey: string, baseUrl: string): Promise<number | undefined> {
	let response: Response;
	try {
		response = await fetch(`${baseUrl}/account/info`, {
			headers: { 'x-api-key': apiKey },
			signal: AbortSignal.timeout(15_000),
		});
	} catch (error) {
		const cause = (error as { cause?: { code?: string; message?: string } }).cause;
		throw new Error(
			`Could not reach ${baseUrl} (${cause?.code ?? cause?.message ?? (error as Error).message})`,
		);
	}
	if (response.status === 401) {
		throw new Error(
			'Enrow rejected ENROW_API_KEY (401). Copy the key again from app.enrow.io -> API.',
		);
	}
	if (!response.ok) return undefined;
	const body = (await response.json()) as { credits?: unknown };
	return typeof body.credits === 'number' ? body.credits : undefined;
}

async function countdown(secondsLeft: number): Promise<void> {
	if (!process.stdout.isTTY) {
		log(`  Starting in ${secondsLeft} s (Ctrl-C to abort, --yes to skip this wait)`);
		await new Promise((resolve) => setTimeout(resolve, secondsLeft * 1000));
		return;
	}
	for (let left = secondsLeft; left > 0; left--) {
		process.stdout.write(`\r  Starting in ${left} s (Ctrl-C to abort, --yes to skip this wait) `);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	process.stdout.write('\r' + ' '.repeat(70) + '\r');
}

async function main(): Promise<void> {
	const started = Date.now();
	const args = parseArgs(process.argv.slice(2));
	const realKey = process.env.ENROW_API_KEY?.trim();
	const realVecKey = process.env.VALIDEMAILCHECKER_API_KEY?.trim();
	// Optional, e.g. for a proxy: the credentials' Base URL fields.
	const enrowBaseUrl = (process.env.ENROW_BASE_URL?.trim() || 'https://api.enrow.io').replace(
		/\/+$/,
		'',
	);
	const vecBaseUrl = process.env.VALIDEMAILCHECKER_BASE_URL?.trim() || undefined;

	const inputRows = parseCsv(fs.readFileSync(args.input, 'utf8')).slice(0, args.limit);
	const header = Object.keys(inputRows[0] ?? {});
	const columns = leadColumns(header);
	if (!columns.name || (!columns.company && !columns.domain)) {
		throw new Error(
			`${relative(args.input)} needs a name column and a company or domain column (found: ${header.join(', ')})`,
		);
	}
	const leads = leadsToSend(inputRows, columns);
	const searchable = leads.filter((lead) => lead.company.trim() || lead.domain.trim());
	const uniqueSearches = new Set(searchable.map((lead) => JSON.stringify(lead))).size;

	log(
		`n8n-nodes-enrow demo: example (a) "Enrich CRM leads" in a real n8n, on ${leads.length} leads`,
	);
	log(`  leads: ${relative(args.input)}`);

	let target: ApiTarget | undefined;
	if (realKey) {
		log(
			`\nENROW_API_KEY is set: this run uses the real Enrow API (${enrowBaseUrl}) and spends real credits.`,
		);
		log(
			`  At most ${formatCredits(uniqueSearches * 1.25)} Enrow credits: ${uniqueSearches} searches x 1 ` +
				`(only found emails are charged) + up to ${uniqueSearches} verifications x 0.25.`,
		);
		if (realVecKey) {
			log(
				`  At most ${uniqueSearches} ValidEmailChecker credits: 1 per doubtful address (usually a small share).`,
			);
		} else {
			log(
				'  VALIDEMAILCHECKER_API_KEY is not set: no second opinion; doubtful addresses are reported "invalid".',
			);
		}
		if (args.input === SAMPLE_LEADS_CSV) {
			log(
				'  Note: the bundled sample is made of fictional people, so most will be "not found" (not charged).',
			);
			log('  Use --input your-leads.csv (columns name, company, domain) for a meaningful run.');
		}
		const balance = await enrowBalance(realKey, enrowBaseUrl);
		if (balance !== undefined) log(`  Your Enrow balance now: ${formatCredits(balance)} credits.`);
		if (!args.yes) await countdown(10);
		target = {
			enrow: { apiKey: realKey, baseUrl: enrowBaseUrl },
			...(realVecKey ? { vec: { apiKey: realVecKey, baseUrl: vecBaseUrl } } : {}),
		};
	}

	let simulator: Simulator | undefined;
	let n8n: N8nInstance | undefined;
	const cleanup = async () => {
		await n8n?.dispose().catch(() => undefined);
		await stopAllTracked().catch(() => undefined);
		await simulator?.close().catch(() => undefined);
	};
	process.once('SIGINT', () => {
		log('\nInterrupted: stopping n8n and the simulator...');
		void cleanup().then(() => process.exit(130));
	});

	try {
		let phase = Date.now();
		step('Building and packing both packages...');
		const tarballs = buildPackages();
		const buildMs = Date.now() - phase;

		phase = Date.now();
		step(`Reference n8n ${N8N_VERSION}...`);
		const install = await prepareN8n((line) => log(`  ${line}`));
		const installMs = Date.now() - phase;
		if (installMs < 60_000) log(`  installed in ${install.dir}`);

		if (!target) {
			simulator = await startDemoSimulator();
			target = simulatorTarget(simulator);
			log(`  simulator (Enrow + ValidEmailChecker) on ${simulator.url}`);
		}

		phase = Date.now();
		step(
			'Loading both packages into a new n8n user folder, importing credentials and example (a)...',
		);
		n8n = (
			await bootN8n({
				tarballs,
				install,
				target,
				examples: [
					{ key: 'enrichLeads', workflow: enrichLeadsWorkflow(target, leads), publish: false },
				],
				start: false,
			})
		).n8n;
		const bootMs = Date.now() - phase;

		phase = Date.now();
		step(`Running the workflow on ${leads.length} leads (n8n execute)...`);
		const run = await n8n.executeWorkflow(EXAMPLES.enrichLeads.id, 2 * 60 * 60 * 1000);
		const runMs = Date.now() - phase;
		const failure = run.data.resultData.error;
		if (failure) {
			throw new Error(
				`The workflow failed in "${run.data.resultData.lastNodeExecuted ?? '?'}": ${failure.message}` +
					(failure.description ? `\n  ${failure.description}` : ''),
			);
		}
		const table = nodeOutput(run.data, ENRICH_NODES.table).map(
			(item) => item.json as unknown as TableRow,
		);
		const rows = joinToInput(leads, inputRows, table);

		// ---- Summary ---------------------------------------------------------------------------
		log();
		const against = simulator
			? 'the simulated Enrow and ValidEmailChecker APIs'
			: target.vec
				? 'the real Enrow and ValidEmailChecker APIs'
				: 'the real Enrow API (no second opinion)';
		log(`Enriched ${rows.length} leads with ${against}:`);
		log();
		for (const line of outcomeTable(rows)) log(line);
		log();
		log('One example per outcome:');
		for (const line of exampleRows(rows as Array<Row & TableRow>)) log(line);
		log();

		if (simulator) {
			const stats = simulator.stats();
			const rowsOf = (kinds: string[]) =>
				stats.jobs
					.filter((job) => kinds.includes(job.kind))
					.reduce((sum, job) => sum + job.rows, 0);
			const findRows = rowsOf(['findBulk', 'findSingle']);
			const verifyRows = rowsOf(['verifyBulk', 'verifySingle']);
			const verifyCredits = verifyRows * 0.25;
			const findCredits = stats.credits.charged - verifyCredits;
			log(
				`Credits   Enrow              ${formatCredits(stats.credits.charged)} = ${formatCredits(findCredits)} emails found x 1 + ${verifyRows} verifications x 0.25`,
			);
			log(
				`                             (${findRows} searches for ${searchable.length} leads with a company: duplicates are searched once, not found is refunded)`,
			);
			log(
				`          ValidEmailChecker  ${formatCredits(stats.vec.creditsCharged)} = ${stats.vec.calls} doubtful addresses x 1` +
					(stats.vec.refunded ? `, ${stats.vec.refunded} "unknown" refunded` : ''),
			);
		} else {
			const found = safeOutput(run.data, ENRICH_NODES.find).filter(
				(item) => item.json.found === true,
			).length;
			const verified = safeOutput(run.data, ENRICH_NODES.verify).length;
			const vecRows = safeOutput(run.data, ENRICH_NODES.secondOpinion).filter(
				(item) => item.json.credits_used !== undefined,
			);
			const vecCredits = vecRows.reduce(
				(sum, item) => sum + Number(item.json.credits_used ?? 0),
				0,
			);
			const after = await enrowBalance(target.enrow.apiKey, enrowBaseUrl).catch(() => undefined);
			log(
				`Credits   Enrow              about ${formatCredits(found + verified * 0.25)} = ${found} emails found x 1 + ${verified} verifications x 0.25` +
					(after !== undefined ? ` (balance now ${formatCredits(after)})` : ''),
			);
			log(
				target.vec
					? `          ValidEmailChecker  ${formatCredits(vecCredits)} (${vecRows.length} doubtful addresses checked)`
					: '          ValidEmailChecker  not used (VALIDEMAILCHECKER_API_KEY not set)',
			);
		}
		log(
			`Time      ${seconds(runMs)} for the workflow run; ${seconds(Date.now() - started)} in all ` +
				`(build ${seconds(buildMs)}, ${installMs >= 60_000 ? `n8n install ${seconds(installMs)}, ` : ''}n8n setup ${seconds(bootMs)})`,
		);

		fs.mkdirSync(args.out, { recursive: true });
		const outputColumns = [...header];
		for (const column of ['domain', 'email', 'outcome', 'detail']) {
			if (!outputColumns.includes(column)) outputColumns.push(column);
		}
		const csvFile = path.join(args.out, 'leads-enriched.csv');
		const jsonFile = path.join(args.out, 'leads-enriched.json');
		fs.writeFileSync(csvFile, toCsv(rows, outputColumns));
		fs.writeFileSync(jsonFile, `${JSON.stringify(rows, null, 2)}\n`);
		log(`Output    ${relative(csvFile)} (${rows.length} rows) and ${relative(jsonFile)}`);
		log();
		log(
			'Next: `npm run dev` serves this n8n at http://localhost:5678 with every example ready to click through.',
		);
	} catch (error) {
		const message = (error as Error).message;
		console.error(`\nThe demo failed: ${message}`);
		if (n8n)
			console.error(`--- last lines of n8n's log (${n8n.logFile}) ---\n${tail(n8n.log(), 30)}`);
		process.exitCode = 1;
	} finally {
		await cleanup();
	}
}

function safeOutput(data: Parameters<typeof nodeOutput>[0], node: string) {
	try {
		return nodeOutput(data, node);
	} catch {
		return [];
	}
}

main().catch((error: Error) => {
	console.error(`The demo failed: ${error.message}`);
	process.exit(1);
});
