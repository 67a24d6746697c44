/**
 * The Node adapter of the HTTP endpoint (`npm run serve`): a `node:http` server around the
 * transport-free endpoint (`createInteractionCore` in `setup.ts`, the same one the Web adapter
 * calls), verifying with `node:crypto`, each request read and answered as an `Exchange`. What
 * only a Node server has lives here: timeouts against slow clients, the connection cap,
 * `/metrics`, and a graceful close that finishes the interactions in flight (deferred answers
 * included).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeAttachmentFetch } from '../discord/attachment-transport.js';
import { silentLogger } from '../log-core.js';
import { listen, serveMetrics } from '../ops/server.js';
import { type ConnectionLimits, limitConnections, SERVER_DEFAULTS } from './node-connections.js';
import { Exchange, pathOf } from './node-exchange.js';
import { NodeEd25519PublicKey } from './node-signature.js';
import { createInteractionCore, type InteractionHandlerOptions } from './setup.js';

export { HEALTH_PATH, INTERACTIONS_PATH } from '../pipeline/endpoint.js';
export { SERVER_DEFAULTS } from './node-connections.js';

/** Prometheus scrapes here, on the endpoint's own port (when the server has metrics). */
export const METRICS_PATH = '/metrics';

export interface InteractionServerOptions extends Omit<InteractionHandlerOptions, 'status'>, ConnectionLimits {}

export interface InteractionServer {
	server: Server;
	/** Starts listening; resolves with the bound address (port 0 picks a free one). */
	listen(port: number, host?: string): Promise<AddressInfo>;
	/**
	 * Stops accepting, lets in-flight interactions finish (including edits of deferred
	 * responses), then closes every connection.
	 */
	close(): Promise<void>;
}

export function createInteractionServer(options: InteractionServerOptions): InteractionServer {
	const logger = options.logger ?? silentLogger;
	const inFlight = new Set<Promise<unknown>>();
	const track = (work: Promise<unknown>): void => {
		const settled = work.catch(() => undefined);
		inFlight.add(settled);
		void settled.finally(() => inFlight.delete(settled));
	};
	let state: 'starting' | 'ready' | 'closing' = 'starting';
	// Background work (following a target-users job) stops when the server closes.
	const closing = new AbortController();
	const core = createInteractionCore({
		verifier: new NodeEd25519PublicKey(options.publicKey),
		attachmentFetch: nodeAttachmentFetch,
		...options,
		signal: closing.signal,
		status: () => state,
	});
	const context = { waitUntil: track };

	const server = createServer(
		{ connectionsCheckingInterval: SERVER_DEFAULTS.connectionsCheckingIntervalMs },
		(req, res) => {
			const path = pathOf(req.url);
			// Process metrics belong to the Node host: /metrics is served here, not by the host-free endpoint.
			if (options.metrics && path === METRICS_PATH) return track(serveMetrics(options.metrics, req, res));
			const exchange = new Exchange(req, res, path);
			const work = core(exchange, context)
				.then((answer) => exchange.send(answer))
				.catch((error: unknown) => {
					if (res.destroyed && !res.writableFinished)
						return logger.debug({ err: error }, 'the client went away before the answer');
					logger.error({ err: error }, 'unexpected error handling a request');
					if (!res.headersSent) res.writeHead(500).end();
				});
			track(work);
		},
	);
	limitConnections(server, options);

	return {
		server,
		async listen(port, host) {
			const address = await listen(server, port, host);
			state = 'ready';
			return address;
		},
		async close() {
			state = 'closing';
			closing.abort();
			const closed = server.listening
				? new Promise<void>((resolve) => server.close(() => resolve()))
				: Promise.resolve();
			server.closeIdleConnections();
			while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
			server.closeAllConnections();
			await closed;
		},
	};
}
