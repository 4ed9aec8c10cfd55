import { apiErrorText } from '../../nodes/shared/apiErrorText';
import { isPlausibleEmail } from '../../nodes/shared/emailSyntax';

describe('apiErrorText', () => {
	it('reads message, then reason, then error', () => {
		expect(apiErrorText({ message: 'This apikey is not valid' })).toBe('This apikey is not valid');
		expect(apiErrorText({ reason: 'Insufficient credits', success: false })).toBe(
			'Insufficient credits',
		);
		expect(apiErrorText({ error: 'TooManyRequests' })).toBe('TooManyRequests');
	});

	it('reduces an HTML error page to its text', () => {
		expect(
			apiErrorText(
				'<html><head><style>b{}</style></head><body><h1>502 Bad Gateway</h1></body></html>',
			),
		).toBe('502 Bad Gateway');
	});

	it('gives nothing for bodies without text', () => {
		expect(apiErrorText(undefined)).toBeUndefined();
		expect(apiErrorText({ success: false })).toBeUndefined();
	});
});

describe('isPlausibleEmail', () => {
	it.each([
		'pam.beesly@dundermifflin.com',
		'user+tag@sub.example.org',
		'jean.dupont@münchen.de',
		'a@xn--mnchen-3ya.de',
	])('accepts %s', (email) => expect(isPlausibleEmail(email)).toBe(true));

	it.each([
		'',
		'no-at-sign',
		'two@@x.com',
		'a b@x.com',
		'@x.com',
		'a@x',
		'a@.com',
		'a..b@x.com',
		`${'a'.repeat(65)}@x.com`,
	])('rejects %p', (email) => expect(isPlausibleEmail(email)).toBe(false));
});
