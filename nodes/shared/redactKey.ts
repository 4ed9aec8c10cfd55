/**
 * A function that removes the API key (and any bearer token) from text quoted in an error.
 * Error answers from the API or a proxy page may echo the request's headers; what we quote
 * must never carry the key into the execution, n8n's logs or its error reporter.
 */
export function keyRedactor(apiKey: unknown): (text: string) => string {
	const key = typeof apiKey === 'string' ? apiKey.trim() : '';
	return (text) => {
		let clean = text.replace(/Bearer\s+\S+/gi, 'Bearer ***');
		if (key.length >= 4) clean = clean.split(key).join('***');
		return clean;
	};
}
