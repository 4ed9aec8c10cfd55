import { triggerRereads } from './injected';

/**
 * The Enrow Trigger's reads again of a notified job, a tenth as far apart (0.1, 0.2 and 0.4 s
 * instead of 1, 2 and 4 s). The bound on when the last read may start stays above their sum with
 * room for the reads themselves, which take as long in a test as in n8n.
 */
export function shortenTriggerRereads(): void {
	triggerRereads.delaysMs = [100, 200, 400];
	triggerRereads.budgetMs = 1500;
}
