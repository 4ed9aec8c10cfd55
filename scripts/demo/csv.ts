/** Small RFC 4180 CSV reader and writer for the demo's lead files (no dependency). */

export type Row = Record<string, string>;

/** Parses CSV text with a header line. Quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): Row[] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	const source = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < source.length; i++) {
		const char = source[i];
		if (quoted) {
			if (char === '"' && source[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') {
				quoted = false;
			} else {
				field += char;
			}
		} else if (char === '"') {
			quoted = true;
		} else if (char === ',') {
			record.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && source[i + 1] === '\n') i++;
			record.push(field);
			records.push(record);
			record = [];
			field = '';
		} else {
			field += char;
		}
	}
	if (field !== '' || record.length > 0) {
		record.push(field);
		records.push(record);
	}
	const [header = [], ...body] = records.filter((r) => !(r.length === 1 && r[0].trim() === ''));
	const columns = header.map((name) => name.trim());
	return body.map((values) =>
		Object.fromEntries(columns.map((column, index) => [column, (values[index] ?? '').trim()])),
	);
}

function quote(value: unknown): string {
	const text = value === null || value === undefined ? '' : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text (header first, `\n` line ends) of `rows` with the given columns, in that order. */
export function toCsv(rows: Array<Record<string, unknown>>, columns: string[]): string {
	const lines = [columns.map(quote).join(',')];
	for (const row of rows) lines.push(columns.map((column) => quote(row[column])).join(','));
	return `${lines.join('\n')}\n`;
}
