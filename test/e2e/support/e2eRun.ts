/** What every end-to-end suite shares: the packed package and a fresh n8n instance. */
import * as fs from 'fs';

import { N8nInstance, type N8nInstanceOptions } from '../../../scripts/e2e/n8nInstance';

/** The tarball globalSetup packed (run the suites with `npm run test:e2e`). */
export function packageTarball(): string {
	const tarball = process.env.N8N_E2E_TARBALL;
	if (!tarball || !fs.existsSync(tarball)) {
		throw new Error(
			'No packed package: run the end-to-end suites with `npm run test:e2e` (jest -c jest.e2e.config.js).',
		);
	}
	return tarball;
}

/** A new n8n user folder with this package installed as a community package (server not started).
 *  `options`: e.g. `{ queue: { services } }` for queue mode. */
export async function createN8n(
	name: string,
	options: Omit<N8nInstanceOptions, 'tarball' | 'name'> = {},
): Promise<N8nInstance> {
	return await N8nInstance.create({ ...options, tarball: packageTarball(), name });
}
