import { sleep } from 'n8n-workflow';

/** Enrow allows 10 POST requests per second per API key (GETs are not limited). */
export const ENROW_POSTS_PER_SECOND = 10;

/**
 * Spaces this run's job-starting POSTs so no more than `limit` leave in any window of
 * `windowMs`. The window is a little over a second so network jitter cannot squeeze an
 * eleventh request into Enrow's one-second window. Other workflows using the same key
 * are not seen here: their 429s are absorbed by the transport's retries.
 */
export class PostPacer {
	private readonly sent: number[] = [];

	constructor(
		private readonly limit = ENROW_POSTS_PER_SECOND,
		private readonly windowMs = 1100,
		private readonly now: () => number = () => Date.now(),
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {}

	async waitTurn(): Promise<void> {
		for (;;) {
			const now = this.now();
			while (this.sent.length > 0 && now - this.sent[0] >= this.windowMs) this.sent.shift();
			if (this.sent.length < this.limit) {
				this.sent.push(now);
				return;
			}
			await this.wait(this.windowMs - (now - this.sent[0]));
		}
	}
}
