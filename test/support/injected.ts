/**
 * The timings and pacer memory tests change, held in test code: jestSetup.ts (jest.config.js's
 * setupFiles) mocks each shipped module below with these objects, copies of the shipped values
 * that a test may change. The shipped constants stay frozen. Every test file starts from fresh
 * copies: jest gives each file its own modules.
 */
import type * as PrePauseReads from '../../nodes/Enrow/engine/prePauseReads';
import type * as EnrowTimeouts from '../../nodes/EnrowApi/transport/requestTimeouts';
import type * as TriggerRereads from '../../nodes/EnrowTrigger/rereadBounds';
import type * as PerAccount from '../../nodes/shared/perAccount';
import type * as VecTimeouts from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport/requestTimeouts';

/** A frozen shipped constant's shape, its numbers writable (and any number, not only the shipped one). */
type Settable<T> = { -readonly [K in keyof T]: T[K] extends readonly number[] ? number[] : number };

const shipped = {
	prePauseReads: jest.requireActual<typeof PrePauseReads>('../../nodes/Enrow/engine/prePauseReads')
		.PRE_PAUSE_READS_MS,
	enrowTimeouts: jest.requireActual<typeof EnrowTimeouts>(
		'../../nodes/EnrowApi/transport/requestTimeouts',
	).REQUEST_TIMEOUT_MS,
	vecTimeouts: jest.requireActual<typeof VecTimeouts>(
		'../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport/requestTimeouts',
	).REQUEST_TIMEOUT_MS,
	triggerRereads: jest.requireActual<typeof TriggerRereads>('../../nodes/EnrowTrigger/rereadBounds')
		.NOTIFIED_JOB_REREADS,
};

/** Webhook mode's reads before it pauses (nodes/Enrow/engine/prePauseReads.ts). */
export const prePauseReads: Settable<typeof shipped.prePauseReads> = { ...shipped.prePauseReads };

/** Per-request timeouts of each package's transport (requestTimeouts.ts beside each). */
export const requestTimeouts = {
	enrow: { ...shipped.enrowTimeouts } as Settable<typeof shipped.enrowTimeouts>,
	vec: { ...shipped.vecTimeouts } as Settable<typeof shipped.vecTimeouts>,
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

const pacerMemories: Array<() => void> = [];

/**
 * nodes/shared/perAccount.ts as shipped, but each registry it makes can be replaced by an
 * empty one (forgetPacers).
 */
export function forgettablePerAccount(
	actual: typeof PerAccount.perAccount,
): typeof PerAccount.perAccount {
	return (create) => {
		let current = actual(create);
		pacerMemories.push(() => {
			current = actual(create);
		});
		return { of: (baseUrl, apiKey) => current.of(baseUrl, apiKey) };
	};
}

/**
 * Both nodes forget each account's pace, as a fresh n8n process would: after the simulator was
 * reset, a case's 429s would otherwise slow the next one.
 */
export function forgetPacers(): void {
	for (const forget of pacerMemories) forget();
}
