/**
 * The layers of each package's nodes/ depend one way only (README, "Development"):
 *   n8n-nodes-enrow:  shared ← EnrowApi ← Enrow/engine ← Enrow/actions ← Enrow (the node file)
 *                     EnrowTrigger ← EnrowApi only
 *   n8n-nodes-validemailchecker:  shared (its copy) ← ValidEmailChecker
 *   simulator/:  core ← enrow, core ← validEmailChecker, and the entry files (index.ts, types.ts,
 *                config.ts, cli.ts) put them together; neither API part imports the other
 * and, across all of that code, no folder imports its parent or its child back.
 * The import graph is read from the sources with TypeScript's own pre-processor, type-only
 * imports included, so a cycle or an arrow pointing back up fails here.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const REPO = path.resolve(__dirname, '..', '..');
const NODES = path.join(REPO, 'nodes');
const VEC_NODES = path.join(REPO, 'n8n-nodes-validemailchecker', 'nodes');
const SIMULATOR = path.join(REPO, 'simulator');
/** The shipped code of both packages, and the simulator. */
const CHECKED_ROOTS = [
	NODES,
	path.join(REPO, 'credentials'),
	VEC_NODES,
	path.join(REPO, 'n8n-nodes-validemailchecker', 'credentials'),
	SIMULATOR,
];

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

function resolveImport(from: string, specifier: string): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	const base = path.resolve(path.dirname(from), specifier);
	for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
		if (fs.existsSync(candidate)) return candidate;
	}
	throw new Error(`${path.relative(REPO, from)} imports ${specifier}, which does not resolve`);
}

/** file → the files it imports (relative imports only; packages such as n8n-workflow are not edges). */
function importGraph(root: string): Map<string, string[]> {
	return new Map(
		sourceFiles(root).map((file) => {
			const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
			const targets = importedFiles
				.map((imported) => resolveImport(file, imported.fileName))
				.filter((target): target is string => target !== undefined);
			return [file, targets];
		}),
	);
}

function cyclesIn(graph: Map<string, string[]>): string[] {
	const cycles: string[] = [];
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (file: string, trail: string[]) => {
		if (state.get(file) === 'done') return;
		if (state.get(file) === 'visiting') {
			cycles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' → '));
			return;
		}
		state.set(file, 'visiting');
		for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
		state.set(file, 'done');
	};
	for (const file of graph.keys()) visit(file, []);
	return cycles;
}

const graph = importGraph(NODES);

/** The layer a file belongs to. */
function layerOf(file: string): string {
	const rel = inNodes(file).split(path.sep);
	if (rel[0] === 'Enrow' && rel.length > 2) return `Enrow/${rel[1]}`;
	return rel[0];
}

/** Which layers each layer may import from (itself always). */
const ALLOWED: Record<string, string[]> = {
	shared: [],
	EnrowApi: ['shared'],
	'Enrow/engine': ['EnrowApi', 'shared'],
	'Enrow/actions': ['Enrow/engine', 'EnrowApi', 'shared'],
	Enrow: ['Enrow/actions', 'Enrow/engine', 'EnrowApi', 'shared'],
	EnrowTrigger: ['EnrowApi', 'shared'],
};

const rel = (file: string) => path.relative(REPO, file);
/** Every import `file → target` of the graph for which `isWrong` holds, as text. */
const importsWhere = (
	graph: Map<string, string[]>,
	isWrong: (file: string, target: string) => boolean,
): string[] =>
	[...graph].flatMap(([file, targets]) =>
		targets
			.filter((target) => isWrong(file, target))
			.map((target) => `${rel(file)} → ${rel(target)}`),
	);
const inNodes = (file: string) => path.relative(NODES, file);

describe('nodes/ import graph', () => {
	it('reads every source file of the Enrow package', () => {
		const layers = new Set([...graph.keys()].map(layerOf));
		expect([...layers].sort()).toEqual(Object.keys(ALLOWED).sort());
		expect(graph.size).toBeGreaterThan(40);
	});

	it('has every import point down the layers, never back up', () => {
		const wrongWay: string[] = [];
		for (const [file, targets] of graph) {
			const from = layerOf(file);
			for (const target of targets) {
				const to = layerOf(target);
				if (to !== from && !ALLOWED[from].includes(to)) {
					wrongWay.push(`${rel(file)} (${from}) → ${rel(target)} (${to})`);
				}
			}
		}
		expect(wrongWay).toEqual([]);
	});

	it('keeps the Enrow Trigger out of the action node: it imports nothing from nodes/Enrow/', () => {
		const intoEnrow = [...graph]
			.filter(([file]) => layerOf(file) === 'EnrowTrigger')
			.flatMap(([file, targets]) =>
				targets
					.filter((target) => rel(target).startsWith(`Enrow${path.sep}`))
					.map((t) => `${rel(file)} → ${rel(t)}`),
			);
		expect(intoEnrow).toEqual([]);
	});

	it('has no import cycle between files', () => {
		expect(cyclesIn(graph)).toEqual([]);
	});
});

