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
