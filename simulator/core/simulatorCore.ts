/**
 * The core's state: the APIs registered on it, the fault queue, request latency timers and the
 * record of every API request. It knows no API; each one is an ApiPart (apiPart.ts).
 */
import type { ApiPart, CoreServices } from './apiPart';
import { FaultQueue } from './faults';
import { clone, isPlainObject } from './merge';
import { TimerSet } from './timers';
import type { RequestStats } from './types';

function freshRequestStats(): RequestStats {
	return { requests: [], requestsByRoute: {}, posts: 0, gets: 0 };
}

const pathOfRoute = (route: string) => route.slice(route.indexOf(' ') + 1);

/** `TStats`: what the registered APIs' statistics add up to, beside the request counts. */
export class SimulatorCore<TStats extends RequestStats = RequestStats> implements CoreServices {
	readonly faults = new FaultQueue();
	readonly requestTimers = new TimerSet();
	counters = freshRequestStats();
	/** Config key (e.g. 'enrow') → API, in registration order. */
	private readonly parts = new Map<string, ApiPart>();

	/**
	 * Adds an API under its config key. The first one registered also answers for paths no API
	 * lists (its rate-limit 429 for a fault there, its request note).
	 */
	register(configKey: string, part: ApiPart): void {
		this.parts.set(configKey, part);
	}

	/** The handler of 'METHOD /path', if an API has one. */
	handlerFor(method: string, path: string) {
		const route = `${method} ${path}`;
		for (const part of this.parts.values()) {
			if (Object.prototype.hasOwnProperty.call(part.routes, route)) return part.routes[route];
		}
		return undefined;
	}

	/** The API a path belongs to: the one listing it, else the first registered. */
	partFor(path: string): ApiPart {
		const parts = this.allParts();
		const owner = parts.find((part) =>
			Object.keys(part.routes).some((r) => pathOfRoute(r) === path),
		);
		return owner ?? parts[0];
	}

	allParts(): ApiPart[] {
		return [...this.parts.values()];
	}

	/** Hands each API its slice of the patch (`{ enrow: {...}, vec: {...} }`). */
	configure(patch: unknown): void {
		if (!isPlainObject(patch)) return;
		for (const [configKey, part] of this.parts) {
			if (patch[configKey] !== undefined) part.configure(patch[configKey]);
		}
	}

	/** Faults, request record and every API's state back to the config's values. */
	reset(): void {
		this.faults.clear();
		this.counters = freshRequestStats();
		for (const part of this.parts.values()) part.reset();
	}

	/** The request counts, then each API's statistics, as one JSON copy. */
	snapshotStats(): TStats {
		const apiStats = this.allParts().map((part) => part.stats());
		return clone(Object.assign({ ...this.counters }, ...apiStats) as TStats);
	}

	/** Stops every API's timers and outgoing requests, then the request latency timers. */
	close(): void {
		for (const part of this.parts.values()) part.close?.();
		this.requestTimers.clear();
	}
}
