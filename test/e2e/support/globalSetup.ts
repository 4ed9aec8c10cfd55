/**
 * Runs once before the end-to-end suites: makes sure the reference n8n is installed (normally
 * done already by `npm run test:e2e`), then builds and packs both packages once for every suite.
 * The tarballs' paths reach the suites through N8N_E2E_TARBALLS (joined with path.delimiter).
 */
import * as fs from 'fs';
import * as path from 'path';

import { ensureN8nInstalled } from '../../../scripts/e2e/installN8n';
import { buildAndPack, REPO_ROOT } from '../../../scripts/e2e/packPackage';
import { reportTiming } from './timing';

export default function globalSetup(): void {
	ensureN8nInstalled((line) => process.stderr.write(`${line}\n`));
	const started = Date.now();
	const outDir = path.join(REPO_ROOT, '.e2e', 'package');
	fs.rmSync(outDir, { recursive: true, force: true });
	process.env.N8N_E2E_TARBALLS = buildAndPack(outDir).join(path.delimiter);
	reportTiming('build + npm pack (both packages)', Date.now() - started);
}
