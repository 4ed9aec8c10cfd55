import type { IExecuteFunctions } from 'n8n-workflow';

import { fastItemParameters, type ItemParameters } from '../../shared/itemParameters';

/** The execute context's per-item parameters, through the fast reader. */
export function executeItemParameters(context: IExecuteFunctions): ItemParameters {
	return fastItemParameters({
		getNode: () => context.getNode(),
		items: context.getInputData(),
		resolve: (name, itemIndex, fallback) => context.getNodeParameter(name, itemIndex, fallback),
	});
}
