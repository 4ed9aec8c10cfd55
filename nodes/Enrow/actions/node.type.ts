import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	emailFinder: 'find' | 'findBulk' | 'getResult';
	emailVerifier: 'verify' | 'verifyBulk' | 'getResult';
	phoneFinder: 'find' | 'findBulk' | 'getResult';
	account: 'get';
};

export type EnrowType = AllEntities<NodeMap>;
