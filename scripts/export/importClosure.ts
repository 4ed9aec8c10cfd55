/**
 * What a set of TypeScript files reaches through its imports: every file of the same tree it
 * imports, transitively (relative imports), and the npm packages it imports (bare imports); and
 * the same source with its relative imports pointed at new places, for a copy of those files laid
 * out differently. Imports are read with TypeScript's own pre-processor (import, export ... from,
 * require, import()), type-only imports included, and so are the module paths given to
 * jest.mock and jest.requireActual.
 */
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import * as ts from 'typescript';

export interface ImportClosure {
	/** The entry files and every file they reach, relative to the root, '/'-separated, sorted. */
	files: string[];
	/** npm packages imported by those files (no Node built-ins), sorted. */
	packages: string[];
}

interface Specifier {
	text: string;
	/** Where the text (inside its quotes) starts and ends in the source. */
	start: number;
	end: number;
}

// A relative import names a file, with or without its extension, or a folder with an index.ts.
const RESOLUTIONS = [
	{ suffix: '.ts', strip: '.ts' },
	{ suffix: '/index.ts', strip: '/index.ts' },
	{ suffix: '.d.ts', strip: '.d.ts' },
	{ suffix: '.js', strip: '.js' },
	{ suffix: '', strip: '' },
];

// Module paths named to jest (test set-up files mock shipped modules by path).
const JEST_MODULE_PATH = /\bjest\.(?:mock|requireActual)(?:<[^>(]*>)?\(\s*(['"])([^'"]+)\1/g;

function specifiers(source: string): Specifier[] {
	const imports = ts.preProcessFile(source, true, true).importedFiles.map((imported) => {
		const start = imported.pos + 1; // pos is the opening quote
		return { text: imported.fileName, start, end: start + imported.fileName.length };
	});
	const jestPaths = [...source.matchAll(JEST_MODULE_PATH)].map((match) => {
		const start = (match.index ?? 0) + match[0].length - match[2].length - 1;
		return { text: match[2], start, end: start + match[2].length };
	});
	return [...imports, ...jestPaths].sort((a, b) => a.start - b.start);
}

function isRelative(specifier: string): boolean {
	return specifier === '.' || specifier.startsWith('./') || specifier.startsWith('../');
}

function toPosix(file: string): string {
	return file.split(path.sep).join('/');
}

/** The file a relative import in `from` names (relative to root), and the suffix the import left out. */
function resolveRelative(root: string, from: string, specifier: string) {
	const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
	for (const { suffix, strip } of RESOLUTIONS) {
		const candidate = `${base}${suffix}`;
		const full = path.join(root, candidate);
		if (fs.existsSync(full) && fs.statSync(full).isFile()) {
			return { file: candidate, strip };
		}
	}
	throw new Error(`${from} imports '${specifier}', which names no file`);
}

function packageName(specifier: string): string | undefined {
	if (specifier.startsWith('node:')) return undefined;
	const parts = specifier.split('/');
	const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
	return builtinModules.includes(name) ? undefined : name;
}

/** `entries` (relative to `root`) and all they import, transitively. */
export function importClosure(root: string, entries: string[]): ImportClosure {
	const files = new Set<string>();
	const packages = new Set<string>();
	const pending = entries.map(toPosix);
	while (pending.length > 0) {
		const file = pending.pop() as string;
		if (files.has(file)) continue;
		files.add(file);
		if (!/\.[cm]?[jt]s$/.test(file)) continue; // e.g. an imported .json
		for (const { text } of specifiers(fs.readFileSync(path.join(root, file), 'utf8'))) {
			if (isRelative(text)) pending.push(resolveRelative(root, file, text).file);
			else {
				const name = packageName(text);
				if (name) packages.add(name);
			}
		}
	}
	return { files: [...files].sort(), packages: [...packages].sort() };
}

/**
 * The source of `file` (relative to `root`) with each relative import rewritten for the file's new
 * place `placeOf(file)`, pointing at `placeOf(target)`; imports keep the shape they had (no
 * extension, or a folder for its index.ts).
 */
export function withImportsMoved(
	root: string,
	file: string,
	placeOf: (file: string) => string,
): string {
	const source = fs.readFileSync(path.join(root, file), 'utf8');
	const newDir = path.posix.dirname(placeOf(file));
	let rewritten = '';
	let copiedUpTo = 0;
	for (const { text, start, end } of specifiers(source)) {
		if (!isRelative(text)) continue;
		const { file: target, strip } = resolveRelative(root, file, text);
		const placed = placeOf(target);
		let moved = path.posix.relative(newDir, placed.slice(0, placed.length - strip.length));
		if (!moved.startsWith('.')) moved = `./${moved}`;
		rewritten += source.slice(copiedUpTo, start) + moved;
		copiedUpTo = end;
	}
	return rewritten + source.slice(copiedUpTo);
}
