/** Plain-JSON helpers for configs and control payloads: every config crosses the control API as JSON. */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges `patch` into `target` in place: objects key by key, everything else (arrays too) replaced. */
export function deepMerge(target: Record<string, unknown>, patch: unknown): void {
	if (!isPlainObject(patch)) return;
	for (const [key, value] of Object.entries(patch)) {
		if (value === undefined) continue;
		const current = target[key];
		if (isPlainObject(value) && isPlainObject(current)) {
			deepMerge(current, value);
		} else {
			target[key] = isPlainObject(value) || Array.isArray(value) ? clone(value) : value;
		}
	}
}

export function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
