import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** One entry of a node's Operation menus, as its description declares it. */
export interface MenuOperation {
	resource: string;
	operation: string;
	/** The name the Operation menu shows ("Find in Bulk"). */
	name: string;
	/** The action label ("Find emails in bulk"). */
	action: string;
	description: string;
}

/** Every resource/operation pair of a node's Operation menus, in declaration order. */
export function operationMenus(properties: INodeProperties[]): MenuOperation[] {
	return properties
		.filter((property) => property.name === 'operation')
		.flatMap((menu) =>
			(menu.displayOptions?.show?.resource ?? []).flatMap((resource) =>
				(menu.options as INodePropertyOptions[]).map((option) => ({
					resource: String(resource),
					operation: String(option.value),
					name: option.name,
					action: String(option.action),
					description: String(option.description),
				})),
			),
		);
}
