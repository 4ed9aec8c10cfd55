/**
 * What one simulated API registers on the core (simulator/enrow/ and simulator/validEmailChecker/
 * each build one). The core owns the HTTP server, the control API, faults and the request record;
 * everything an API decides (its routes, state, limits, statistics) stays behind this interface.
 */
import type { FaultQueue } from './faults';
import type { Reply, RequestContext } from './http';
import type { TimerSet } from './timers';

export type RouteHandler = (ctx: RequestContext) => Reply | Promise<Reply>;

/** An API's handlers of (request, its state), keyed 'METHOD /path', as the core's RouteHandlers. */
export function bindRoutes<TState>(
	table: Record<string, (ctx: RequestContext, state: TState) => Reply | Promise<Reply>>,
	state: TState,
): Record<string, RouteHandler> {
	return Object.fromEntries(
		Object.entries(table).map(([route, handler]) => [route, (ctx) => handler(ctx, state)]),
	);
}

/** What the core lends an API: the fault queue (jobFailed) and the timers close() clears. */
export interface CoreServices {
	readonly faults: FaultQueue;
	/** Request latency (latency faults, slow answers): cleared by close() only, never by reset(). */
	readonly requestTimers: TimerSet;
}

export interface ApiPart {
	/** The API's endpoints, keyed 'METHOD /path'. */
	readonly routes: Record<string, RouteHandler>;
	/** Called for every request to one of its paths as it is recorded, before any fault applies. */
	noteRequest?(ctx: RequestContext, now: number): void;
	/** The 429 a `rateLimit` fault answers in this API's name, asking for a 1 s wait. */
	rateLimitedReply(): Reply;
	/** A control request (/__sim/...) the API answers itself, or undefined when it is not one of its. */
	control?(ctx: RequestContext): Reply | undefined;
	/** Deep-merges the API's slice of a config patch (`configure()`, `POST /__sim/config`). */
	configure(patch: unknown): void;
	/** State, counters and balances back to the config's values (the config is kept). */
	reset(): void;
	/** The API's statistics, merged into `stats()` beside the core's request counts. */
	stats(): object;
	/** Stops the API's own timers and outgoing requests. */
	close?(): void;
}
