/** Items the nodes output for the simulator's people, as several suites expect them. */

/** Find an email's simplified item for Dwight Schrute at dundermifflin.com, found. */
export const DWIGHT_FOUND = {
	email: 'dwight.schrute@dundermifflin.com',
	qualification: 'valid',
	found: true,
	firstName: 'Dwight',
	lastName: 'Schrute',
	fullName: 'Dwight Schrute',
	companyDomain: 'dundermifflin.com',
};

/**
 * Verify an email's items in a paused run whose Timeout passed before Enrow called back: no
 * result, and each an `enrowWait` naming the job and the timeout.
 */
export function expectEveryItemTimedOut(
	items: Array<Record<string, unknown>>,
	jobId: string,
): void {
	for (const json of items) {
		expect(json).not.toHaveProperty('valid');
		expect(json.enrowWait).toEqual(
			expect.objectContaining({
				status: 'timedOut',
				jobId,
				error: expect.stringMatching(/^Enrow did not call back within the Timeout/),
			}),
		);
	}
}
