/**
 * Answer shapes: what fields an API answer has, their types, which may be absent, and the
 * values a field may take where the docs list them. Two readings: an answer against the
 * documented shape (`shapeDifferences`), and two answers against each other, by shape only
 * (`sameShapeDifferences`: the simulator's answer and a saved one).
 */

export type Shape =
	| { type: 'string'; values?: readonly string[] }
	| { type: 'number' | 'integer' | 'boolean' | 'null' | 'any' }
	/** A body that is not JSON at all: empty, or text. */
	| { type: 'notJson' }
	| { type: 'object'; fields: Record<string, Field>; otherFields?: Shape }
	| { type: 'array'; items: Shape }
	| { type: 'oneOf'; options: Shape[] };

export interface Field {
	shape: Shape;
	optional: boolean;
}

export const text = (values?: readonly string[]): Shape => ({ type: 'string', values });
export const number: Shape = { type: 'number' };
export const integer: Shape = { type: 'integer' };
export const boolean: Shape = { type: 'boolean' };
export const nothing: Shape = { type: 'null' };
export const anything: Shape = { type: 'any' };
export const notJson: Shape = { type: 'notJson' };
export const list = (items: Shape): Shape => ({ type: 'array', items });
export const oneOf = (...options: Shape[]): Shape => ({ type: 'oneOf', options });
export const optional = (shape: Shape): Field => ({ shape, optional: true });

/** An object with these fields (a bare shape is a required field) and no others. */
export function object(fields: Record<string, Shape | Field>, otherFields?: Shape): Shape {
	const asFields: Record<string, Field> = {};
	for (const [name, value] of Object.entries(fields)) {
		asFields[name] = 'optional' in value ? value : { shape: value, optional: false };
	}
	return { type: 'object', fields: asFields, otherFields };
}

/** An object whose keys are the caller's own (echoed parameters). */
export const anyObject: Shape = object({}, anything);

export type ShapeDifferenceKind = 'missing' | 'unknown' | 'type' | 'value';

export interface ShapeDifference {
	kind: ShapeDifferenceKind;
	/** e.g. `results[].email`; '' for the body itself. */
	path: string;
	text: string;
}

export function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeOf(value) === 'object';
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

export function describeShape(shape: Shape): string {
	switch (shape.type) {
		case 'oneOf':
			return shape.options.map(describeShape).join(' or ');
		case 'notJson':
			return 'no JSON';
		case 'any':
			return 'any value';
		default:
			return shape.type;
	}
}

