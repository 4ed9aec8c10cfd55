/**
 * Maps a position in the JavaScript that ts-node runs back to the TypeScript source line. The
 * V8 profiler reports positions in the code it ran; ts-node (transpile-only) produced that code
 * from the repository's tsconfig.json, so the same transpilation with a source map gives the
 * original line.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

import { REPO_ROOT } from './child';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Per generated line: [generatedColumn, originalLine] pairs, in column order. */
type LineMap = Array<Array<[number, number]>>;

const maps = new Map<string, LineMap | null>();
let compilerOptions: ts.CompilerOptions | undefined;

function options(): ts.CompilerOptions {
	if (!compilerOptions) {
		const configPath = path.join(REPO_ROOT, 'tsconfig.json');
		const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
		const parsed = ts.parseJsonConfigFileContent(config, ts.sys, REPO_ROOT);
		compilerOptions = {
			...parsed.options,
			sourceMap: true,
			inlineSourceMap: false,
			declaration: false,
		};
	}
	return compilerOptions;
}

function decodeVlq(segment: string): number[] {
	const values: number[] = [];
	let value = 0;
	let shift = 0;
	for (const char of segment) {
		const digit = BASE64.indexOf(char);
		value += (digit & 31) << shift;
		if (digit & 32) {
			shift += 5;
		} else {
			values.push(value & 1 ? -(value >> 1) : value >> 1);
			value = 0;
			shift = 0;
		}
	}
	return values;
}

function lineMapOf(file: string): LineMap | null {
	if (maps.has(file)) return maps.get(file)!;
	let map: LineMap | null = null;
	try {
		const output = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
			compilerOptions: options(),
			fileName: file,
		});
		const mappings =
			(JSON.parse(output.sourceMapText ?? '{}') as { mappings?: string }).mappings ?? '';
		let originalLine = 0;
		map = mappings.split(';').map((line) => {
			let column = 0;
			const pairs: Array<[number, number]> = [];
			for (const segment of line.split(',')) {
				if (!segment) continue;
				const [columnDelta, , lineDelta] = decodeVlq(segment);
				column += columnDelta;
				if (lineDelta !== undefined) {
					originalLine += lineDelta;
					pairs.push([column, originalLine]);
				}
			}
			return pairs;
		});
	} catch {
		map = null;
	}
	maps.set(file, map);
	return map;
}

/** 1-based TypeScript line of a 0-based generated position in `file` (a .ts file), or undefined. */
export function originalLine(file: string, line: number, column: number): number | undefined {
	if (!file.endsWith('.ts')) return undefined;
	const pairs = lineMapOf(file)?.[line];
	if (!pairs?.length) return undefined;
	let best = pairs[0];
	for (const pair of pairs) if (pair[0] <= column) best = pair;
	return best[1] + 1;
}
