/**
 * A small HTTP server for operations only: `GET /metrics` (Prometheus text) and
 * `GET /healthz`. The gateway bot has no HTTP port of its own; it starts this on
 * `METRICS_PORT`. (The HTTP endpoint serves both on its own port instead, `/metrics` through
 * `serveMetrics`.)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
		if (path === '/metrics') return void serveMetrics(options.metrics, req, res);
		if (path !== '/healthz') return reply(res, 404, JSON.stringify({ error: 'not found' }));
		if (req.method !== 'GET' && req.method !== 'HEAD') return notAllowed(res);
		const answer = healthResponse(options.health, options.liveProblems?.());
		return reply(res, answer.status, JSON.stringify(answer.body));
	});
	// Scrapers and probes are short-lived clients: no reason to hold idle sockets long.
	server.keepAliveTimeout = 5_000;
	server.headersTimeout = 5_000;
	server.requestTimeout = 10_000;
	return {
		server,
		listen: (port, host) => listen(server, port, host),
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** `GET /metrics` (or HEAD): the registry in Prometheus text format; 405 for other methods. */
export async function serveMetrics(
	metrics: Pick<InviteMetrics, 'registry'>,
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	req.resume();
	if (req.method !== 'GET' && req.method !== 'HEAD') return notAllowed(res);
	let text: string;
	try {
		text = await metrics.registry.metrics();
	} catch {
		return reply(res, 500, JSON.stringify({ error: 'metrics unavailable' }));
	}
	reply(res, 200, text, metrics.registry.contentType);
}

function reply(res: ServerResponse, status: number, body: string, type = 'application/json'): void {
	res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
	res.end(body);
}

function notAllowed(res: ServerResponse): void {
	res.setHeader('allow', 'GET, HEAD');
	reply(res, 405, JSON.stringify({ error: 'method not allowed' }));
}

/** Starts `server` listening; resolves with the bound address (port 0 picks a free one), rejects when it cannot listen. */
export function listen(server: Server, port: number, host?: string): Promise<AddressInfo> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(server.address() as AddressInfo);
		});
	});
}
