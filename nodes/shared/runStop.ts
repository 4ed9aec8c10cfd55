import type { ApiResponse } from './apiAnswer';

/** The answer that ended a run, and for which item it came. */
export interface StoppingAnswer {
	response: ApiResponse;
	itemIndex?: number;
	atMs: number;
}

/**
 * "Stop after a fatal answer", for every API this package talks to: once an answer says
 * that every later paid request of the run would be refused the same way (no credits, a
 * rejected key, a used-up daily quota), the run sends no more of them, and each item not
 * sent yet gets an error built from that answer. One per node run, never shared between
 * runs or executions.
 */
export class RunStop {
	private stopping?: StoppingAnswer;

	/** The answer that ended the run, or undefined while the run goes on. */
	get answer(): StoppingAnswer | undefined {
		return this.stopping;
	}

	/** Records the first answer that ends the run; later ones change nothing. */
	stopOn(answer: StoppingAnswer): void {
		this.stopping ??= answer;
	}
}
