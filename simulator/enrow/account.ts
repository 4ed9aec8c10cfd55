/** GET /account/info: free, never rate limited (Enrow's docs). */
import { json } from '../core/http';
import { enrowEndpoint, type EnrowRoute } from './common';

export const ACCOUNT_PATH = '/account/info';

export const getAccountInfo: EnrowRoute = enrowEndpoint((_ctx, state, apiKey) => {
	const { globalWebhook } = state.config;
	// may be fractional (verifications cost 0.25)
	const credits = state.balance(apiKey);
	// `webhooks` is absent when none is set in the dashboard (newest docs revision).
	return json(200, globalWebhook ? { credits, webhooks: [globalWebhook] } : { credits });
});
