/**
 * The Enrow Trigger's panel says what the node does (issue 16 §5): the single events fire when a
 * search or verification finishes, found or not; Fetch Results reads every notified job from
 * Enrow when it is on (single events too); a dashboard webhook receives every job of the account.
 */
import type { INodeProperties } from 'n8n-workflow';

import { EnrowTrigger } from '../../nodes/EnrowTrigger/EnrowTrigger.node';

const properties = new EnrowTrigger().description.properties;
const property = (name: string) =>
	properties.find((candidate) => candidate.name === name) as INodeProperties;

describe('Enrow Trigger texts', () => {
	it('names the single events by what happened (finished), not by an outcome (found)', () => {
		const labels = (property('events').options as Array<{ name: string }>).map((o) => o.name);
		expect(labels).toEqual([
			'Email Search Finished (Single)',
			'Bulk Email Search Finished',
			'Email Verification Finished (Single)',
			'Bulk Verification Finished',
			'Phone Search Finished (Single)',
			'Bulk Phone Search Finished',
		]);
		expect(labels.join(' ')).not.toMatch(/Found|Verified/);
	});

	it('says Fetch Results reads every notified job, single ones included', () => {
		const description = String(property('fetchResults').description);
		expect(description).toMatch(/read each notified job from Enrow/);
		expect(description).toMatch(/one item for a single job/);
		expect(description).not.toMatch(/only when/);
	});

	it('warns that a dashboard webhook receives every job of the account', () => {
		expect(property('setupNotice').displayName).toMatch(
			/every job of the account, including jobs other workflows start/,
		);
	});
});
