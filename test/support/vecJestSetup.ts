/**
 * jest's setupFiles, for the ValidEmailChecker package's tests (here and in its standalone
 * export): its request timeout and both packages' pacer registries, replaced in every test file
 * by the test-owned ones of injectedShared.ts. Enrow's timings: jestSetup.ts.
 */
import type * as PerAccount from '../../nodes/shared/perAccount';
import type * as InjectedShared from './injectedShared';

function injected(): typeof InjectedShared {
	return jest.requireActual<typeof InjectedShared>('./injectedShared');
}

jest.mock(
	'../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport/requestTimeouts',
	() => ({ REQUEST_TIMEOUT_MS: injected().vecRequestTimeouts }),
);
jest.mock('../../nodes/shared/perAccount', () => ({
	perAccount: injected().forgettablePerAccount(
		jest.requireActual<typeof PerAccount>('../../nodes/shared/perAccount').perAccount,
	),
}));
jest.mock('../../n8n-nodes-validemailchecker/nodes/shared/perAccount', () => ({
	perAccount: injected().forgettablePerAccount(
		jest.requireActual<typeof PerAccount>(
			'../../n8n-nodes-validemailchecker/nodes/shared/perAccount',
		).perAccount,
	),
}));
