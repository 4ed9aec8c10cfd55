import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * For a test file: a local HTTP server answering with `handler`, started before its tests (its
 * base URL handed to `receive`), closed after them.
 */
export function useLocalServer(handler: RequestListener, receive: (baseUrl: string) => void): void {
	let server: Server;
	beforeAll(async () => {
		server = createServer(handler);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		receive(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});
}
