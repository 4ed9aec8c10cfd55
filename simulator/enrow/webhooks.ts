/**
 * Enrow's completion webhooks: the six payload shapes as Enrow's docs give them (legacy quirks kept)
 * and their delivery. Delivery is at-most-once: one POST, 10 s timeout, no retry (none is documented).
 * The URL is used exactly as given, query string included.
 */
import * as http from 'http';
import * as https from 'https';
import type { TimerSet } from '../core/timers';
import type { WebhookDelivery } from './types';

const DELIVERY_TIMEOUT_MS = 10_000;

export const singleSearchFinished = (
	id: string,
	cost: number,
	result: Record<string, unknown>,
) => ({
	event: 'single_search_finished',
	id,
	credits: { cost },
	result,
});

export const bulkSearchFinished = (id: string, cost: number) => ({
	event: 'bulk_search_finished',
	id,
	credits: { cost },
});

/** Flat: the result fields sit at the top level, not under `result` (README.io example). */
export const verificationFinished = (
	id: string,
	result: { email: unknown; qualification: string; custom: unknown },
) => ({ event: 'verification_finished', id, ...result });

export const bulkVerificationFinished = (id: string, cost: number) => ({
	event: 'bulk_verification_finished',
	id,
	credits: { cost },
});

/** Doubly nested `result.result`, verbatim from README.io; the inner id is the same job id. */
export const singlePhoneSearchFinished = (
	id: string,
	cost: number,
	result: Record<string, unknown>,
) => ({
	event: 'single_phone_search_finished',
	id,
	credits: { cost },
	result: { event: 'single_phone_search_finished', id, result },
});

/** No credits here (README.io). */
export const bulkPhoneSearchFinished = (id: string) => ({
	event: 'bulk_phone_search_finished',
	id,
});

/** Sends webhooks and records each attempt; `abortAll` cancels pending and in-flight ones. */
export class WebhookSender {
	private readonly inFlight = new Set<http.ClientRequest>();

	constructor(
		private readonly timers: TimerSet,
		private readonly record: (delivery: WebhookDelivery) => void,
	) {}

	send(url: string, jobId: string, payload: { event: string }, delayMs: number): void {
		const deliver = () => this.post(url, jobId, payload);
		if (delayMs > 0) this.timers.schedule(deliver, delayMs);
		else deliver();
	}

	abortAll(): void {
		for (const request of this.inFlight) request.destroy();
		this.inFlight.clear();
	}

	private post(url: string, jobId: string, payload: { event: string }): void {
		const sentAt = Date.now();
		const finish = (status: number | 'error') => {
			if (!this.inFlight.delete(request)) return; // aborted by reset/close, or already recorded
			this.record({ url, event: payload.event, jobId, status, sentAt, at: Date.now() });
		};
		let request: http.ClientRequest;
		const body = JSON.stringify(payload);
		try {
			const client = url.startsWith('https:') ? https : http;
			request = client.request(url, {
				method: 'POST',
				agent: false, // one connection per delivery, closed after it: nothing lingers after close()
				timeout: DELIVERY_TIMEOUT_MS,
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(body),
					'User-Agent': 'enrow-simulator',
				},
			});
		} catch {
			// An unusable URL (Enrow would not deliver either).
			this.record({ url, event: payload.event, jobId, status: 'error', sentAt, at: sentAt });
			return;
		}
		this.inFlight.add(request);
		request.on('response', (response) => {
			response.resume();
			finish(response.statusCode ?? 0);
		});
		request.on('timeout', () => request.destroy(new Error('webhook timeout')));
		request.on('error', () => finish('error'));
		request.end(body);
	}
}
