/** The simulated ValidEmailChecker API as the core sees it: one route, its state, 429 and statistics. */
import { bindRoutes, type ApiPart, type CoreServices, type RouteHandler } from '../core/apiPart';
import type { Reply } from '../core/http';
import { perMinuteRefusal } from './limits';
import { VecState } from './state';
import type { VecConfig, VecConfigPatch, VecStats } from './types';
import { VEC_PATH, verifySingle } from './verifySingle';

export class ValidEmailCheckerApi implements ApiPart {
	readonly routes: Record<string, RouteHandler>;
	private readonly state: VecState;

	constructor(config: VecConfig, core: CoreServices) {
		this.state = new VecState(config, core.requestTimers);
		this.routes = bindRoutes({ [`POST ${VEC_PATH}`]: verifySingle }, this.state);
	}

	/** The documented per-minute 429. */
	rateLimitedReply(): Reply {
		const { perMinuteLimit, perDayLimit } = this.state.config;
		const now = Date.now();
		return perMinuteRefusal(perMinuteLimit, perMinuteLimit + 1, 1000, now + 1000, perDayLimit);
	}

	configure(patch: VecConfigPatch): void {
		this.state.configure(patch);
	}

	reset(): void {
		this.state.reset();
	}

	/** Under `vec` in `stats()`. */
	stats(): { vec: VecStats } {
		const { counters, minuteWindow, blockedIps } = this.state;
		return {
			vec: {
				calls: counters.calls,
				creditsCharged: counters.charged - counters.refunded,
				refunded: counters.refunded,
				maxConcurrent: counters.maxConcurrent,
				rateLimited: counters.refused,
				maxCallsInAnyMinute: minuteWindow.max(),
				blockedIps: [...blockedIps],
			},
		};
	}
}
