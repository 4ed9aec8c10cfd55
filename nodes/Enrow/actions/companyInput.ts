import { NodeOperationError, type INode, type INodeProperties } from 'n8n-workflow';

import { readText } from '../../shared/readText';
import type { ItemParameters } from '../engine';
import { nonCompanyDomainKind } from './nonCompanyDomains';
import { isPlaceholder, normalizeDomain, normalizeText } from './normalizeInput';

/** The company fields, as Email Finder and Phone Finder offer them. */
export const companyFields: INodeProperties[] = [
	{
		displayName: 'Company Domain',
		name: 'companyDomain',
		type: 'string',
		default: '',
		placeholder: 'dundermifflin.com',
		description:
			'The company\'s website domain (a full URL or an address at the company works too); the domain finds more. "N/A", "-", personal email domains (gmail.com…) and social pages (linkedin.com…) count as no domain: the Company Name is then used alone.',
		hint: 'Give Company Domain or Company Name',
	},
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		default: '',
		placeholder: 'Dunder Mifflin',
		description: 'The company name, used when no domain is given',
	},
];

/** A value the user gave that is not used, and why: `is a placeholder, not a domain`. */
export interface SetAside {
	given: string;
	why: string;
}

/** The company of one item, as Email Finder and Phone Finder send it and compare it for duplicates. */
export interface CompanyInput {
	companyDomain?: string;
	companyName?: string;
	/** A Company Domain that was given but is no domain of the company. */
	domainSetAside?: SetAside;
	/** A Company Name that was given but is a placeholder. */
	nameSetAside?: SetAside;
}

/** A value as an error quotes it: whole when short, cut when long. */
function quoted(value: string): string {
	return `"${value.length > 60 ? `${value.slice(0, 59)}…` : value}"`;
}

function readDomain(
	given: string | undefined,
): Pick<CompanyInput, 'companyDomain' | 'domainSetAside'> {
	if (given === undefined) return {};
	const domain = isPlaceholder(given) ? '' : normalizeDomain(given);
	if (!domain || isPlaceholder(domain)) {
		return { domainSetAside: { given, why: 'a placeholder, not a domain' } };
	}
	const kind = nonCompanyDomainKind(domain);
	if (!kind) return { companyDomain: domain };
	const which = domain === given.toLowerCase() ? '' : ` (${domain})`;
	return { domainSetAside: { given, why: `${kind}${which}, not the company's domain` } };
}

/**
 * Company Domain and Company Name of one item, read as the user means them: a domain in any
 * form reduced to its host (normalizeInput.ts); a placeholder ("N/A", "-", "none"...), a
 * personal email provider or a social network (nonCompanyDomains.ts) read as no domain, and a
 * placeholder name as no name. The one reader of a company for every operation that takes
 * one (find, find in bulk, phone by name; their dry runs and duplicate rows), so a value is
 * read the same way everywhere.
 */
export function readCompany(params: ItemParameters, itemIndex: number): CompanyInput {
	const domainGiven = readText(params, 'companyDomain', itemIndex, {
		label: 'Company Domain',
		numbersAsText: false,
		maxLength: 253,
		example: '{{ $json.website }} ("dundermifflin.com")',
	});
	const nameGiven = readText(params, 'companyName', itemIndex, {
		label: 'Company Name',
		maxLength: 200,
		example: '{{ $json.company }} ("Dunder Mifflin")',
	});
	const company: CompanyInput = readDomain(domainGiven);
	if (nameGiven !== undefined && isPlaceholder(nameGiven)) {
		company.nameSetAside = { given: nameGiven, why: 'a placeholder' };
	} else if (nameGiven !== undefined) {
		company.companyName = normalizeText(nameGiven) || undefined;
	}
	return company;
}

function setAsideText(label: string, setAside: SetAside): string {
	return `${label} ${quoted(setAside.given)} is ${setAside.why}`;
}

/**
 * The error of an item left without a company to search by: it names the item, the values
 * set aside and the fix, before anything is sent (so it costs nothing). `alternative` is
 * another way the operation could find the person (phone: a LinkedIn URL).
 */
export function noCompanyError(
	node: INode,
	itemIndex: number,
	company: CompanyInput,
	alternative = '',
): NodeOperationError {
	const name = company.nameSetAside ? setAsideText('Company Name', company.nameSetAside) : '';
	const fix = `Map the company's website domain into "Company Domain" (for example {{ $json.website }}: "dundermifflin.com"), or a Company Name${alternative}; with a Company Name alone, Enrow searches by the name. Nothing was sent for this item; it used no credit.`;
	if (company.domainSetAside) {
		const { given, why } = company.domainSetAside;
		return new NodeOperationError(
			node,
			`Company Domain ${quoted(given)} of item ${itemIndex} is ${why}`,
			{ itemIndex, description: name ? `${fix} ${name}.` : fix },
		);
	}
	return new NodeOperationError(
		node,
		`Item ${itemIndex} has neither a company domain nor a company name${name ? ` (${name})` : ''}`,
		{
			itemIndex,
			description: `Enrow needs at least one of "Company Domain" and "Company Name" to find a person. The domain gives the best results. ${fix}`,
		},
	);
}
