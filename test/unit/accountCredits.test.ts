import { accountInfoOf, creditsFrom } from '../../nodes/EnrowApi/account';

describe('creditsFrom: a credit balance as Enrow may send it', () => {
	it.each([
		[36000, 36000],
		[0.75, 0.75],
		['1250', 1250],
		['1250.5', 1250.5],
		['1.25', 1.25],
		['1,250', 1250],
		['1 250', 1250],
		['1\u00A0250', 1250],
		['1\u202F250', 1250],
		["1'250", 1250],
		['1,250.5', 1250.5],
		['1,250,000.75', 1250000.75],
		['1.250.000', 1250000],
		['1.250,5', 1250.5],
		['1 250,25', 1250.25],
		['12,5', 12.5],
		['  1,250  ', 1250],
		['-3', -3],
	])('%p reads as %p', (value, credits) => expect(creditsFrom(value)).toBe(credits));

	it.each([
		'lots',
		'',
		'1,250 credits',
		'12,50,0',
		'1,250,5',
		'1.250.5',
		'1,25.0,1',
		'1 2 5',
		null,
		undefined,
		true,
		{ credits: 5 },
		Number.NaN,
		Number.POSITIVE_INFINITY,
	])('%p cannot be read', (value) => expect(creditsFrom(value)).toBeUndefined());

	it('accountInfoOf keeps what Enrow sent beside its reading', () => {
		expect(accountInfoOf({ credits: '1,250', webhooks: ['https://a', 3] })).toEqual({
			credits: 1250,
			webhooks: ['https://a'],
			creditsAnswered: '1,250',
		});
		expect(accountInfoOf({ credits: 'lots' }).credits).toBeUndefined();
	});
});
