/**
 * `npm run check:live`: checks Enrow's and ValidEmailChecker's live APIs against what the
 * nodes expect (README, "Checking against the live APIs before a release"). `--help` for options.
 */
import * as readline from 'readline';

import { runLiveCheck } from './liveCheck';

function askOnTerminal(question: string): Promise<boolean> {
	const terminal = readline.createInterface({ input: process.stdin, output: process.stdout });
	return new Promise((resolve) => {
		terminal.question(question, (reply) => {
			terminal.close();
			resolve(/^y(es)?$/i.test(reply.trim()));
		});
	});
}

runLiveCheck({
	argv: process.argv.slice(2),
	env: process.env,
	out: (line) => console.log(line),
	confirm: askOnTerminal,
	isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
}).then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(2);
	},
);
