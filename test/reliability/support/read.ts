/** What a reliability case reads from a node's run: its output items and the error a user sees. */
import type { IDataObject } from 'n8n-workflow';

import type { RunNodeResult } from '../../harness';

export { jsonOf, pairedIndexes } from '../../support/nodeKit';

export type Described = Error & { description?: string | null; context?: IDataObject };

export function messageOf(result: RunNodeResult): string {
	return result.error?.message ?? '';
}

export function descriptionOf(result: RunNodeResult): string {
	return (result.error as Described | undefined)?.description ?? '';
}
