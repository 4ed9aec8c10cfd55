/** A set of pending timeouts that can all be cancelled at once (reset / close), so jest exits cleanly. */
export class TimerSet {
	private readonly pending = new Set<NodeJS.Timeout>();

	schedule(callback: () => void, ms: number): NodeJS.Timeout {
		const handle = setTimeout(
			() => {
				this.pending.delete(handle);
				callback();
			},
			Math.max(0, ms),
		);
		this.pending.add(handle);
		return handle;
	}

	cancel(handle: NodeJS.Timeout | undefined): void {
		if (!handle) return;
		clearTimeout(handle);
		this.pending.delete(handle);
	}

	/** Resolves after `ms`; never resolves if the set is cleared first (the caller's socket is gone then). */
	sleep(ms: number): Promise<void> {
		return new Promise((resolve) => this.schedule(resolve, ms));
	}

	clear(): void {
		for (const handle of this.pending) clearTimeout(handle);
		this.pending.clear();
	}
}
