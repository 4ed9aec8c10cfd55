/** What a benchmark section is and hands to bench/run.ts for BENCHMARKS.md; Markdown helpers. */
export interface TargetCheck {
	what: string;
	target: string;
	measured: string;
	/** null: not measured in this run (the section says why). */
	met: boolean | null;
}

/** A section's measurement written out: Markdown (tables, then how to read them), its targets. */
export interface Report {
	body: string;
	targets: TargetCheck[];
}

export interface Section<T> {
	/** "2. Node overhead…": the number is the section's, for `--section` and the summary. */
	title: string;
	measure(): Promise<T>;
	report(value: T): Report;
}

/** A section not measured: why (the error's first line), then the rest of the error. */
export function notMeasured(error: Error): Report {
	const [reason, ...details] = error.message.split('\n');
	const rest = details.join('\n').trim();
	return {
		body: `**Not measured in this run: ${reason}**${rest ? `\n\n\`\`\`\n${rest}\n\`\`\`` : ''}`,
		targets: [{ what: 'This section', target: 'see above', measured: 'not measured', met: null }],
	};
}

/** A Markdown table; `headers` as its header row reads: 'Rows | Wall time | …'. */
export function table(headers: string, rows: Array<Array<string | number>>): string {
	const names = headers.split(' | ');
	const line = (cells: Array<string | number>) => `| ${cells.map(String).join(' | ')} |`;
	return [line(names), line(names.map(() => '---')), ...rows.map(line)].join('\n');
}

/** 12345.6 → "12,346"; keeps up to `digits` decimals. */
export const num = (value: number, digits = 0): string =>
	value.toLocaleString('en-US', { maximumFractionDigits: digits });
export const seconds = (ms: number, digits = 1): string => `${(ms / 1000).toFixed(digits)} s`;
export const millis = (ms: number): string => `${num(Math.round(ms))} ms`;
export const megabytes = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;
export const median = (values: number[]): number =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function verdict(met: boolean | null): string {
	if (met === null) return 'not measured';
	return met ? '**met**' : '**not met**';
}
