/** The Enrow node's resources and their operations (the values of its parameters). */
export type NodeMap = {
	emailFinder: 'find' | 'findBulk' | 'getResult';
	emailVerifier: 'verify' | 'verifyBulk' | 'getResult';
	phoneFinder: 'find' | 'findBulk' | 'getResult';
	account: 'get';
};
