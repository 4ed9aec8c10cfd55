import { createHash } from 'crypto';

/** A stable unsigned 32-bit number for a text: the simulator's only source of "randomness" in outcomes. */
export function hashOf(text: string): number {
	return createHash('sha256').update(text).digest().readUInt32BE(0);
}
