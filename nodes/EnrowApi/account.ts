import { enrowRequest, type EnrowContext, type EnrowSession } from './transport';
import type { AccountInfo } from './types';

export const ACCOUNT_INFO_PATH = '/account/info';

/** The node's reading of an account answer: a balance that is not a number reads as 0. */
export function accountInfoOf(info: Partial<AccountInfo> | undefined): AccountInfo {
	const credits = Number(info?.credits);
	const webhooks = Array.isArray(info?.webhooks)
		? info.webhooks.filter((url): url is string => typeof url === 'string')
		: [];
	return { credits: Number.isFinite(credits) ? credits : 0, webhooks };
}

/** `GET /account/info` (free): the credit balance and the webhooks set in the Enrow dashboard. */
export async function readAccountInfo(
	context: EnrowContext,
	session: EnrowSession,
	itemIndex?: number,
): Promise<AccountInfo> {
	const info = await enrowRequest<Partial<AccountInfo>>(context, session, {
		method: 'GET',
		path: ACCOUNT_INFO_PATH,
		itemIndex,
	});
	return accountInfoOf(info);
}
