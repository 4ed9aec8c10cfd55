import type { Reply } from './http';
import type { FaultRule } from './types';

interface QueuedFault {
	rule: FaultRule;
	remaining: number;
}

/** Fault rules in the order they were added; each is removed after `times` matching requests. */
export class FaultQueue {
	private queue: QueuedFault[] = [];

	add(rule: FaultRule): void {
		this.queue.push({ rule, remaining: Math.max(1, Math.floor(rule.times ?? 1)) });
	}

	/** The first rule (other than jobFailed) matching this request; consumes one use of it. */
	takeRequestFault(method: string, path: string): FaultRule | undefined {
		return this.take(method, path, (rule) => rule.type !== 'jobFailed');
	}

	/** Called when a POST creates a job: true when a jobFailed rule claims that job. */
	takeJobFailure(method: string, path: string): boolean {
		return this.take(method, path, (rule) => rule.type === 'jobFailed') !== undefined;
	}

	clear(): void {
		this.queue = [];
	}

	private take(
		method: string,
		path: string,
		wanted: (rule: FaultRule) => boolean,
	): FaultRule | undefined {
		const entry = this.queue.find(
			({ rule }) =>
				wanted(rule) &&
				(rule.match?.method === undefined || rule.match.method === method) &&
				(rule.match?.path === undefined || rule.match.path === path),
		);
		if (!entry) return undefined;
		entry.remaining -= 1;
		if (entry.remaining <= 0) this.queue = this.queue.filter((queued) => queued !== entry);
		return entry.rule;
	}
}

const HTML_PAGES: Record<number, string> = {
	502: 'Bad Gateway',
	503: 'Service Temporarily Unavailable',
	504: 'Gateway Time-out',
};

function htmlPage(status: number): string {
	const title = `${status} ${HTML_PAGES[status] ?? 'Error'}`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * The canned answer of a fault that answers without processing the request
 * (status, rateLimit, malformedJson, html). latency, drop* and jobFailed are handled by the caller.
 * `rateLimited` is the 429 of the API the request was for, asking for a 1 s wait.
 */
export function faultReply(rule: FaultRule, rateLimited: () => Reply): Reply {
	switch (rule.type) {
		case 'rateLimit': {
			const reply = rateLimited();
			return {
				...reply,
				...(rule.headers ? { headers: rule.headers } : {}),
				...(rule.body !== undefined ? { body: rule.body } : {}),
			};
		}
		case 'malformedJson':
			// A body cut off mid-string, as a proxy that dropped the connection would deliver it.
			return {
				status: 200,
				text:
					typeof rule.body === 'string'
						? rule.body
						: '{"message":"Single search operating","id":"0cf5',
				headers: rule.headers,
			};
		case 'html': {
			const status = rule.status ?? 502;
			return {
				status,
				text: typeof rule.body === 'string' ? rule.body : htmlPage(status),
				contentType: 'text/html',
				headers: rule.headers,
			};
		}
		default: {
			const status = rule.status ?? 500;
			if (typeof rule.body === 'string') {
				return { status, text: rule.body, contentType: 'text/plain', headers: rule.headers };
			}
			return {
				status,
				body: rule.body ?? { message: 'Internal Server Error' },
				headers: rule.headers,
			};
		}
	}
}
