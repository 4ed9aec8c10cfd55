/**
 * The Enrow node's input fields mapped from fields of the same short names in each item, as
 * the tests feed them: `name`, `domain`, `company` (finder); `linkedin`, `first`, `last`,
 * `domain`, `company` (phone). Spread with `resource` and `operation` added.
 */
export const FINDER_MAPPED = {
	resource: 'emailFinder',
	fullName: '={{ $json.name }}',
	companyDomain: '={{ $json.domain }}',
	companyName: '={{ $json.company }}',
};

/** Find Person By "LinkedIn URL, Else Name and Company", every field mapped. */
export const PHONE_EITHER_MAPPED = {
	resource: 'phoneFinder',
	findPersonBy: 'either',
	linkedinUrl: '={{ $json.linkedin }}',
	firstName: '={{ $json.first }}',
	lastName: '={{ $json.last }}',
	companyDomain: '={{ $json.domain }}',
	companyName: '={{ $json.company }}',
};

/** The finder with the name and the domain mapped (no company name). */
export const FINDER_BY_DOMAIN = {
	resource: 'emailFinder',
	fullName: '={{ $json.name }}',
	companyDomain: '={{ $json.domain }}',
};

export const VERIFIER_MAPPED = { resource: 'emailVerifier', email: '={{ $json.email }}' };

export const PHONE_BY_LINKEDIN = { resource: 'phoneFinder', linkedinUrl: '={{ $json.linkedin }}' };

/** Get Result of a bulk finder job, its ID mapped from each item's `jobId`. */
export const FINDER_BULK_RESULT = {
	resource: 'emailFinder',
	operation: 'getResult',
	jobId: '={{ $json.jobId }}',
	jobType: 'bulk',
};
