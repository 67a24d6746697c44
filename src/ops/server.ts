/**
 * A small HTTP server for operations only: `GET /metrics` (Prometheus text) and
 * `GET /healthz`. The gateway bot has no HTTP port of its own; it starts this on
 * `METRICS_PORT`. (The HTTP endpoint serves both on its own port instead.)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Health, type HealthProblems, healthResponse } from './health.js';
import type { InviteMetrics } from './metrics-types.js';

export interface OpsServerOptions {
	/** Whose `registry` `/metrics` serves (a sharded launcher passes one that sums its shards). */
	metrics: Pick<InviteMetrics, 'registry'>;
	health: Health;
	/** Problems known only at request time (e.g. shards not ready), merged into `/healthz`. */
	liveProblems?: (() => HealthProblems) | undefined;
}

export interface OpsServer {
	server: Server;
	listen(port: number, host?: string): Promise<AddressInfo>;
	close(): Promise<void>;
}

export function createOpsServer(options: OpsServerOptions): OpsServer {
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/(?<=.)\/+$/, '');
		const reply = (status: number, body: string, type = 'application/json'): void => {
			res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
			res.end(body);
		};
		if (path !== '/metrics' && path !== '/healthz') return reply(404, JSON.stringify({ error: 'not found' }));
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res.setHeader('allow', 'GET, HEAD');
			return reply(405, JSON.stringify({ error: 'method not allowed' }));
		}
		if (path === '/healthz') {
			const answer = healthResponse(options.health, options.liveProblems?.());
			return reply(answer.status, JSON.stringify(answer.body));
		}
		options.metrics.registry.metrics().then(
			(text) => reply(200, text, options.metrics.registry.contentType),
			() => reply(500, JSON.stringify({ error: 'metrics unavailable' })),
		);
	});
	// Scrapers and probes are short-lived clients: no reason to hold idle sockets long.
	server.keepAliveTimeout = 5_000;
	server.headersTimeout = 5_000;
	server.requestTimeout = 10_000;
	return {
		server,
		listen: (port, host) =>
			new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					resolve(server.address() as AddressInfo);
				});
			}),
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
