/**
 * Issue 16 §7: Options → Put Result in Field. With Include Input Fields, the result's `status`
 * and `domain` would replace a CRM row's own columns of those names; under a field of the
 * user's choice they do not.
 */
import type { Simulator } from '../../simulator';
import { runVerify, useSimulator } from './vecRun';

let sim: Simulator;
useSimulator((started) => (sim = started));

const crmRow = {
	id: 'crm-1',
	email: 'jim@dundermifflin.com',
	status: 'customer',
	domain: 'crm.example',
	qualification: 'hot',
	jobId: 'crm-job-7',
};

describe('Put Result in Field', () => {
	it('without it, result fields of the same name replace the input fields (what the description warns of)', async () => {
		const result = await runVerify(sim, { input: [crmRow], options: { includeInputFields: true } });
		const [json] = result.output.map((item) => item.json);
		expect(json.id).toBe('crm-1');
		expect(json.status).toBe('safe');
		expect(json.domain).toBe('dundermifflin.com');
	});

	it('puts the result under the field; every field of the input item stays as it was', async () => {
		const result = await runVerify(sim, {
			input: [crmRow],
			options: { includeInputFields: true, resultField: 'verification' },
		});
		expect(result.status).toBe('success');
		const [item] = result.output;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			...crmRow,
			verification: expect.objectContaining({
				email: 'jim@dundermifflin.com',
				status: 'safe',
				domain: 'dundermifflin.com',
				is_valid: true,
			}),
		});
	});

	it('alone, outputs only the field; a failed item keeps `error` at the top level', async () => {
		const alone = await runVerify(sim, {
			input: [crmRow],
			options: { resultField: 'verification' },
		});
		expect(Object.keys(alone.output[0].json)).toEqual(['verification']);

		const failed = await runVerify(sim, {
			input: [{ ...crmRow, email: { not: 'text' } }],
			options: { includeInputFields: true, resultField: 'verification' },
			continueOnFail: true,
		});
		expect(failed.output[0].json).toEqual({
			...crmRow,
			email: { not: 'text' },
			error: 'Email of item 0 is an object, not text',
			errorDescription: expect.any(String),
			verification: { status: 'failed' },
		});
	});
});
