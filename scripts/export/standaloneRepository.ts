/**
 * The standalone repository's git side: a new repository whose main starts as the package
 * folder's split history, and the one commit that adds the generated files on top of it.
 *
 * That commit is reproducible: its author is the package's (package.json `author`), its date
 * the exported parent commit's, so exporting the same parent commit twice gives the same commit
 * hash. Built on `previous` (the standalone repository's main as last pushed), it is a merge of
 * that main and the folder's history, so pushing it is a fast-forward; when nothing changed since,
 * main stays `previous`.
 */
import * as fs from 'fs';
import * as path from 'path';

import { git, gitSays } from './git';

export interface ExportCommit {
	/** The tip of the folder's split history, already in the repository (startRepository). */
	folderHead: string;
	message: string;
	author: { name: string; email: string };
	/** git's raw date, "<seconds> <zone>". */
	date: string;
	/** A repository (path or URL) whose main this export continues. */
	previous?: string;
}

/** `dir` (missing or empty) becomes a repository whose main is `folderHead`, a commit of `from`. */
export function startRepository(dir: string, from: string, folderHead: string): void {
	fs.mkdirSync(dir, { recursive: true });
	if (fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
	git(dir, ['init', '-q', '-b', 'main']);
	git(dir, ['fetch', '-q', '--no-tags', from, folderHead]);
	git(dir, ['reset', '-q', '--hard', folderHead]);
}

/** Writes `files` (path in the repository → content) into `dir`. */
export function writeFiles(dir: string, files: Map<string, string>): void {
	for (const [file, content] of files) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), content);
	}
}

/** Commits the work tree of `dir` as main's next commit; returns main. */
export function commitExport(dir: string, commit: ExportCommit): string {
	git(dir, ['add', '-A']);
	const tree = git(dir, ['write-tree']);
	const parents = [commit.folderHead];
	if (commit.previous) {
		git(dir, ['fetch', '-q', '--no-tags', commit.previous, 'main']);
		const previous = git(dir, ['rev-parse', 'FETCH_HEAD']);
		const unchanged =
			git(dir, ['rev-parse', `${previous}^{tree}`]) === tree &&
			gitSays(dir, ['merge-base', '--is-ancestor', commit.folderHead, previous]);
		if (unchanged) {
			git(dir, ['reset', '-q', '--hard', previous]);
			return previous;
		}
		parents.unshift(previous);
	}
	const identity = {
		GIT_AUTHOR_NAME: commit.author.name,
		GIT_AUTHOR_EMAIL: commit.author.email,
		GIT_AUTHOR_DATE: commit.date,
		GIT_COMMITTER_NAME: commit.author.name,
		GIT_COMMITTER_EMAIL: commit.author.email,
		GIT_COMMITTER_DATE: commit.date,
	};
	const created = git(
		dir,
		[
			'commit-tree',
			'--no-gpg-sign',
			tree,
			...parents.flatMap((parent) => ['-p', parent]),
			'-m',
			commit.message,
		],
		{ ...process.env, ...identity },
	);
	git(dir, ['update-ref', 'refs/heads/main', created]);
	git(dir, ['reset', '-q', '--hard', created]);
	return created;
}
