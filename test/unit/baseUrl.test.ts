/**
 * The credential's Base URL as both nodes read it (nodes/shared/baseUrl.ts): what is accepted,
 * and for what is not, a text that names the field, the value and the fix.
 */
import { readBaseUrl, redirectTexts, type BaseUrlOwner } from '../../nodes/shared/baseUrl';

const ENROW: BaseUrlOwner = {
	credential: 'Enrow API',
	service: 'Enrow',
	defaultUrl: 'https://api.enrow.io',
};
const asIs = (text: string) => text;

describe('readBaseUrl', () => {
	it.each([
		['', 'https://api.enrow.io'],
		['   ', 'https://api.enrow.io'],
		[undefined, 'https://api.enrow.io'],
		['https://api.enrow.io/', 'https://api.enrow.io'],
		[' http://127.0.0.1:8787// ', 'http://127.0.0.1:8787'],
		['https://proxy.example.com/enrow/', 'https://proxy.example.com/enrow'],
		['HTTPS://API.ENROW.IO', 'HTTPS://API.ENROW.IO'],
	])('accepts %j as %s', (configured, url) => {
		expect(readBaseUrl(configured, ENROW, asIs)).toEqual({ url });
	});

	it.each([
		[
			'api.enrow.io',
			'does not start with https://',
			'Base URL is "api.enrow.io". Open the Enrow API credential and set Base URL to https://api.enrow.io. Nothing was sent or charged.',
		],
		[
			'api.enrow.io/',
			'does not start with https://',
			'Base URL is "api.enrow.io/". Open the Enrow API credential and set Base URL to https://api.enrow.io. Nothing was sent or charged.',
		],
		[
			'htps://api.enrow.io',
			'starts with htps:// instead of https://',
			'Base URL is "htps://api.enrow.io". Open the Enrow API credential and set Base URL to https://api.enrow.io. Nothing was sent or charged.',
		],
		[
			'https//api.enrow.io',
			'is not a web address',
			'Base URL is "https//api.enrow.io". Open the Enrow API credential and set Base URL to https://api.enrow.io. Nothing was sent or charged.',
		],
		[
			'localhost:8787',
			'does not start with https://',
			'Base URL is "localhost:8787". Open the Enrow API credential and set Base URL to https://localhost:8787 (or http://localhost:8787 if that server only serves plain HTTP; Enrow\'s own address is https://api.enrow.io). Nothing was sent or charged.',
		],
		[
			'https://api enrow.io',
			'is not a web address',
			'Base URL is "https://api enrow.io". Open the Enrow API credential and set Base URL to https://api.enrow.io (Enrow\'s own address), or to your proxy\'s full address starting with https://. Nothing was sent or charged.',
		],
		[
			'http://',
			'is not a web address',
			'Base URL is "http://". Open the Enrow API credential and set Base URL to https://api.enrow.io (Enrow\'s own address), or to your proxy\'s full address starting with https://. Nothing was sent or charged.',
		],
	])('refuses %j: it %s', (configured, what, description) => {
		expect(readBaseUrl(configured, ENROW, asIs)).toEqual({
			refusal: { message: `The Base URL in the Enrow API credential ${what}`, description },
		});
	});

	it('never quotes what may be an API key pasted into the field', () => {
		const key = 'k3y-7c1d9e53a2b8f046-abcdef';
		const reading = readBaseUrl(key, ENROW, asIs);
		expect(JSON.stringify(reading)).not.toContain(key);
		expect(reading).toMatchObject({
			refusal: {
				message: 'The Base URL in the Enrow API credential is not a web address',
				description: expect.stringMatching(
					/^Base URL is 27 characters that are not a web address \(not shown: it may be a key\)\./,
				),
			},
		});
	});

	it('removes the API key from a quoted value', () => {
		const reading = readBaseUrl('api.enrow.io?key=secret-1234', ENROW, (text) =>
			text.split('secret-1234').join('***'),
		);
		expect(JSON.stringify(reading)).not.toContain('secret-1234');
	});
});

describe('redirectTexts', () => {
	const redirect = (location?: string, statusCode = 301) => ({
		statusCode,
		headers: location === undefined ? {} : { location },
		body: '',
	});
	const request = { baseUrl: 'http://api.enrow.io', path: '/email/find/single' };

	it('names where it points and sets the Base URL to it, without the path the node asked for', () => {
		const texts = redirectTexts(
			ENROW,
			redirect('https://api.enrow.io/email/find/single'),
			request,
			asIs,
		);
		expect(texts.message).toBe(
			'The Base URL in the Enrow API credential redirects to https://api.enrow.io/email/find/single',
		);
		expect(texts.description).toMatch(
			/^The Base URL \(http:\/\/api\.enrow\.io\) answered HTTP 301\. Open the Enrow API credential and set Base URL to https:\/\/api\.enrow\.io\. .*nothing was charged\.$/,
		);
	});

	it("keeps a proxy's own path, reads a relative Location, and falls back to the origin", () => {
		const proxy = { baseUrl: 'http://proxy.local/enrow', path: '/account/info' };
		expect(
			redirectTexts(ENROW, redirect('https://proxy.local/enrow/account/info'), proxy, asIs)
				.description,
		).toContain('set Base URL to https://proxy.local/enrow.');
		expect(
			redirectTexts(ENROW, redirect('/v2/account/info', 308), proxy, asIs).description,
		).toContain(
			'answered HTTP 308. Open the Enrow API credential and set Base URL to http://proxy.local/v2.',
		);
		expect(
			redirectTexts(ENROW, redirect('https://sso.example.com/login'), proxy, asIs).description,
		).toContain('set Base URL to https://sso.example.com.');
	});

	it('says so when the redirect names no address', () => {
		const texts = redirectTexts(ENROW, redirect(undefined, 302), request, asIs);
		expect(texts.message).toBe('The Base URL in the Enrow API credential redirects elsewhere');
		expect(texts.description).toMatch(
			/^The Base URL \(http:\/\/api\.enrow\.io\) answered HTTP 302 without saying where to\. Open the Enrow API credential and set Base URL to https:\/\/api\.enrow\.io, or to your proxy's address\./,
		);
	});
});