/** Each way `value` differs from `shape`, once per path (array items share `[]`). */
export function shapeDifferences(value: unknown, shape: Shape, path = ''): ShapeDifference[] {
	const seen = new Set<string>();
	return collect(value, shape, path).filter((difference) => {
		const key = `${difference.kind} ${difference.path} ${difference.text}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function typeDifference(value: unknown, shape: Shape, path: string): ShapeDifference {
	const got = value === undefined ? 'no JSON' : typeOf(value);
	return {
		kind: 'type',
		path,
		text: `${describeShape(shape)} expected, got ${got}`,
	};
}

function collect(value: unknown, shape: Shape, path: string): ShapeDifference[] {
	switch (shape.type) {
		case 'any':
			return [];
		case 'notJson':
			return value === undefined || typeof value === 'string'
				? []
				: [typeDifference(value, shape, path)];
		case 'null':
		case 'boolean':
		case 'number':
			return typeOf(value) === shape.type ? [] : [typeDifference(value, shape, path)];
		case 'integer':
			return Number.isInteger(value) ? [] : [typeDifference(value, shape, path)];
		case 'string':
			if (typeof value !== 'string') return [typeDifference(value, shape, path)];
			if (shape.values && !shape.values.includes(value)) {
				return [
					{
						kind: 'value',
						path,
						text: `"${value}" is not a documented value (${shape.values.join(', ')})`,
					},
				];
			}
			return [];
		case 'array':
			if (!Array.isArray(value)) return [typeDifference(value, shape, path)];
			return value.flatMap((item) => collect(item, shape.items, `${path}[]`));
		case 'object':
			return objectDifferences(value, shape, path);
		case 'oneOf':
			return bestOption(value, shape.options, path);
	}
}

function objectDifferences(
	value: unknown,
	shape: Extract<Shape, { type: 'object' }>,
	path: string,
): ShapeDifference[] {
	if (!isPlainObject(value)) return [typeDifference(value, shape, path)];
	const differences: ShapeDifference[] = [];
	for (const [name, field] of Object.entries(shape.fields)) {
		const fieldPath = join(path, name);
		if (value[name] === undefined) {
			if (!field.optional) {
				differences.push({
					kind: 'missing',
					path: fieldPath,
					text: `missing (${describeShape(field.shape)}, required)`,
				});
			}
			continue;
		}
		differences.push(...collect(value[name], field.shape, fieldPath));
	}
	for (const [name, fieldValue] of Object.entries(value)) {
		if (name in shape.fields) continue;
		const fieldPath = join(path, name);
		if (shape.otherFields) {
			differences.push(...collect(fieldValue, shape.otherFields, fieldPath));
		} else {
			const text = `not documented (${typeOf(fieldValue)})`;
			differences.push({ kind: 'unknown', path: fieldPath, text });
		}
	}
	return differences;
}

/** The differences from the option that fits best: none when one fits. */
function bestOption(value: unknown, options: Shape[], path: string): ShapeDifference[] {
	const fitting = options
		.map((option) => collect(value, option, path))
		.filter((differences) => !differences.some((d) => d.kind === 'type' && d.path === path));
	if (fitting.length === 0) return [typeDifference(value, { type: 'oneOf', options }, path)];
	return fitting.reduce((best, next) => (next.length < best.length ? next : best));
}

/** The documented field `name` of an object shape, or of one of a union's options. */
function fieldAt(shape: Shape | undefined, name: string): Field | undefined {
	if (!shape) return undefined;
	if (shape.type === 'object') {
		const other = shape.otherFields && { shape: shape.otherFields, optional: true };
		return shape.fields[name] ?? other;
	}
	if (shape.type === 'oneOf') {
		for (const option of shape.options) {
			const field = fieldAt(option, name);
			if (field) return field;
		}
	}
	return undefined;
}

function itemsOf(shape: Shape | undefined): Shape | undefined {
	if (!shape) return undefined;
	if (shape.type === 'array') return shape.items;
	if (shape.type === 'oneOf') {
		return shape.options.map(itemsOf).find((items) => items !== undefined);
	}
	return undefined;
}

/**
 * How `actual` differs from `reference` by shape: the same keys, recursively, holding values
 * of the same JSON type; values themselves are not compared. A key the documented `shape`
 * calls optional may be absent on either side (whether Enrow sends `webhooks` depends on the
 * account). Each item of an array in `actual` must have the shape of some item of the
 * reference's array (a reference may show a found row and a not-found row).
 */
export function sameShapeDifferences(
	reference: unknown,
	actual: unknown,
	shape?: Shape,
	path = '',
): ShapeDifference[] {
	const expectedType = reference === undefined ? 'no JSON' : typeOf(reference);
	const actualType = actual === undefined ? 'no JSON' : typeOf(actual);
	if (expectedType !== actualType) {
		return [{ kind: 'type', path, text: `${expectedType} expected, got ${actualType}` }];
	}
	if (shape?.type === 'any') return [];
	if (Array.isArray(reference) && Array.isArray(actual)) {
		if (reference.length === 0) return [];
		const items = itemsOf(shape);
		return actual.flatMap((item) => {
			const tried = reference.map((one) => sameShapeDifferences(one, item, items, `${path}[]`));
			return tried.find((differences) => differences.length === 0) ?? tried[0];
		});
	}
	if (!isPlainObject(reference) || !isPlainObject(actual)) return [];
	const differences: ShapeDifference[] = [];
	for (const name of new Set([...Object.keys(reference), ...Object.keys(actual)])) {
		const field = fieldAt(shape, name);
		const fieldPath = join(path, name);
		const inReference = reference[name] !== undefined;
		const inActual = actual[name] !== undefined;
		if (inReference && inActual) {
			differences.push(
				...sameShapeDifferences(reference[name], actual[name], field?.shape, fieldPath),
			);
		} else if (!field?.optional) {
			differences.push(
				inReference
					? { kind: 'missing', path: fieldPath, text: `missing (${typeOf(reference[name])})` }
					: {
							kind: 'unknown',
							path: fieldPath,
							text: `not in the reference (${typeOf(actual[name])})`,
						},
			);
		}
	}
	return differences;
}
