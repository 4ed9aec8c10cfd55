/**
 * The parent repository at one commit, checked out in a scratch folder, and the history of one
 * of its folders as a history of its own (`git subtree split`): each commit that changed the
 * folder, with the folder as its root tree, its author, committer, dates and message unchanged.
 * The split is a function of the parent's history alone, so two exports of commits on the same
 * line share the same split commits.
 *
 * Runs in the scratch folder, never in the parent: `git subtree split` needs the folder in a
 * work tree, and leaves a cache under the .git it runs in.
 */
import { git } from './git';

export interface ParentSnapshot {
	/** The scratch checkout: the parent's tracked files at `commit`. */
	dir: string;
	commit: string;
	/** The folder's history, split out: the commit whose tree is the folder at `commit`. */
	folderHead: string;
}

/** `ref` of the repository at `parentRoot`, checked out into the empty folder `dir`, and `folder`'s history. */
export function snapshotWithFolderHistory(
	parentRoot: string,
	ref: string,
	folder: string,
	dir: string,
): ParentSnapshot {
	const commit = git(parentRoot, ['rev-parse', '--verify', `${ref}^{commit}`]);
	git(dir, ['init', '-q']);
	git(dir, ['fetch', '-q', '--no-tags', parentRoot, commit]);
	git(dir, ['checkout', '-q', '--detach', commit]);
	const folderHead = git(dir, ['subtree', 'split', '-q', `--prefix=${folder}`, commit]);
	return { dir, commit, folderHead };
}

/** Whether `parentRoot` is a shallow clone, whose folder history would stop where the clone does. */
export function isShallow(parentRoot: string): boolean {
	return git(parentRoot, ['rev-parse', '--is-shallow-repository']) === 'true';
}
