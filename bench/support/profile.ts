/** Reads a V8 CPU profile (inspector Profiler.stop) into the functions with the most self time. */
import * as path from 'path';

import { REPO_ROOT } from './child';
import { originalLine } from './sourceLines';

export interface Hotspot {
	/** `function (path:line)`, path relative to the repository. */
	where: string;
	selfMs: number;
	share: number;
}

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	children?: number[];
	/** Samples per line (1-based, of the code V8 ran) inside this function. */
	positionTicks?: Array<{ line: number; ticks: number }>;
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

function location(frame: ProfileNode['callFrame']): string {
	const name = frame.functionName || '(anonymous)';
	if (!frame.url.startsWith('file://') && !frame.url.startsWith('/'))
		return frame.url ? `${name} (${frame.url})` : name;
	const file = frame.url.replace(/^file:\/\//, '');
	const line = originalLine(file, frame.lineNumber, frame.columnNumber) ?? frame.lineNumber + 1;
	return `${name} (${path.relative(REPO_ROOT, file)}:${line})`;
}

export interface Hotspots {
	/** Functions by self time, anywhere (n8n-core, axios, V8's GC...). */
	all: Hotspot[];
	/** Functions of this package (nodes/, credentials/) by self time. */
	package: Hotspot[];
	/** Lines of this package by self time. */
	lines: Hotspot[];
	totalMs: number;
}

const isPackageFile = (url: string) =>
	/\/(nodes|credentials)\//.test(url) && !url.includes('node_modules');

export function topHotspots(raw: unknown, count = 12): Hotspots {
	const profile = raw as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	// Samples taken while the profiler itself hands its data over (Profiler.stop) are not the run's.
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parentOf.set(child, node.id);
	const isProfilerOwn = (id: number): boolean => {
		for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
			if (byId.get(at)?.callFrame.url === 'node:inspector') return true;
		}
		return false;
	};
	const selfUs = new Map<string, number>();
	const packageUs = new Map<string, number>();
	const nodeUs = new Map<number, number>();
	profile.samples.forEach((id, index) => {
		const node = byId.get(id);
		if (!node || isProfilerOwn(id)) return;
		const where = location(node.callFrame);
		const delta = profile.timeDeltas[index] ?? 0;
		if (['(idle)', '(program)', '(root)'].includes(node.callFrame.functionName)) return;
		selfUs.set(where, (selfUs.get(where) ?? 0) + delta);
		if (isPackageFile(node.callFrame.url)) {
			packageUs.set(where, (packageUs.get(where) ?? 0) + delta);
			nodeUs.set(id, (nodeUs.get(id) ?? 0) + delta);
		}
	});
	const totalUs = [...selfUs.values()].reduce((sum, us) => sum + us, 0);
	const top = (map: Map<string, number>) =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, count)
			.map(([where, us]) => ({ where, selfMs: us / 1000, share: us / totalUs }));
	// A function's self time shared among its lines in proportion to their samples.
	const lineUs = new Map<string, number>();
	for (const [id, us] of nodeUs) {
		const node = byId.get(id)!;
		const ticks = node.positionTicks ?? [];
		const total = ticks.reduce((sum, tick) => sum + tick.ticks, 0);
		const file = node.callFrame.url.replace(/^file:\/\//, '');
		for (const tick of ticks) {
			const line = originalLine(file, tick.line - 1, 0) ?? tick.line;
			const where = `${path.relative(REPO_ROOT, file)}:${line} (in ${node.callFrame.functionName || 'anonymous'})`;
			lineUs.set(where, (lineUs.get(where) ?? 0) + (us * tick.ticks) / total);
		}
	}
	return { all: top(selfUs), package: top(packageUs), lines: top(lineUs), totalMs: totalUs / 1000 };
}
