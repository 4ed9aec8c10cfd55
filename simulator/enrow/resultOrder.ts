import { hashOf } from '../core/hash';

/**
 * The order a completed bulk job lists its rows in: a permutation seeded by the job id, never the
 * submitted order when there are two rows or more (clients must match rows by `custom` or email).
 */
export function shuffledOrder(size: number, seed: string): number[] {
	const order = Array.from({ length: size }, (_, position) => position);
	for (let i = size - 1; i > 0; i -= 1) {
		const j = hashOf(`${seed}:${i}`) % (i + 1);
		[order[i], order[j]] = [order[j], order[i]];
	}
	const unchanged = order.every((value, position) => value === position);
	return unchanged && size > 1 ? [...order.slice(1), order[0]] : order;
}

export function submittedOrder(size: number): number[] {
	return Array.from({ length: size }, (_, position) => position);
}
