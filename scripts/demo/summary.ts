/** The demo's result: enriched rows back in input order, counts per outcome, and the printed summary. */
import type { Row } from './csv';

export const OUTCOMES = [
	'verified',
	'verified (second opinion)',
	'risky',
	'invalid',
	'not found',
	'skipped',
] as const;

const OUTCOME_LABELS: Record<string, string> = {
	skipped: 'skipped (no company)',
};

/** A row of example (a)'s "Clean table". */
export interface TableRow {
	name: string;
	company: string;
	domain: string;
	email: string;
	outcome: string;
	detail: string;
}

/** Lead columns under the names the workflow expects (`name`, `company`, `domain`). */
const COLUMN_ALIASES: Record<'name' | 'company' | 'domain', string[]> = {
	name: ['name', 'full_name', 'fullname', 'full name', 'contact', 'person'],
	company: [
		'company',
		'company_name',
		'companyname',
		'company name',
		'organization',
		'organisation',
		'account',
	],
	domain: ['domain', 'company_domain', 'companydomain', 'company domain', 'website', 'url'],
};

/** Finds the name/company/domain columns of a CSV header (case-insensitive, common aliases). */
export function leadColumns(header: string[]): {
	name?: string;
	company?: string;
	domain?: string;
} {
	const find = (aliases: string[]) =>
		header.find((column) => aliases.includes(column.toLowerCase().trim()));
	return {
		name: find(COLUMN_ALIASES.name),
		company: find(COLUMN_ALIASES.company),
		domain: find(COLUMN_ALIASES.domain),
	};
}

/** What is POSTed to the workflow: the lead fields only. */
export function leadsToSend(
	rows: Row[],
	columns: ReturnType<typeof leadColumns>,
): Array<{ name: string; company: string; domain: string }> {
	return rows.map((row) => ({
		name: columns.name ? row[columns.name] : '',
		company: columns.company ? row[columns.company] : '',
		domain: columns.domain ? row[columns.domain] : '',
	}));
}

/**
 * Puts the workflow's rows (grouped by outcome) back in the order of the input leads, next to the
 * input's own columns. Rows are matched by name + company, then by name alone.
 */
export function joinToInput(
	leads: Array<{ name: string; company: string; domain: string }>,
	inputRows: Row[],
	table: TableRow[],
): Array<Row & { email: string; outcome: string; detail: string }> {
	const unused = [...table];
	const take = (match: (row: TableRow) => boolean) => {
		const index = unused.findIndex(match);
		return index === -1 ? undefined : unused.splice(index, 1)[0];
	};
	return leads.map((lead, index) => {
		const found =
			take((row) => row.name === lead.name && row.company === lead.company) ??
			take((row) => row.name === lead.name);
		return {
			...inputRows[index],
			domain: inputRows[index].domain || found?.domain || '',
			email: found?.email ?? '',
			outcome: found?.outcome ?? 'missing from the output',
			detail: found?.detail ?? '',
		};
	});
}

export function countOutcomes(rows: Array<{ outcome: string }>): Map<string, number> {
	const counts = new Map<string, number>(OUTCOMES.map((outcome) => [outcome, 0]));
	for (const row of rows) counts.set(row.outcome, (counts.get(row.outcome) ?? 0) + 1);
	return counts;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));
const padStart = (text: string, width: number) =>
	' '.repeat(Math.max(0, width - text.length)) + text;

/** The outcome table: one line per outcome with its count and share, then the total. */
export function outcomeTable(rows: Array<{ outcome: string }>): string[] {
	const counts = countOutcomes(rows);
	const total = rows.length;
	const width = 28;
	const lines = [`  ${pad('Outcome', width)} ${padStart('Leads', 6)}  ${padStart('Share', 6)}`];
	lines.push(`  ${'-'.repeat(width)} ${'-'.repeat(6)}  ${'-'.repeat(6)}`);
	for (const [outcome, count] of counts) {
		const share = total ? `${((100 * count) / total).toFixed(1)}%` : '-';
		lines.push(
			`  ${pad(OUTCOME_LABELS[outcome] ?? outcome, width)} ${padStart(String(count), 6)}  ${padStart(share, 6)}`,
		);
	}
	lines.push(`  ${'-'.repeat(width)} ${'-'.repeat(6)}`);
	lines.push(`  ${pad('all leads', width)} ${padStart(String(total), 6)}`);
	return lines;
}

/** One example row per outcome: `outcome  Name <email>  detail`. */
export function exampleRows(rows: Array<Row & TableRow>): string[] {
	const lines: string[] = [];
	for (const outcome of OUTCOMES) {
		const row = rows.find((candidate) => candidate.outcome === outcome);
		if (!row) continue;
		const who = row.email
			? `${row.name} <${row.email}>`
			: `${row.name} (${row.company || 'no company'})`;
		lines.push(`  ${pad(OUTCOME_LABELS[outcome] ?? outcome, 28)} ${pad(who, 52)} ${row.detail}`);
	}
	return lines;
}

export function formatCredits(value: number): string {
	return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
