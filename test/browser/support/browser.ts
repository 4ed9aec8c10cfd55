/**
 * Headless Chromium for the browser check: Debian's /usr/bin/chromium (installed with apt-get when
 * missing and running as root), driven by playwright-core. Playwright's own browser downloads
 * cannot be reached from these machines, so no `playwright install`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';

import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Installs Debian's chromium package when it is missing (needs root), else explains what to do. */
export function ensureChromium(log: (line: string) => void = () => undefined): string {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot || !fs.existsSync('/usr/bin/apt-get')) {
		throw new Error(
			`No Chromium at ${CHROMIUM}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
				'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
		);
	}
	log("Installing Debian's chromium package (apt-get, about a minute)...");
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
			env,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
	try {
		install();
	} catch {
		execFileSync('apt-get', ['update'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
		install();
	}
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`apt-get installed chromium, but ${CHROMIUM} is missing`);
	return CHROMIUM;
}

export interface BrowserSession {
	browser: Browser;
	context: BrowserContext;
	close(): Promise<void>;
}

/**
 * Chromium with the flags these machines need (as root: no sandbox; no background networking,
 * whose connections the closed network refuses). Playwright gives it a fresh temporary profile.
 */
export async function launchBrowser(): Promise<BrowserSession> {
	const browser = await chromium.launch({
		executablePath: ensureChromium(),
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
	return {
		browser,
		context,
		close: async () => {
			await context.close().catch(() => undefined);
			await browser.close().catch(() => undefined);
		},
	};
}
