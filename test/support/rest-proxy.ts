/**
 * The real @discordjs/proxy in front of a Discord (the local one), in a node:http server as
 * its README shows, with the REST settings of its container app: no waiting and no retries in
 * the proxy, every rate limit handed back to the caller as a 429.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { proxyRequests } from '@discordjs/proxy';
import { REST } from '@discordjs/rest';

export interface RestProxy {
	/** What DISCORD_API_URL takes: `http://127.0.0.1:PORT/api`. */
	apiUrl: string;
	/** Every request the proxy answered, with its status and whether it carried X-RateLimit-* headers. */
	answered: Array<{ method: string; path: string; status: number; rateLimitHeaders: boolean }>;
	close(): Promise<void>;
}

/** Starts the proxy on a free loopback port, forwarding to `upstreamApi` (e.g. the local Discord's `apiUrl`). */
export async function startRestProxy(upstreamApi: string): Promise<RestProxy> {
	const rest = new REST({ api: upstreamApi, rejectOnRateLimit: () => true, retries: 0 });
	const handle = proxyRequests(rest);
	const answered: RestProxy['answered'] = [];
	const server = createServer((request, response) => {
		response.once('finish', () =>
			answered.push({
				method: request.method ?? '',
				path: new URL(request.url ?? '/', 'http://proxy').pathname,
				status: response.statusCode,
				rateLimitHeaders: response.getHeaderNames().some((name) => name.startsWith('x-ratelimit')),
			}),
		);
		// An error the proxy does not know (a connection reset upstream) is rethrown: end the socket, as a proxy would.
		Promise.resolve(handle(request, response)).catch(() => response.destroy());
	});
	server.keepAliveTimeout = 1000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		apiUrl: `http://127.0.0.1:${port}/api`,
		answered,
		close: async () => {
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			await closed;
			rest.clearHashSweeper();
			rest.clearHandlerSweeper();
		},
	};
}
