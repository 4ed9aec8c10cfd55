import { enrowRequest, type EnrowContext, type EnrowSession } from './transport';
import type { AccountInfo } from './types';

/** `GET /account/info` (free): the credit balance and the webhooks set in the Enrow dashboard. */
export async function readAccountInfo(
	context: EnrowContext,
	session: EnrowSession,
	itemIndex?: number,
): Promise<AccountInfo> {
	const info = await enrowRequest<Partial<AccountInfo>>(context, session, {
		method: 'GET',
		path: '/account/info',
		itemIndex,
	});
	const credits = Number(info?.credits);
	const webhooks = Array.isArray(info?.webhooks)
		? info.webhooks.filter((url): url is string => typeof url === 'string')
		: [];
	return { credits: Number.isFinite(credits) ? credits : 0, webhooks };
}
