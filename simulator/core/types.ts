/**
 * Public types of the simulator's core: faults and the record of every API request.
 * Everything here is plain JSON so it crosses the control API unchanged.
 */

export type FaultType =
	| 'status'
	| 'rateLimit'
	| 'latency'
	| 'dropAfterProcessing'
	| 'dropBeforeProcessing'
	| 'malformedJson'
	| 'html'
	| 'jobFailed';

/** Queued; a rule applies to the next `times` matching requests (default 1), then is removed. */
export interface FaultRule {
	match?: { method?: 'GET' | 'POST'; path?: string };
	times?: number;
	type: FaultType;
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	ms?: number;
}

export interface RequestRecord {
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	/** 0 when the simulator dropped the connection without answering. */
	status: number;
	apiKeyPresent: boolean;
	at: number;
}

/** What the core counts of the API requests it received, whichever API they were for. */
export interface RequestStats {
	requests: RequestRecord[];
	/** Keyed by 'METHOD /path', e.g. 'POST /email/verify/bulk'. */
	requestsByRoute: Record<string, number>;
	posts: number;
	gets: number;
}
