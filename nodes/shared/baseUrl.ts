/**
 * A credential's Base URL, and the two ways it can point the node at the wrong place: a value
 * that is not an http(s) address (refused before anything is sent), and an address that
 * answers with a redirect (not followed: see apiAnswer.ts). Both packages word them the same way.
 */
import { readHeader } from './retryTiming';
import type { ApiResponse } from './apiAnswer';

/** Which credential and service the texts name, e.g. "Enrow API", "Enrow", https://api.enrow.io. */
export interface BaseUrlOwner {
	credential: string;
	service: string;
	defaultUrl: string;
}

export interface BaseUrlTexts {
	message: string;
	description: string;
}

export type BaseUrlReading = { url: string } | { refusal: BaseUrlTexts };

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
/** What a host name (with an optional port and path) typed without its scheme looks like. */
const HOST_ONLY = /^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+)(:\d+)?(\/\S*)?$/i;

/** A value quoted in an error: short, and never something that may be a key pasted in the wrong field. */
function shown(value: string, redact: (text: string) => string): string {
	const looksLikeAKey = !/[.:/]/.test(value) && value.length >= 16;
	if (looksLikeAKey)
		return `${value.length} characters that are not a web address (not shown: it may be a key)`;
	const clean = redact(value);
	return `"${clean.length > 100 ? `${clean.slice(0, 99)}…` : clean}"`;
}

function isHttpUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/** The address the user most likely meant, or undefined when there is no good guess. */
function likelyMeant(value: string): string | undefined {
	const scheme = SCHEME.exec(value);
	// htps://, ftp://...: the rest is probably right.
	const rest = scheme ? value.slice(scheme[0].length) : value.replace(/^https?:?\/*(?=\w)/i, '');
	const guess = `https://${rest}`;
	return HOST_ONLY.test(rest) && isHttpUrl(guess) ? guess : undefined;
}

/**
 * The Base URL to send requests to: trimmed, without trailing slashes, the default when empty.
 * A value that is not an http(s) address is refused with a text naming the credential field,
 * the value and the fix; `redact` removes the API key from the quoted value.
 */
export function readBaseUrl(
	configured: unknown,
	owner: BaseUrlOwner,
	redact: (text: string) => string,
): BaseUrlReading {
	const value = typeof configured === 'string' ? configured.trim() : '';
	if (!value) return { url: owner.defaultUrl };
	const url = value.replace(/\/+$/, '');
	if (isHttpUrl(url)) return { url };

	const scheme = SCHEME.exec(value)?.[1];
	let what = 'is not a web address';
	if (scheme && !/^https?$/i.test(scheme)) what = `starts with ${scheme}:// instead of https://`;
	else if (!scheme && HOST_ONLY.test(value)) what = 'does not start with https://';
	const meant = likelyMeant(value);
	const isOwnHost = meant !== undefined && new URL(meant).origin === owner.defaultUrl;
	const fix =
		meant === undefined || isOwnHost
			? `set Base URL to ${owner.defaultUrl}${meant === undefined ? ` (${owner.service}'s own address), or to your proxy's full address starting with https://` : ''}`
			: `set Base URL to ${meant} (or ${meant.replace(/^https/, 'http')} if that server only serves plain HTTP; ${owner.service}'s own address is ${owner.defaultUrl})`;
	return {
		refusal: {
			message: `The Base URL in the ${owner.credential} credential ${what}`,
			description: `Base URL is ${shown(value, redact)}. Open the ${owner.credential} credential and ${fix}. Nothing was sent or charged.`,
		},
	};
}

/** 3xx: an answer that only says where to go instead; the request was not processed there. */
export function isRedirect(statusCode: number): boolean {
	return statusCode >= 300 && statusCode < 400;
}

/**
 * Why a redirect is refused, and the Base URL to set instead: the address it redirects to,
 * less the path the node asked for (a proxy's own path prefix stays), else its origin.
 */
export function redirectTexts(
	owner: BaseUrlOwner,
	response: ApiResponse,
	request: { baseUrl: string; path: string },
	redact: (text: string) => string,
): BaseUrlTexts {
	const location = readHeader(response.headers, 'location');
	let target: URL | undefined;
	try {
		target = location ? new URL(location, `${request.baseUrl}${request.path}`) : undefined;
	} catch {
		target = undefined;
	}
	const why = `${owner.service}'s API must be called at its own address: a redirected request may reach it changed (a POST turned into a GET) and carry the API key to another address, so the node does not follow redirects. A redirect is not processed, so nothing was charged.`;
	const answered = `The Base URL (${redact(request.baseUrl)}) answered HTTP ${response.statusCode}`;
	if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:')) {
		return {
			message: `The Base URL in the ${owner.credential} credential redirects elsewhere`,
			description: `${answered}${location ? ` with Location "${redact(location).slice(0, 200)}"` : ' without saying where to'}. Open the ${owner.credential} credential and set Base URL to ${owner.defaultUrl}, or to your proxy's address. ${why}`,
		};
	}
	const path = target.pathname.replace(/\/+$/, '');
	const suffix = request.path.replace(/\/+$/, '');
	const prefix = suffix && path.endsWith(suffix) ? path.slice(0, -suffix.length) : '';
	const setTo = `${target.origin}${prefix}`;
	const shownTarget = redact(target.href);
	return {
		message: `The Base URL in the ${owner.credential} credential redirects to ${shownTarget.length > 120 ? `${shownTarget.slice(0, 119)}…` : shownTarget}`,
		description: `${answered}. Open the ${owner.credential} credential and set Base URL to ${setTo}. ${why}`,
	};
}
