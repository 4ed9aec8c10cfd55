/**
 * The n8n versions the suites run and what differs between them, in one place: how each one
 * installs here (installN8n.ts) and how the harness drives it (n8nInstance.ts, n8nApi.ts).
 * Each difference was found by running 1.123.81, 2.0.3 and 2.41.1; a version between two of
 * them is treated like the older one, which may be wrong for some (none is on this registry).
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
	 *  registered at once): 1.123.81 and 2.0.3 have only `/activate`, which 2.41.1 deprecates
	 *  for `/publish`. */
	publishRoute(workflowId: string): string;
	/** The query that reads an execution with its run data from the public API. 1.123.81 and
	 *  2.0.3 answer 400 to 2.41.1's `ignoreDataSizeLimit` (there, data is never left out). */
	executionDataQuery: string;
	/** 2.0.3's `n8n import:workflow` needs a `versionId` in the file ("NOT NULL constraint
	 *  failed: workflow_entity.versionId" without one; 1.123.81 and 2.41.1 make one), yet records
	 *  no version in the workflow's history, and publishing needs one ('Version "…" not found').
	 *  So there a workflow is saved through the API first, which records it, and then published. */
	importRecordsNoVersion: boolean;
	/** A parent waiting for a sub-workflow that paused gets the sub-workflow's results once it
	 *  ends (2.0.3, 2.41.1), not what the sub-workflow held when it paused (1.123.81). */
	resumesParentWithSubWorkflowResults: boolean;
	/** `$execution.resumeUrl` carries a per-execution secret, `?signature=<token>` (2.41.1);
	 *  on 1.123.81 and 2.0.3 it is `<base>webhook-waiting/<executionId>` alone. */
	signsResumeUrls: boolean;
	/** A production execution calls only a published sub-workflow (2.0.3, 2.41.1: "Workflow is
	 *  not active and cannot be executed" otherwise); 1.123.81 calls any. */
	callsPublishedSubWorkflowsOnly: boolean;
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
	const reference = isAtLeast(version, REFERENCE_N8N_VERSION);
	return {
		version,
		publishCommand: (id) =>
			v2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'],
		publishRoute: (id) => `/workflows/${id}/${reference ? 'publish' : 'activate'}`,
		executionDataQuery: reference
			? 'includeData=true&ignoreDataSizeLimit=true'
			: 'includeData=true',
		importRecordsNoVersion: v2 && !reference,
		resumesParentWithSubWorkflowResults: v2,
		signsResumeUrls: reference,
		callsPublishedSubWorkflowsOnly: v2,
		npmOverrides: reference ? undefined : { xlsx: 'npm:@e965/xlsx@0.20.3' },
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
