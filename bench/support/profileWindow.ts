/**
 * Where a process spent a window of wall-clock time, from a CPU profile taken over a longer one
 * (e.g. `--cpu-prof` over a whole n8n server run):
 * busy vs idle (waiting for I/O: the database, HTTP), the time inside named functions
 * (inclusive: a sample counts for every marker on its stack), and the functions with the most
 * self time.
 */
interface Frame {
	functionName: string;
	url: string;
	lineNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: Frame;
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

export interface Marker {
	label: string;
	/** Matches a frame: the function's name, and a part of its file's path. */
	functionName: string | RegExp;
	url?: string;
}

export interface WindowBreakdown {
	windowMs: number;
	busyMs: number;
	/** Garbage collection, counted apart from the functions (V8 shows it as its own frame). */
	gcMs: number;
	markers: Array<{ label: string; ms: number }>;
	topSelf: Array<{ where: string; ms: number }>;
}

const shortUrl = (url: string) =>
	url
		.replace(/^file:\/\//, '')
		.replace(/^.*node_modules\//, '')
		.replace(/^.*\/dist\//, 'dist/');

function matches(marker: Marker, frame: Frame): boolean {
	const name =
		typeof marker.functionName === 'string'
			? frame.functionName === marker.functionName
			: marker.functionName.test(frame.functionName);
	return name && (marker.url === undefined || frame.url.includes(marker.url));
}

/**
 * V8 stamps samples with the monotonic clock (µs), as `process.hrtime` reads it in every process
 * of the machine: this maps a wall-clock time of this process to it.
 */
export function monotonicClock(): (wallMs: number) => number {
	const wall = Date.now();
	const mono = Number(process.hrtime.bigint()) / 1000;
	return (wallMs) => mono + (wallMs - wall) * 1000;
}

export function breakdownWindow(
	raw: unknown,
	/** The window, in the profile's clock (µs; see `monotonicClock`). */
	fromUs: number,
	toUs: number,
	markers: Marker[],
	topCount = 15,
): WindowBreakdown {
	const profile = raw as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parentOf.set(child, node.id);
	const stackOf = (id: number): Frame[] => {
		const frames: Frame[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at))
			frames.push(byId.get(at)!.callFrame);
		return frames;
	};
	const markerUs = markers.map(() => 0);
	const selfUs = new Map<string, number>();
	let busyUs = 0;
	let gcUs = 0;
	let atUs = profile.startTime;
	profile.samples.forEach((id, index) => {
		const delta = profile.timeDeltas[index] ?? 0;
		atUs += delta;
		if (atUs < fromUs || atUs > toUs) return;
		const frame = byId.get(id)!.callFrame;
		if (['(idle)', '(program)', '(root)'].includes(frame.functionName)) return;
		busyUs += delta;
		if (frame.functionName === '(garbage collector)') gcUs += delta;
		const where = `${frame.functionName || '(anonymous)'} (${shortUrl(frame.url)}:${frame.lineNumber + 1})`;
		selfUs.set(where, (selfUs.get(where) ?? 0) + delta);
		const stack = stackOf(id);
		markers.forEach((marker, at) => {
			if (stack.some((f) => matches(marker, f))) markerUs[at] += delta;
		});
	});
	return {
		windowMs: (toUs - fromUs) / 1000,
		busyMs: busyUs / 1000,
		gcMs: gcUs / 1000,
		markers: markers.map((marker, at) => ({ label: marker.label, ms: markerUs[at] / 1000 })),
		topSelf: [...selfUs.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, topCount)
			.map(([where, us]) => ({ where, ms: us / 1000 })),
	};
}
