import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	email: 'verify';
};

export type ValidEmailCheckerType = AllEntities<NodeMap>;
