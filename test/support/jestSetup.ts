/**
 * jest.config.js's setupFiles: the shipped timing constants and pacer registries, replaced in
 * every test file by the test-owned ones of injected.ts.
 */
import type * as PerAccount from '../../nodes/shared/perAccount';
import type * as Injected from './injected';

function injected(): typeof Injected {
	return jest.requireActual<typeof Injected>('./injected');
}

function perAccountFrom(path: string): typeof PerAccount {
	return {
		perAccount: injected().forgettablePerAccount(
			jest.requireActual<typeof PerAccount>(path).perAccount,
		),
	};
}

jest.mock('../../nodes/Enrow/engine/prePauseReads', () => ({
	PRE_PAUSE_READS_MS: injected().prePauseReads,
}));
jest.mock('../../nodes/EnrowApi/transport/requestTimeouts', () => ({
	REQUEST_TIMEOUT_MS: injected().requestTimeouts.enrow,
}));
jest.mock(
	'../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport/requestTimeouts',
	() => ({
		REQUEST_TIMEOUT_MS: injected().requestTimeouts.vec,
	}),
);
jest.mock('../../nodes/EnrowTrigger/rereadBounds', () => ({
	NOTIFIED_JOB_REREADS: injected().triggerRereads,
}));
jest.mock('../../nodes/shared/perAccount', () => perAccountFrom('../../nodes/shared/perAccount'));
jest.mock('../../n8n-nodes-validemailchecker/nodes/shared/perAccount', () =>
	perAccountFrom('../../n8n-nodes-validemailchecker/nodes/shared/perAccount'),
);
