/** Markdown helpers for BENCHMARKS.md. */

export function table(headers: string[], rows: Array<Array<string | number>>): string {
	const line = (cells: Array<string | number>) => `| ${cells.map(String).join(' | ')} |`;
	return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** 12345.6 → "12,346"; keeps up to `digits` decimals for small numbers. */
export function num(value: number, digits = 0): string {
	return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function seconds(ms: number, digits = 1): string {
	return `${(ms / 1000).toFixed(digits)} s`;
}

/** 500 s → "8 min 20 s", 10,000 s → "2 h 47 min". */
export function duration(ms: number): string {
	const totalSeconds = Math.round(ms / 1000);
	if (totalSeconds < 60) return `${totalSeconds} s`;
	const hours = Math.floor(totalSeconds / 3600);
	const minutes = Math.floor((totalSeconds % 3600) / 60);
	const secs = totalSeconds % 60;
	if (hours > 0) return `${hours} h ${minutes} min`;
	return secs ? `${minutes} min ${secs} s` : `${minutes} min`;
}

export function millis(ms: number): string {
	return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

export function megabytes(bytes: number): string {
	return `${Math.round(bytes / 1024 / 1024)} MB`;
}

export function ratio(value: number, digits = 2): string {
	return value.toFixed(digits);
}

export function verdict(met: boolean | null | 'partly'): string {
	if (met === null) return 'not measured';
	if (met === 'partly') return '**partly met**';
	return met ? '**met**' : '**not met**';
}
