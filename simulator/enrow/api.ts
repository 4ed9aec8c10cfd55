/** The simulated Enrow API as the core sees it: its routes, state, 429, control requests and statistics. */
import { bindRoutes, type ApiPart, type CoreServices, type RouteHandler } from '../core/apiPart';
import { headerValue, type Reply, type RequestContext } from '../core/http';
import { enrowControl } from './control';
import { completeAllJobs, jobSummary } from './jobs';
import { rateLimitedReply } from './rateLimit';
import { ENROW_ROUTES } from './routes';
import { EnrowState } from './state';
import type { EnrowConfig, EnrowConfigPatch, EnrowStats } from './types';

export class EnrowApi implements ApiPart {
	readonly routes: Record<string, RouteHandler>;
	private readonly state: EnrowState;

	constructor(config: EnrowConfig, core: CoreServices) {
		this.state = new EnrowState(config, core.faults);
		this.routes = bindRoutes(ENROW_ROUTES, this.state);
	}

	/** Every POST counts toward `maxPostsAttemptedInAnyOneSecond`, whatever happens to it next. */
	noteRequest(ctx: RequestContext, now: number): void {
		if (ctx.method !== 'POST') return;
		this.state.attemptedPosts.add(headerValue(ctx.headers, 'x-api-key') ?? '', now);
	}

	rateLimitedReply(): Reply {
		return rateLimitedReply(this.state.config.rateLimitHeader, 1);
	}

	control(ctx: RequestContext): Reply | undefined {
		return enrowControl(ctx, this.state);
	}

	configure(patch: EnrowConfigPatch): void {
		this.state.configure(patch);
	}

	reset(): void {
		this.state.reset();
	}

	/** Finishes every ongoing job now (their webhooks fire); returns how many there were. */
	completeAllJobs(): number {
		return completeAllJobs(this.state);
	}

	stats(): EnrowStats {
		const { state } = this;
		const { counters } = state;
		return {
			jobs: [...state.jobs.values()].map(jobSummary),
			jobsCreated: state.jobs.size,
			credits: {
				reserved: counters.reserved,
				refunded: counters.refunded,
				charged: counters.reserved - counters.refunded,
			},
			webhookDeliveries: counters.webhookDeliveries,
			maxPostsInAnyOneSecond: state.acceptedPosts.max(),
			maxPostsAttemptedInAnyOneSecond: state.attemptedPosts.max(),
		};
	}

	close(): void {
		this.state.jobTimers.clear();
		this.state.webhooks.abortAll();
	}
}
