/** What check:live saves of an answer that holds someone's data: placeholders of the same kind. */
import { anonymizer, maskLike, PLACEHOLDER } from '../../scripts/live/anonymize';
import { PROBE_PERSON } from '../../scripts/live/probes';

const anonymize = anonymizer(['sim-enrow-key'], Object.values(PROBE_PERSON));

describe('anonymizer', () => {
	it('replaces names, emails, phone numbers, LinkedIn URLs and IDs, keeping each field’s type and format', () => {
		const answer = {
			general: { id: '3d4cb64e-164d-41e8-a686-736751004a32', status: 'completed' },
			results: [
				{
					index: '195f87c6-376e-4eca-9861-f92935413b0c',
					email: 'dwight.schrute@dundermifflin.com',
					info: {
						firstname: 'Dwight',
						lastname: 'Schrute',
						fullname: 'Dwight Schrute',
						companyInfo: { name: 'Dunder Mifflin' },
					},
					number: '+15705551234',
					params: { linkedin_url: 'https://www.linkedin.com/in/michael-scott/' },
					found: true,
					credits: 40,
				},
			],
		};

		expect(anonymize(answer)).toEqual({
			general: { id: PLACEHOLDER.uuid, status: 'completed' },
			results: [
				{
					index: PLACEHOLDER.uuid,
					email: PLACEHOLDER.email,
					info: {
						firstname: PLACEHOLDER.firstname,
						lastname: PLACEHOLDER.lastname,
						fullname: PLACEHOLDER.fullname,
						companyInfo: { name: PLACEHOLDER.name },
					},
					number: '+00000000000',
					params: { linkedin_url: PLACEHOLDER.linkedinUrl },
					found: true,
					credits: 40,
				},
			],
		});
	});

	it('removes keys and webhook URLs, and addresses inside a text', () => {
		expect(
			anonymize({
				message: 'Key sim-enrow-key refused for pam@dunder.com',
				webhooks: ['https://hooks.example.org/secret-token-123'],
				task_id: 'VECGE7KL3DQ',
			}),
		).toEqual({
			message: `Key *** refused for ${PLACEHOLDER.email}`,
			webhooks: [PLACEHOLDER.url],
			task_id: 'XXXXX0XX0XX',
		});
	});

	it('keeps the made-up person the probes search for, so a saved request can be sent again', () => {
		const echoed = {
			raw_params: { fullname: PROBE_PERSON.fullname, company_domain: PROBE_PERSON.companyDomain },
			params: { firstname: PROBE_PERSON.firstName, linkedin_url: PROBE_PERSON.linkedinUrl },
			email: PROBE_PERSON.email,
		};
		expect(anonymize(echoed)).toEqual(echoed);
	});

	it('masks letters and digits only', () => {
		expect(maskLike('Ab-9 z')).toBe('Xx-0 x');
	});
});
