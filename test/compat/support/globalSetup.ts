/**
 * Runs once before the compatibility suite: installs each n8n version it runs (normally done
 * already by `npm run test:compat`), then builds and packs both packages once. The tarballs'
 * paths reach the suite through N8N_E2E_TARBALLS, as in the end-to-end suites.
 */
import * as fs from 'fs';
import * as path from 'path';

import { ensureN8nInstalled } from '../../../scripts/e2e/installN8n';
import { requestedCompatVersions } from '../../../scripts/e2e/n8nVersions';
import { buildAndPack, REPO_ROOT } from '../../../scripts/e2e/packPackage';
import { reportTiming } from '../../e2e/support/timing';

export default function globalSetup(): void {
	for (const version of requestedCompatVersions()) {
		ensureN8nInstalled((line) => process.stderr.write(`${line}\n`), version);
	}
	const started = Date.now();
	const outDir = path.join(REPO_ROOT, '.e2e', 'compat-package');
	fs.rmSync(outDir, { recursive: true, force: true });
	process.env.N8N_E2E_TARBALLS = buildAndPack(outDir).join(path.delimiter);
	reportTiming('build + npm pack (both packages)', Date.now() - started);
}
