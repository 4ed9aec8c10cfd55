/**
 * Settings read once for the whole run cannot be set per item (issue 16 §4): every one the
 * engine reads refuses expressions in the panel (`noDataExpression`), so a per-item expression
 * is never silently ignored. The list is recorded from what `readRunOptions` really reads, not
 * written down here. What a user must give is visible where they give it.
 */
import type { INodeProperties } from 'n8n-workflow';

import { readRunOptions } from '../../nodes/Enrow/engine/runOptions';
import { Enrow } from '../../nodes/Enrow/Enrow.node';
import { ValidEmailChecker } from '../../n8n-nodes-validemailchecker/nodes/ValidEmailChecker/ValidEmailChecker.node';

/** The top-level parameters and `options.<name>` that reading the run's settings touches. */
function settingsReadByTheEngine(jobType: 'single' | 'bulk'): string[] {
	const read = new Set<string>();
	const options = new Proxy(
		{},
		{
			get(_target, key) {
				if (typeof key === 'string') read.add(`options.${key}`);
				return undefined;
			},
		},
	);
	readRunOptions(
		{
			getNode: () => ({ name: 'Enrow' }) as never,
			getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
				expect(itemIndex).toBe(0);
				if (name === 'options') return options;
				read.add(name);
				return fallback;
			},
		},
		jobType,
	);
	return [...read].sort();
}

/** A parameter of a job-starting operation's panel by `name` or `options.<name>`. */
function declarations(properties: INodeProperties[], operation: string, path: string) {
	const [name, option] = path.startsWith('options.') ? ['options', path.slice(8)] : [path];
	return properties
		.filter((p) => p.name === name && p.displayOptions?.show?.operation?.includes(operation))
		.flatMap((p) =>
			option ? ((p.options ?? []) as INodeProperties[]).filter((o) => o.name === option) : [p],
		);
}

const enrow = new Enrow().description.properties;

describe('run-level settings refuse per-item expressions', () => {
	it.each([
		['find', 'single'],
		['findBulk', 'bulk'],
		['verify', 'single'],
		['verifyBulk', 'bulk'],
	] as const)('Enrow %s: every setting read once for the run', (operation, jobType) => {
		const settings = settingsReadByTheEngine(jobType);
		expect(settings).toEqual(
			expect.arrayContaining(['waitMode', 'pollIntervalSeconds', 'timeoutMinutes', 'simplify']),
		);
		for (const setting of settings) {
			const declared = declarations(enrow, operation, setting);
			if (setting === 'options.deduplicate' || setting === 'options.outputMode') {
				// Bulk-only options: absent from a single operation's panel.
				if (jobType === 'single') {
					expect(declared).toEqual([]);
					continue;
				}
			}
			expect({ setting, declared: declared.length > 0 }).toEqual({ setting, declared: true });
			for (const property of declared) {
				expect({ setting, noDataExpression: property.noDataExpression }).toEqual({
					setting,
					noDataExpression: true,
				});
			}
		}
	});

	it('Enrow Get Result: Simplify and its output options are read once for the run', () => {
		for (const setting of ['simplify', 'options.includeInputFields', 'options.resultField']) {
			const declared = declarations(enrow, 'getResult', setting);
			expect({ setting, declared: declared.length }).toEqual({ setting, declared: 3 });
			for (const property of declared) expect(property.noDataExpression).toBe(true);
		}
	});

	it('ValidEmailChecker: Concurrency, Include Input Fields and Put Result in Field are read once for the run', () => {
		const options = new ValidEmailChecker().description.properties.find((p) => p.name === 'options')
			?.options as INodeProperties[];
		for (const name of ['concurrency', 'includeInputFields', 'resultField']) {
			expect(options.find((o) => o.name === name)?.noDataExpression).toBe(true);
		}
	});

	it('per-item fields and options still take expressions (they map from earlier nodes)', () => {
		for (const path of ['fullName', 'companyDomain', 'options.webhookUrl', 'options.countryCode']) {
			for (const property of declarations(enrow, 'findBulk', path)) {
				expect(property.noDataExpression).toBeFalsy();
			}
		}
	});
});

describe('what a user must give is visible where they give it', () => {
	it('Email Finder: Full Name is required, and the domain-or-name rule is a hint under the field', () => {
		const [fullName] = declarations(enrow, 'find', 'fullName');
		const [companyDomain] = declarations(enrow, 'find', 'companyDomain');
		expect(fullName.required).toBe(true);
		expect(companyDomain.hint).toBe('Give Company Domain or Company Name');
	});

	it('Phone Finder: Find Person By decides which fields show and which are required', () => {
		const shown = (lookup: string) =>
			enrow
				.filter(
					(p) =>
						p.displayOptions?.show?.resource?.includes('phoneFinder') &&
						p.displayOptions?.show?.operation?.includes('find') &&
						(p.displayOptions?.show?.findPersonBy as string[] | undefined)?.includes(lookup),
				)
				.map((p) => `${p.name}${p.required ? '*' : ''}`);
		expect(shown('linkedinUrl')).toEqual(['linkedinUrl*']);
		expect(shown('nameAndCompany')).toEqual([
			'firstName*',
			'lastName*',
			'companyDomain',
			'companyName',
		]);
		expect(shown('either')).toEqual([
			'linkedinUrl',
			'firstName',
			'lastName',
			'companyDomain',
			'companyName',
		]);
	});
});
