import { sleep } from 'n8n-workflow';

/** Enrow allows 10 POST requests per second per API key (GETs are not limited). */
export const ENROW_POSTS_PER_SECOND = 10;

/**
 * Keeps this run's job-starting POSTs within Enrow's limit of 10 in any second. A slot is
 * taken when a request leaves and counts until one second after its answer came back:
 * Enrow received the request somewhere in between, so however the network delays
 * requests, Enrow never sees an eleventh one in a second. Other workflows using the same
 * key are not seen here: their 429s are absorbed by the transport's retries.
 */
export class PostPacer {
	/** When each slot frees up: Infinity while its request is in flight. */
	private readonly slots: number[] = [];

	constructor(
		private readonly limit = ENROW_POSTS_PER_SECOND,
		private readonly windowMs = 1000,
		private readonly now: () => number = () => Date.now(),
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {}

	/** Waits for a free slot and takes it; call the returned function once the answer is in. */
	async waitTurn(): Promise<() => void> {
		for (;;) {
			const now = this.now();
			for (let i = this.slots.length - 1; i >= 0; i--)
				if (this.slots[i] <= now) this.slots.splice(i, 1);
			if (this.slots.length < this.limit) {
				this.slots.push(Infinity);
				let released = false;
				return () => {
					if (released) return;
					released = true;
					// All in-flight slots are alike: free any one of them a second from now.
					this.slots[this.slots.indexOf(Infinity)] = this.now() + this.windowMs;
				};
			}
			const soonest = Math.min(...this.slots);
			await this.wait(Number.isFinite(soonest) ? Math.max(1, soonest - now) : 20);
		}
	}
}
