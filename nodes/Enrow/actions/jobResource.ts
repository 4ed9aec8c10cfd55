import {
	updateDisplayOptions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { JOB_TYPES, type EnrowJobKind, type JobType } from '../../EnrowApi/jobKinds';
import type { JobInputReader, JobOperation } from '../engine';
import {
	getResultProperties,
	jobOperationProperties,
	TOOL_REFUSAL_NOTE,
} from './common.descriptions';

/** An entry of a resource's Operation menu, and what a model reads about it as a tool. */
export interface OperationTexts {
	/** The operation parameter's value. */
	value: string;
	/** The name in the Operation menu. */
	name: string;
	/** The action label (the menu's and the canvas subtitle's). */
	action: string;
	/** The menu's description. */
	description: string;
	/** What a model reads about the operation as a tool, sentence by sentence. */
	toolDescription: string[];
}

/** A job-starting operation's texts: the menu entry, the tool description and the credit notice. */
export interface JobOperationTexts extends OperationTexts {
	/** What it costs, shown at the top of the panel. */
	creditNotice: string;
}

/**
 * One kind of Enrow job as the Enrow node offers it: a resource with a single, a bulk and a
 * Get Result operation. Its menus, panels, router entries and the engine's operations are
 * built from this (jobResources.ts), so nothing about a kind is typed twice.
 */
export interface JobResource<Fields> {
	/** The resource parameter's value. */
	resource: string;
	/** The name in the Resource menu, and in messages: 'Email Finder'. */
	displayName: string;
	kind: EnrowJobKind<Fields, unknown, unknown>;
	/** How an item's parameters become the fields this kind of job sends. */
	input: JobInputReader<Fields>;
	/** The parameters an item fills in, shown above the wait settings. */
	fields: INodeProperties[];
	/** Extra entries of the Options collection. */
	options?: INodeProperties[];
	operations: Record<JobType, JobOperationTexts> & { getResult: OperationTexts };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobResource = JobResource<any>;

/** What the engine runs for one of the resource's job-starting operations. */
export function jobOperationOf<Fields>(
	resource: JobResource<Fields>,
	jobType: JobType,
): JobOperation<Fields> {
	return {
		kind: resource.kind,
		input: resource.input,
		jobType,
		getResultLabel: `${resource.displayName} → ${resource.operations.getResult.name}`,
	};
}

function menuEntry(texts: OperationTexts): INodePropertyOptions {
	const { name, value, action, description } = texts;
	return { name, value, action, description };
}

/** The resource's Operation menu (sorted by name, as n8n lists options) and each operation's panel. */
export function jobResourceProperties(resource: JobResource<unknown>): INodeProperties[] {
	const { operations } = resource;
	const shownFor = (operation: string) => ({
		show: { resource: [resource.resource], operation: [operation] },
	});
	const defaultOperation = operations.single.value;
	const menu: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.resource] } },
		options: [operations.single, operations.bulk, operations.getResult]
			.map(menuEntry)
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultOperation,
	};
	const jobPanels = JOB_TYPES.flatMap((jobType) => {
		const texts = operations[jobType];
		return updateDisplayOptions(
			shownFor(texts.value),
			jobOperationProperties({
				jobType,
				toolDescription: [...texts.toolDescription, TOOL_REFUSAL_NOTE].join(' '),
				creditNotice: texts.creditNotice,
				fields: resource.fields,
				options: resource.options,
			}),
		);
	});
	const getResultPanel = updateDisplayOptions(
		shownFor(operations.getResult.value),
		getResultProperties(operations.getResult.toolDescription.join(' ')),
	);
	return [menu, ...jobPanels, ...getResultPanel];
}