describe('n8n-nodes-validemailchecker/nodes import graph', () => {
	const vecGraph = importGraph(VEC_NODES);
	const vecLayer = (file: string) => path.relative(VEC_NODES, file).split(path.sep)[0];

	it('has the node import only its own code and its copy of the shared helpers, which import nothing else', () => {
		expect(vecGraph.size).toBeGreaterThan(8);
		const wrongWay = importsWhere(vecGraph, (file, target) => {
			if (!target.startsWith(VEC_NODES)) return true;
			return vecLayer(file) === 'shared' && vecLayer(target) !== 'shared';
		});
		expect(wrongWay).toEqual([]);
	});

	it('has no import cycle between files', () => {
		expect(cyclesIn(vecGraph)).toEqual([]);
	});
});

describe('simulator/ import graph', () => {
	const simGraph = importGraph(SIMULATOR);
	/** core, enrow or validEmailChecker; '' for the entry files at simulator/'s top. */
	const partOf = (file: string) => {
		const parts = path.relative(SIMULATOR, file).split(path.sep);
		return parts.length > 1 ? parts[0] : '';
	};
	const MAY_IMPORT: Record<string, string[]> = {
		core: ['core'],
		enrow: ['enrow', 'core'],
		validEmailChecker: ['validEmailChecker', 'core'],
		'': ['', 'core', 'enrow', 'validEmailChecker'],
	};

	it('reads the core, both APIs and the entry files', () => {
		const parts = new Set([...simGraph.keys()].map(partOf));
		expect([...parts].sort()).toEqual(Object.keys(MAY_IMPORT).sort());
	});

	it('has the core import no API, and each API the core but never the other API', () => {
		const wrongWay = importsWhere(
			simGraph,
			(file, target) => !MAY_IMPORT[partOf(file)].includes(partOf(target)),
		);
		expect(wrongWay).toEqual([]);
	});

	it('has no import cycle between files', () => {
		expect(cyclesIn(simGraph)).toEqual([]);
	});
});

/**
 * 'parent ↔ parent/child' for each folder whose own files import its child's (at any depth below
 * it) while a file of the child's imports one of the parent's own files.
 */
function twoWayFolderPairs(graph: Map<string, string[]>): string[] {
	const childOf = (parent: string, file: string): string | undefined => {
		const inside = path.relative(parent, path.dirname(file));
		if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
		return path.join(parent, inside.split(path.sep)[0]);
	};
	const downward = new Set<string>();
	const upward = new Set<string>();
	for (const [file, targets] of graph) {
		for (const target of targets) {
			const down = childOf(path.dirname(file), target);
			if (down) downward.add(`${rel(path.dirname(file))} ↔ ${rel(down)}`);
			const up = childOf(path.dirname(target), file);
			if (up) upward.add(`${rel(path.dirname(target))} ↔ ${rel(up)}`);
		}
	}
	return [...downward].filter((pair) => upward.has(pair)).sort();
}

describe('folders across the shipped code and the simulator', () => {
	const wholeGraph = new Map(CHECKED_ROOTS.flatMap((root) => [...importGraph(root)]));

	it('finds a folder that imports its child back when there is one', () => {
		const parentFile = path.join(REPO, 'a', 'index.ts');
		const childFile = path.join(REPO, 'a', 'b', 'c', 'leaf.ts');
		const twoWay = new Map([
			[parentFile, [childFile]],
			[childFile, [parentFile]],
		]);
		expect(twoWayFolderPairs(twoWay)).toEqual([`a ↔ ${path.join('a', 'b')}`]);
		expect(twoWayFolderPairs(new Map([[parentFile, [childFile]]]))).toEqual([]);
	});

	it('has no folder import its parent or its child back', () => {
		const pairs = twoWayFolderPairs(wholeGraph).map((pair) => pair.split(path.sep).join('/'));
		expect(pairs).toEqual([]);
	});
});
