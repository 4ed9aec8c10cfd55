/**
 * Builds this repository's two packages (n8n-nodes-enrow at the root, n8n-nodes-validemailchecker
 * in its folder), packs each as npm would publish it, and installs the tarballs into an n8n user
 * folder the way n8n 2.41's community-package installer does
 * (`CommunityPackagesService.downloadPackage`): unpack into `.n8n/nodes/node_modules/<name>`,
 * drop dev/peer/optional dependencies from its package.json, `npm install --ignore-scripts` there,
 * and add it to the dependencies listed in `.n8n/nodes/package.json`. n8n then loads them at
 * start-up as `n8n-nodes-enrow.*` and `n8n-nodes-validemailchecker.*`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** npm hands its config to child processes as npm_config_* variables (e.g. this repo's
 *  ignore-scripts=true); commands meant to behave as on a user's machine must not inherit them. */
export function envWithoutNpmConfig(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(base)) {
		if (!/^npm_/i.test(key)) env[key] = value;
	}
	return env;
}

/** The packages this repository publishes, and the folder each is packed from. */
export const PACKAGES = [
	{ name: 'n8n-nodes-enrow', dir: REPO_ROOT },
	{
		name: 'n8n-nodes-validemailchecker',
		dir: path.join(REPO_ROOT, 'n8n-nodes-validemailchecker'),
	},
] as const;

/** `npm pack` in `packageDir` into `outDir`. Returns the tarball's path. */
export function packPackage(packageDir: string, outDir: string): string {
	const packed = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
		cwd: packageDir,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const [{ filename }] = JSON.parse(packed) as Array<{ filename: string }>;
	return path.join(outDir, path.basename(filename));
}

/** `npm run build` at the root (it builds both packages), then `npm pack` of each into `outDir`.
 *  Returns the tarballs, in the order of PACKAGES. */
export function buildAndPack(outDir: string): string[] {
	fs.mkdirSync(outDir, { recursive: true });
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
	return PACKAGES.map(({ dir }) => packPackage(dir, outDir));
}

/** Installs every tarball into `<userFolder>/.n8n/nodes`, one after the other, as n8n would. */
export function installPackagesIntoUserFolder(
	tarballs: readonly string[],
	userFolder: string,
): void {
	for (const tarball of tarballs) installPackageIntoUserFolder(tarball, userFolder);
}

/** Installs `tarball` into `<userFolder>/.n8n/nodes` as n8n's own installer would. */
export function installPackageIntoUserFolder(tarball: string, userFolder: string): void {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const manifest = readTarballManifest(tarball);
	const packageDir = path.join(nodesDir, 'node_modules', manifest.name);
	fs.mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);

	const packageJsonPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(
		fs.readFileSync(packageJsonPath, 'utf8'),
	) as Record<string, unknown>;
	void devDependencies;
	void peerDependencies;
	void optionalDependencies;
	fs.writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));
	execFileSync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: packageDir, env: envWithoutNpmConfig(), stdio: ['ignore', 'ignore', 'inherit'] },
	);
	addToInstalledPackages(nodesDir, manifest);
}

/**
 * n8n's ledger of installed packages, `.n8n/nodes/package.json`: the new package is added to the
 * ones already listed (`mutatePackageJsonDependencies`); an unreadable ledger starts afresh.
 */
function addToInstalledPackages(nodesDir: string, manifest: { name: string; version: string }) {
	const ledgerPath = path.join(nodesDir, 'package.json');
	let ledger: { dependencies: Record<string, string> } & Record<string, unknown> = {
		name: 'installed-nodes',
		private: true,
		dependencies: {},
	};
	try {
		const existing = JSON.parse(fs.readFileSync(ledgerPath, 'utf8')) as typeof ledger;
		if (existing?.dependencies) ledger = existing;
	} catch {
		// No ledger yet.
	}
	ledger.dependencies[manifest.name] = manifest.version;
	fs.writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2));
}

function readTarballManifest(tarball: string): { name: string; version: string } {
	const text = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
		encoding: 'utf8',
	});
	const { name, version } = JSON.parse(text) as { name: string; version: string };
	return { name, version };
}
