import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { FinderFields } from '../../../EnrowApi/jobKinds/emailFinder';
import { readText, withoutInvisible } from '../../../shared/readText';
import { readJobSettings, type JobInputReader } from '../../engine';
import { normalizeDomain, normalizeGiven, normalizeText, sameText } from '../normalizeInput';

/** Email Finder's input: a full name and a company domain or name, per item. */
export const finderInput: JobInputReader<FinderFields> = {
	getResultLabel: 'Email Finder → Get Result',

	readInput(params, itemIndex) {
		const fullname = readText(params, 'fullName', itemIndex, {
			label: 'Full Name',
			required: true,
			numbersAsText: false,
			maxLength: 200,
			example: '{{ $json.name }} ("Dwight Schrute")',
		})!;
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
		const companyDomain = normalizeGiven(domainGiven, normalizeDomain);
		const companyName = normalizeGiven(nameGiven, normalizeText);
		if (!companyDomain && !companyName) {
			throw new NodeOperationError(
				params.getNode(),
				`Item ${itemIndex} has neither a company domain nor a company name`,
				{
					itemIndex,
					description:
						'Enrow needs at least one of "Company Domain" and "Company Name" to find an email. The domain gives the best results.',
				},
			);
		}
		const options = params.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const settings = readJobSettings(params, itemIndex);
		const countryCode =
			typeof options.countryCode === 'string' ? withoutInvisible(options.countryCode).trim() : '';
		if (countryCode) settings.country_code = countryCode.toUpperCase();
		if (options.retrieveGender === true) settings.retrieve_gender = true;
		return { fields: { fullname: normalizeText(fullname), companyDomain, companyName }, settings };
	},

	dedupeKey(fields) {
		return JSON.stringify(
			[fields.fullname, fields.companyDomain, fields.companyName].map(sameText),
		);
	},
};
