import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { AnyJobKind } from '../jobs/jobKind';
import { runBulkJobs } from '../jobs/runBulkJobs';
import { runGetResult } from '../jobs/runGetResult';
import { runSingleJobs } from '../jobs/runSingleJobs';
import {
	creditNotice,
	jobOptions,
	jobReferenceProperties,
	simplifyProperty,
	waitProperties,
} from './common.descriptions';

export interface Operation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

interface JobOperationConfig {
	resource: string;
	operation: string;
	kind: AnyJobKind;
	/** One Enrow job per item, or all items as rows of bulk jobs. */
	size: 'single' | 'bulk';
	/** What it costs, shown at the top of the panel. */
	creditNotice: string;
	fields: INodeProperties[];
	options?: INodeProperties[];
}

/**
 * A job-starting operation: its parameters (the kind's fields, wait mode, simplify,
 * options) and an execute that hands the kind to the shared job machinery.
 */
export function jobOperation(config: JobOperationConfig): Operation {
	const { resource, operation, kind, size } = config;
	const properties: INodeProperties[] = [
		creditNotice(config.creditNotice),
		...config.fields,
		...waitProperties(size),
		simplifyProperty,
		jobOptions(size, config.options),
	];
	return {
		description: updateDisplayOptions(
			{ show: { resource: [resource], operation: [operation] } },
			properties,
		),
		async execute(this: IExecuteFunctions) {
			return size === 'bulk' ? await runBulkJobs(this, kind) : await runSingleJobs(this, kind);
		},
	};
}

/** Get Result for a kind of job: reads one job once, by ID and job type. */
export function getResultOperation(resource: string, kind: AnyJobKind): Operation {
	const properties: INodeProperties[] = [...jobReferenceProperties(), simplifyProperty];
	return {
		description: updateDisplayOptions(
			{ show: { resource: [resource], operation: ['getResult'] } },
			properties,
		),
		async execute(this: IExecuteFunctions) {
			return await runGetResult(this, kind);
		},
	};
}
