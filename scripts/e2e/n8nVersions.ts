/**
 * The n8n versions the suites run and what differs between them, in one place: how each one
 * installs here (installN8n.ts) and how the harness drives it (n8nInstance.ts, n8nApi.ts).
 */

/** The end-to-end, browser and bench suites run on this one. */
export const REFERENCE_N8N_VERSION = '2.41.1';

/** What `npm run test:compat` runs by default: the 1.x line n8n still patches, the first 2.x,
 *  and the reference. */
export const COMPAT_N8N_VERSIONS = ['1.123.81', '2.0.3', REFERENCE_N8N_VERSION] as const;

export interface N8nVersionTraits {
	version: string;
	/** npm `overrides` for the install folder. The n8n-nodes-base of 1.123.81 and 2.0.3
	 *  depends on `xlsx` as a cdn.sheetjs.com tarball, unreachable here; the registry's mirror
	 *  of the same library replaces it (an override nothing depends on is ignored). 2.41.1
	 *  depends on the mirror itself; the versions in between are not on this registry. */
	npmOverrides?: Record<string, string>;
	/** The CLI command that publishes (activates) a workflow while n8n is stopped: 1.x has
	 *  only `update:workflow --active=true`, which 2.x deprecates for `publish:workflow`. */
	publishCommand(workflowId: string): string[];
	/** The public API route that publishes a workflow in a running n8n (its webhooks are
	 *  registered at once): 1.x has only `/activate`, which 2.41.1 deprecates for `/publish`. */
	publishRoute(workflowId: string): string;
}

/** [major, minor, patch] of '1.123.81'. */
export function parseVersion(version: string): [number, number, number] {
	const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
	if (!match) throw new Error(`Not an n8n version: "${version}"`);
	return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** True when `version` is `minimum` or newer. */
export function isAtLeast(version: string, minimum: string): boolean {
	const [a, b] = [parseVersion(version), parseVersion(minimum)];
	for (let part = 0; part < 3; part++) if (a[part] !== b[part]) return a[part] > b[part];
	return true;
}

export function traitsOf(version: string): N8nVersionTraits {
	const v2 = isAtLeast(version, '2.0.0');
	return {
		version,
		publishCommand: (id) =>
			v2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'],
		publishRoute: (id) => `/workflows/${id}/${v2 ? 'publish' : 'activate'}`,
		npmOverrides: isAtLeast(version, REFERENCE_N8N_VERSION)
			? undefined
			: { xlsx: 'npm:@e965/xlsx@0.20.3' },
	};
}

/** The versions `npm run test:compat` runs: N8N_COMPAT_VERSIONS (comma-separated), else all of
 *  COMPAT_N8N_VERSIONS. */
export function requestedCompatVersions(env: NodeJS.ProcessEnv = process.env): string[] {
	const listed = (env.N8N_COMPAT_VERSIONS ?? '')
		.split(',')
		.map((version) => version.trim())
		.filter(Boolean);
	const versions = listed.length > 0 ? listed : [...COMPAT_N8N_VERSIONS];
	for (const version of versions) parseVersion(version);
	return versions;
}
