import type { IDataObject } from 'n8n-workflow';

import type { FinderFields } from '../../../EnrowApi/jobKinds/emailFinder';
import { readText, withoutInvisible } from '../../../shared/readText';
import { readJobSettings, type JobInputReader } from '../../engine';
import { noCompanyError, readCompany } from '../companyInput';
import { normalizeText, sameText } from '../normalizeInput';

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
		const { companyDomain, companyName, ...setAside } = readCompany(params, itemIndex);
		if (!companyDomain && !companyName) {
			throw noCompanyError(params.getNode(), itemIndex, setAside);
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
