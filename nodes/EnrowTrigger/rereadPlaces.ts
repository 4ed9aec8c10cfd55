import { NOTIFIED_JOB_REREADS } from './rereadBounds';

let readingAgain = 0;

/**
 * A place among the notifications being read again, or undefined when all are taken. The
 * returned function gives it back (once, however often it is called).
 */
export function takeRereadPlace(): (() => void) | undefined {
	if (readingAgain >= NOTIFIED_JOB_REREADS.maxAtOnce) return undefined;
	readingAgain++;
	let given = false;
	return () => {
		if (given) return;
		given = true;
		readingAgain--;
	};
}
