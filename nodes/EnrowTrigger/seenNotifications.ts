import type { IDataObject } from 'n8n-workflow';

/** How many handled notifications a trigger remembers, in the workflow's static data. */
const REMEMBERED = 1000;
/** How long this process also remembers one, for duplicates that arrive at the same moment. */
const RECENT_MS = 10 * 60_000;

/**
 * Notifications this process is handling or handled a moment ago, with how many copies of each
 * it answered as duplicates. Two copies of one notification can arrive before n8n has saved the
 * workflow's static data for the first: this catches them. It is only a guard: the static data,
 * saved by n8n and kept across restarts, is the record. (With several webhook processors in
 * queue mode, copies that land on different processes at the same instant can both start the
 * workflow.)
 */
const recent = new Map<string, { at: number; copies: number }>();

function forgetOld(now: number): void {
	for (const [key, { at }] of recent) {
		if (now - at < RECENT_MS && recent.size <= REMEMBERED) break;
		recent.delete(key);
	}
}

/**
 * Whether this notification (same event, same job) was seen before by this trigger; if not,
 * it is remembered now, in `staticData` and in this process.
 */
export function seenBefore(staticData: IDataObject, scope: string, notification: string): boolean {
	const now = Date.now();
	forgetOld(now);
	const key = `${scope}\n${notification}`;
	const handled = Array.isArray(staticData.handledNotifications)
		? (staticData.handledNotifications as string[])
		: [];
	const seenHere = recent.get(key);
	if (seenHere) seenHere.copies++;
	if (seenHere || handled.includes(notification)) return true;
	recent.set(key, { at: now, copies: 0 });
	staticData.handledNotifications = [...handled, notification].slice(-REMEMBERED);
	return false;
}

/** How many copies of a notification this process answered as duplicates since it was first seen. */
export function copiesSeen(scope: string, notification: string): number {
	return recent.get(`${scope}\n${notification}`)?.copies ?? 0;
}

/** Forgets a notification whose handling failed, so Enrow (or a user) can deliver it again. */
export function forget(staticData: IDataObject, scope: string, notification: string): void {
	recent.delete(`${scope}\n${notification}`);
	if (Array.isArray(staticData.handledNotifications)) {
		staticData.handledNotifications = (staticData.handledNotifications as string[]).filter(
			(seen) => seen !== notification,
		);
	}
}
