/** Reading what `npm pack` / `npm publish` put, or would put, in a package's tarball. */

/** What a published tarball may hold: dist/ and the files npm always adds. */
export function isAllowedInTarball(file: string): boolean {
	return (
		file === 'package.json' ||
		/^(README|LICEN[CS]E)(\.md|\.txt)?$/i.test(file) ||
		file.startsWith('dist/')
	);
}

export interface PackedPackage {
	name: string;
	version: string;
	files: string[];
}

/** Parses `npm pack --json` / `npm publish --json` output (an array, or an object keyed by name). */
export function parsePacked(stdout: string): PackedPackage[] {
	const parsed = JSON.parse(stdout) as unknown;
	const entries = (Array.isArray(parsed) ? parsed : Object.values(parsed as object)) as Array<{
		name: string;
		version: string;
		files: Array<{ path: string }>;
	}>;
	return entries.map(({ name, version, files }) => ({
		name,
		version,
		files: files.map((file) => file.path),
	}));
}
