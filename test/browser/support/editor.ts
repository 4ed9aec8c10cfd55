/**
 * What every browser check starts from: the environment `npm run dev` serves (reference n8n
 * with both packed packages, the simulator credentials and every example), a headless Chromium
 * signed in as the owner, and a page on the editor.
 */
import * as fs from 'fs';
import * as path from 'path';

import type { Page } from 'playwright-core';

import { ensureN8nInstalled } from '../../../scripts/e2e/installN8n';
import { disposeAllN8nInstances } from '../../../scripts/e2e/n8nInstance';
import {
	buildPackages,
	DEMO_OWNER,
	startDevEnvironment,
	type DevEnvironment,
} from '../../../scripts/demo/environment';
import { ensureChromium, launchBrowser, type BrowserSession } from './browser';

export interface Editor {
	environment: DevEnvironment;
	session: BrowserSession;
	page: Page;
	/** Opens a workflow in the editor, with the canvas fitted and no popover over it. */
	openWorkflow(workflowId: string): Promise<void>;
	stop(): Promise<void>;
}

export function browserTiming(label: string, since: number): void {
	process.stderr.write(
		`[browser timing] ${label}: ${((Date.now() - since) / 1000).toFixed(1)} s\n`,
	);
}

export async function startEditor(): Promise<Editor> {
	const started = Date.now();
	ensureChromium((line) => process.stderr.write(`${line}\n`));
	const install = ensureN8nInstalled((line) => process.stderr.write(`${line}\n`));
	const tarballs = buildPackages();
	const environment = await startDevEnvironment({ tarballs, install });
	browserTiming('build + n8n with the examples', started);
	const session = await launchBrowser();
	// Signing in through the editor's own REST route puts the session cookie into the browser.
	const login = await session.context.request.post(`${environment.n8n.baseUrl}rest/login`, {
		data: { emailOrLdapLoginId: DEMO_OWNER.email, password: DEMO_OWNER.password },
	});
	if (login.status() !== 200)
		throw new Error(`Signing in to the editor failed (${login.status()})`);
	const page = await session.context.newPage();

	return {
		environment,
		session,
		page,
		async openWorkflow(workflowId) {
			await page.goto(`${environment.n8n.baseUrl}workflow/${workflowId}`);
			await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60_000 });
			// Published workflows show a "Production Checklist" popover at first.
			await page
				.locator('[data-test-id="suggested-actions-close"]')
				.click({ timeout: 3000 })
				.catch(() => undefined);
			await page.locator('[data-test-id="zoom-to-fit"]').click();
			await page.waitForTimeout(500);
		},
		async stop() {
			await session.close();
			await environment.stop();
			await disposeAllN8nInstances();
			if (tarballs.length) fs.rmSync(path.dirname(tarballs[0]), { recursive: true, force: true });
		},
	};
}
