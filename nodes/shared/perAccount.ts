import { createHash } from 'crypto';

export interface PerAccount<T> {
	/** The value of the account a Base URL and API key name, made on first use. */
	of(baseUrl: string, apiKey: unknown): T;
}

/**
 * One value per API account in this n8n process, shared by every run of a node in it (two
 * nodes of one execution, several executions at once on a queue-mode worker): the pacers
 * that keep an account within its rate limit. Keyed by a hash of the Base URL and key: the
 * key itself is not kept.
 */
export function perAccount<T>(create: () => T): PerAccount<T> {
	const values = new Map<string, T>();
	return {
		of(baseUrl, apiKey) {
			const id = createHash('sha256')
				.update(`${baseUrl}\n${typeof apiKey === 'string' ? apiKey : ''}`)
				.digest('hex');
			let value = values.get(id);
			if (value === undefined) {
				value = create();
				values.set(id, value);
			}
			return value;
		},
	};
}
