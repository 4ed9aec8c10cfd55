import { NodeOperationError, type INode } from 'n8n-workflow';

import type { EnrowClient } from './transport';
import type { AccountInfo } from './types';

export const ACCOUNT_INFO_PATH = '/account/info';

/**
 * The account as the node reads Enrow's answer. `credits` is undefined when the balance is
 * not a number the node can read: it never silently becomes 0, which would read as "out of
 * credits" (an alert, a refused run) when nothing is known.
 */
export interface AccountReading {
	credits: number | undefined;
	webhooks: string[];
	/** The balance as Enrow sent it, for an error that quotes it. */
	creditsAnswered: unknown;
}

/** A balance in text, grouped in thousands: "1,250", "1 250", "1'250", "1.250.000", with decimals after. */
const GROUPED =
	/^([+-]?)(\d{1,3})((?:([,. '\u00A0\u2009\u202F’])\d{3})(?:\4\d{3})*)(?:([.,])(\d+))?$/;

/**
 * A credit balance as Enrow may send it: a number (documented, may be fractional), or text.
 * Text reads as a number written the usual ways: "1250", "1250.5"; grouped in thousands by a
 * comma, a dot, a space or an apostrophe ("1,250", "1 250", "1.250.000", "1'250"), with a
 * decimal part after the other mark ("1,250.5", "1.250,5", "1 250,5"); or a decimal comma
 * ("12,5"). A lone comma before exactly three digits groups thousands ("1,250" = 1250), as
 * in English; a lone dot is a decimal point ("1.250" = 1.25), as JSON reads it. Anything
 * else is undefined.
 */
export function creditsFrom(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^[+-]?\d+(?:\.\d+)?$/.test(text)) return Number(text);
	const grouped = GROUPED.exec(text);
	if (grouped) {
		const [, sign, head, groups, separator, decimalMark, decimals] = grouped;
		if (decimalMark === separator) return undefined;
		const whole = `${head}${groups.split(separator).join('')}`;
		return Number(`${sign}${whole}${decimals ? `.${decimals}` : ''}`);
	}
	const decimalComma = /^([+-]?\d+),(\d+)$/.exec(text);
	return decimalComma ? Number(`${decimalComma[1]}.${decimalComma[2]}`) : undefined;
}

/** The node's reading of an account answer (`GET /account/info`). */
export function accountInfoOf(
	info: { credits?: unknown; webhooks?: unknown } | undefined,
): AccountReading {
	const webhooks = Array.isArray(info?.webhooks)
		? info.webhooks.filter((url): url is string => typeof url === 'string')
		: [];
	return { credits: creditsFrom(info?.credits), webhooks, creditsAnswered: info?.credits };
}

/** `GET /account/info` (free): the credit balance and the webhooks set in the Enrow dashboard. */
export async function readAccountInfo(
	client: EnrowClient,
	itemIndex?: number,
): Promise<AccountReading> {
	const info = await client.request({ method: 'GET', path: ACCOUNT_INFO_PATH, itemIndex });
	return accountInfoOf(info.body as Partial<AccountInfo>);
}

/** How an error quotes the balance Enrow sent: `"lots"`, `null`, `{"paid":3}`, or "no balance". */
export function answeredBalanceText(answered: unknown): string {
	if (answered === undefined) return 'no balance';
	const text = JSON.stringify(answered) ?? String(answered);
	return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** Get account credits, when Enrow's answer has no balance the node can read. */
export function unreadableBalanceError(
	node: INode,
	itemIndex: number,
	answered: unknown,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`Enrow's account answer gives ${answeredBalanceText(answered)} as the credit balance, not a number`,
		{
			itemIndex,
			description:
				'The node does not guess a balance (0 would read as "out of credits"). Your balance shows in app.enrow.io. Reading it is free: try again in a few minutes; if Enrow keeps answering this, update the Enrow node (Settings → Community Nodes) or report it.',
		},
	);
}
