/** Starts the core's HTTP server on a host and port, and stops it with everything it runs. */
import { createHttpServer, trackSockets, type Logger } from './server';
import type { SimulatorCore } from './simulatorCore';

export interface Listening {
	/** e.g. http://127.0.0.1:43123 (no trailing slash). */
	url: string;
	port: number;
	/** Stops the APIs' timers and requests, ends open connections, then closes the server. */
	close(): Promise<void>;
}

/** `port` 0 or absent: a free port. `host` defaults to 127.0.0.1 (the control API is not authenticated). */
export async function listen(
	core: SimulatorCore,
	{ port, host = '127.0.0.1', log }: { port?: number; host?: string; log?: Logger },
): Promise<Listening> {
	const server = createHttpServer(core, log);
	const sockets = trackSockets(server);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const boundPort = typeof address === 'object' && address ? address.port : Number(port);
	const urlHost = host.includes(':') ? `[${host}]` : host;
	return {
		url: `http://${urlHost}:${boundPort}`,
		port: boundPort,
		close: async () => {
			core.close();
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
