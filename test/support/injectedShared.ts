/**
 * What both packages' tests own in place of shipped state: the ValidEmailChecker request timeout
 * a test may shorten, and the pacer memory (both packages keep one pace per account for the
 * process: nodes/shared/perAccount.ts). jest's setup (vecJestSetup.ts) mocks the shipped modules
 * with these. A file of its own, without Enrow's code, so that the ValidEmailChecker package's
 * standalone export (npm run export:validemailchecker) takes it with its tests.
 */
import type * as VecTimeouts from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport/requestTimeouts';
import type * as PerAccount from '../../nodes/shared/perAccount';

/** A frozen shipped constant's shape, its numbers writable (and any number, not only the shipped one). */
export type Settable<T> = {
	-readonly [K in keyof T]: T[K] extends readonly number[] ? number[] : number;
};

const shippedVecTimeouts = jest.requireActual<typeof VecTimeouts>(
	'../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/transport/requestTimeouts',
).REQUEST_TIMEOUT_MS;

/** ValidEmailChecker's per-request timeout (transport/requestTimeouts.ts). */
export const vecRequestTimeouts: Settable<typeof shippedVecTimeouts> = { ...shippedVecTimeouts };

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
