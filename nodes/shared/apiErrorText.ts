/**
 * The human-readable text of an API error body. Enrow answers `{ message }`, or
 * `{ reason, success: false }` for 402 on single endpoints; older docs add `error`.
 * ValidEmailChecker answers `{ error, message }`. HTML error pages from proxies are
 * reduced to their text so the user sees something useful, never markup.
 */
export function apiErrorText(body: unknown): string | undefined {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'string') {
		const text = body
			.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
			.replace(/<[^>]+>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim();
		return text ? truncate(text, 200) : undefined;
	}
	if (typeof body === 'object' && !Array.isArray(body)) {
		const record = body as Record<string, unknown>;
		for (const field of ['message', 'reason', 'error']) {
			const value = record[field];
			if (typeof value === 'string' && value.trim()) return truncate(value.trim(), 500);
		}
	}
	return undefined;
}

function truncate(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
