/**
 * Per-key event timestamps over a sliding window of `windowMs`: the rate limiters and the
 * "most requests in any one second" statistics both count with it.
 */
export class SlidingWindow {
	private readonly events = new Map<string, number[]>();
	private highest = 0;

	constructor(private readonly windowMs: number) {}

	/** Events of `key` in (now - windowMs, now]. */
	count(key: string, now: number): number {
		return this.prune(key, now).length;
	}

	/** Records an event and returns how many the window now holds. */
	add(key: string, now: number): number {
		const events = this.prune(key, now);
		events.push(now);
		this.highest = Math.max(this.highest, events.length);
		return events.length;
	}

	/** Milliseconds until the oldest event leaves the window (0 when the window is empty). */
	msUntilSlotFrees(key: string, now: number): number {
		const events = this.prune(key, now);
		return events.length === 0 ? 0 : events[0] + this.windowMs - now;
	}

	/** When the latest event of `key` still in the window happened (`now` when there is none). */
	newest(key: string, now: number): number {
		const events = this.prune(key, now);
		return events.length === 0 ? now : events[events.length - 1];
	}

	/** The largest count any window ever held for any one key (a window ending at an event is the worst case). */
	max(): number {
		return this.highest;
	}

	clear(): void {
		this.events.clear();
		this.highest = 0;
	}

	private prune(key: string, now: number): number[] {
		const events = this.events.get(key) ?? [];
		const firstInside = events.findIndex((at) => at > now - this.windowMs);
		const kept = firstInside === -1 ? [] : events.slice(firstInside);
		this.events.set(key, kept);
		return kept;
	}
}
