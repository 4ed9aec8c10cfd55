/**
 * The Enrow timings tests change, held in test code: jestSetup.ts (jest.config.js's setupFiles)
 * mocks each shipped module below with these objects, copies of the shipped values that a test
 * may change. The shipped constants stay frozen. Every test file starts from fresh copies: jest
 * gives each file its own modules. What the ValidEmailChecker package's tests own too (its request
 * timeout, the pacer memory) is in injectedShared.ts.
 */
import type * as PrePauseReads from '../../nodes/Enrow/engine/prePauseReads';
import type * as EnrowTimeouts from '../../nodes/EnrowApi/transport/requestTimeouts';
import type * as TriggerRereads from '../../nodes/EnrowTrigger/rereadBounds';
import { vecRequestTimeouts, type Settable } from './injectedShared';

const shipped = {
	prePauseReads: jest.requireActual<typeof PrePauseReads>('../../nodes/Enrow/engine/prePauseReads')
		.PRE_PAUSE_READS_MS,
	enrowTimeouts: jest.requireActual<typeof EnrowTimeouts>(
		'../../nodes/EnrowApi/transport/requestTimeouts',
	).REQUEST_TIMEOUT_MS,
	triggerRereads: jest.requireActual<typeof TriggerRereads>('../../nodes/EnrowTrigger/rereadBounds')
		.NOTIFIED_JOB_REREADS,
};

/** Webhook mode's reads before it pauses (nodes/Enrow/engine/prePauseReads.ts). */
export const prePauseReads: Settable<typeof shipped.prePauseReads> = { ...shipped.prePauseReads };

/** Per-request timeouts of each package's transport (requestTimeouts.ts beside each). */
export const requestTimeouts = {
	enrow: { ...shipped.enrowTimeouts } as Settable<typeof shipped.enrowTimeouts>,
	vec: vecRequestTimeouts,
};

/** The Enrow Trigger's reads again of a notified job (nodes/EnrowTrigger/rereadBounds.ts). */
export const triggerRereads: Settable<typeof shipped.triggerRereads> = {
	...shipped.triggerRereads,
	delaysMs: [...shipped.triggerRereads.delaysMs],
};

/** Webhook mode reads before pausing at 0.25 s and gives up at 0.3 s (instead of 1 s and 2 s). */
export function shortenPrePauseReads(): void {
	prePauseReads.firstIntervalMs = 250;
	prePauseReads.timeoutMs = 300;
}
