/** What every end-to-end suite shares: the packed packages and a fresh n8n instance. */
import * as fs from 'fs';
import * as path from 'path';

import { N8nInstance, type N8nInstanceOptions } from '../../../scripts/e2e/n8nInstance';

/** The tarballs globalSetup packed, n8n-nodes-enrow's first (run the suites with `npm run test:e2e`). */
export function packageTarballs(): string[] {
	const tarballs = (process.env.N8N_E2E_TARBALLS ?? '').split(path.delimiter).filter(Boolean);
	if (tarballs.length === 0 || !tarballs.every((tarball) => fs.existsSync(tarball))) {
		throw new Error(
			'No packed packages: run the end-to-end suites with `npm run test:e2e` (jest -c jest.e2e.config.js).',
		);
	}
	return tarballs;
}

/** A new n8n user folder with both packages installed as community packages (server not started).
 *  `options`: e.g. `{ queue: { services } }` for queue mode. */
export async function createN8n(
	name: string,
	options: Omit<N8nInstanceOptions, 'tarballs' | 'name'> = {},
): Promise<N8nInstance> {
	return await N8nInstance.create({ ...options, tarballs: packageTarballs(), name });
}
