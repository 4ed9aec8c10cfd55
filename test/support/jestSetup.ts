/**
 * jest.config.js's setupFiles: Enrow's shipped timing constants, replaced in every test file by
 * the test-owned ones of injected.ts (the ValidEmailChecker timeout and the pacer registries:
 * vecJestSetup.ts).
 */
import type * as Injected from './injected';

function injected(): typeof Injected {
	return jest.requireActual<typeof Injected>('./injected');
}

jest.mock('../../nodes/Enrow/engine/prePauseReads', () => ({
	PRE_PAUSE_READS_MS: injected().prePauseReads,
}));
jest.mock('../../nodes/EnrowApi/transport/requestTimeouts', () => ({
	REQUEST_TIMEOUT_MS: injected().requestTimeouts.enrow,
}));
jest.mock('../../nodes/EnrowTrigger/rereadBounds', () => ({
	NOTIFIED_JOB_REREADS: injected().triggerRereads,
}));
