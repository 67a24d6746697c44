/**
 * The Node adapter of the HTTP endpoint (`npm run serve`): a `node:http` server around the
 * host-free handler (`handler.ts`). What only a Node server has lives here: timeouts against
 * slow clients, draining a refused body, and a graceful close that finishes the interactions
 * in flight (deferred answers included).
 */

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { silentLogger } from '../log-core.js';
import type { InviteMetrics } from '../ops/metrics.js';
import { createInteractionHandler, HANDLER_DEFAULTS, type InteractionHandlerOptions } from './handler.js';

export { HEALTH_PATH, INTERACTIONS_PATH } from './handler.js';

/** Prometheus scrapes here, on the endpoint's own port (when the server has metrics). */
export const METRICS_PATH = '/metrics';

/** Defaults, spread under the caller's options. */
export const SERVER_DEFAULTS = {
	...HANDLER_DEFAULTS,
	/** Time to receive the headers, the whole request, and between requests on a kept-alive socket. */
	headersTimeoutMs: 5_000,
	requestTimeoutMs: 10_000,
	keepAliveTimeoutMs: 5_000,
	/**
	 * How often Node checks those timeouts. Its default (30 s) lets idle sockets pile up far past
	 * the 5 s and 10 s limits; 1 s keeps the limits what they say.
	 */
	connectionsCheckingIntervalMs: 1_000,
} as const;

/**
 * The soft RLIMIT_NOFILE of this process: Node has no API for it, Linux says it in
 * /proc/self/limits. Undefined where that cannot be read (then `connectionCap` is conservative).
 */
export function descriptorLimit(
	read: () => string = () => readFileSync('/proc/self/limits', 'utf8'),
): number | undefined {
	try {
		const line = read()
			.split('\n')
			.find((entry) => entry.startsWith('Max open files'));
		const soft = line ? Number(line.slice('Max open files'.length).trim().split(/\s+/)[0]) : Number.NaN;
		return Number.isSafeInteger(soft) && soft > 0 ? soft : undefined;
	} catch {
		return undefined;
	}
}

/**
 * How many client connections to hold at once: below the descriptor limit, leaving a quarter
 * (at least 128) for outgoing REST sockets, logs and files. Unknown limit: 768, which fits the
 * common 1,024. `MAX_CONNECTIONS` overrides it.
 */
export function connectionCap(limit: number | undefined = descriptorLimit(), configured?: number): number {
	if (configured !== undefined) return configured;
	if (limit === undefined) return 768;
	return Math.max(16, limit - Math.max(128, Math.floor(limit / 4)));
}

export interface InteractionServerOptions extends Omit<InteractionHandlerOptions, 'status'> {
	/** Server timeouts against slow clients (ms). */
	headersTimeoutMs?: number | undefined;
	requestTimeoutMs?: number | undefined;
	keepAliveTimeoutMs?: number | undefined;
	/** Client connections held at once (`MAX_CONNECTIONS`). Default: `connectionCap()`. */
	maxConnections?: number | undefined;
}

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
	const handler = createInteractionHandler({ ...options, signal: closing.signal, status: () => state });
	const context = { waitUntil: track };

	const server = createServer(
		{ connectionsCheckingInterval: SERVER_DEFAULTS.connectionsCheckingIntervalMs },
		(req, res) => {
			// Process metrics belong to the Node host: /metrics is served here, not by the host-free handler.
			if (options.metrics && new URL(req.url ?? '/', 'http://localhost').pathname === METRICS_PATH) {
				track(serveMetrics(options.metrics, req, res));
				return;
			}
			// Discord hanging up before the answer aborts the request: the handler then answers nobody.
			const hangUp = new AbortController();
			res.once('close', () => {
				if (!res.writableFinished) hangUp.abort();
			});
			const work = handler(toRequest(req, hangUp.signal), context)
				.then((response) => send(res, response))
				.catch((error: unknown) => {
					if (res.destroyed && !res.writableFinished)
						return logger.debug({ err: error }, 'the client went away before the answer');
					logger.error({ err: error }, 'unexpected error handling a request');
					if (!res.headersSent) res.writeHead(500).end();
				});
			track(work);
		},
	);
	// At the cap, the oldest connection that is not serving a request (still sending its headers,
	// or idle between keep-alive requests) makes room for the new one: idle sockets can never
	// lock a real client out, and the process never runs out of descriptors (EMFILE would stop
	// /healthz and the REST calls to Discord too).
	const cap = connectionCap(undefined, options.maxConnections);
	const waiting = new Set<Socket>();
	let open = 0;
	server.on('connection', (socket: Socket) => {
		open++;
		socket.once('close', () => {
			open--;
			waiting.delete(socket);
		});
		if (open > cap) {
			const oldest = waiting.values().next().value;
			if (oldest) {
				waiting.delete(oldest);
				oldest.destroy();
			} else {
				socket.destroy();
				return;
			}
		}
		waiting.add(socket);
	});
	server.on('request', (req: IncomingMessage, res: ServerResponse) => {
		const socket = req.socket;
		waiting.delete(socket);
		res.once('close', () => {
			if (!socket.destroyed) waiting.add(socket);
		});
	});
	server.headersTimeout = options.headersTimeoutMs ?? SERVER_DEFAULTS.headersTimeoutMs;
	server.requestTimeout = options.requestTimeoutMs ?? SERVER_DEFAULTS.requestTimeoutMs;
	server.keepAliveTimeout = options.keepAliveTimeoutMs ?? SERVER_DEFAULTS.keepAliveTimeoutMs;

	return {
		server,
		listen(port, host) {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					state = 'ready';
					resolve(server.address() as AddressInfo);
				});
			});
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

/** `GET /metrics`: the registry in Prometheus text format. */
async function serveMetrics(metrics: InviteMetrics, req: IncomingMessage, res: ServerResponse): Promise<void> {
	req.resume();
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' });
		res.end(JSON.stringify({ error: 'method not allowed' }));
		return;
	}
	const text = await metrics.registry.metrics();
	res.writeHead(200, { 'content-type': metrics.registry.contentType, 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

/** The Web `Request` for a Node request; its body streams from the socket as the handler reads it. */
function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers))
		if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
	const method = req.method ?? 'GET';
	const hasBody = method !== 'GET' && method !== 'HEAD';
	return new Request(new URL(req.url ?? '/', 'http://localhost'), {
		method,
		headers,
		signal,
		...(hasBody ? { body: bodyOf(req), duplex: 'half' } : {}),
	} as RequestInit);
}

/**
 * The request body as a web stream. Unlike `Readable.toWeb`, cancelling it (a body over the
 * limit) drains the rest instead of destroying the socket, so the 413 still reaches the client.
 */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
	let open = true;
	const stop = (): void => {
		open = false;
		req.off('data', onData);
	};
	let onData: (chunk: Buffer) => void = () => undefined;
	return new ReadableStream<Uint8Array>({
		start(controller) {
			onData = (chunk) => {
				controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
				if ((controller.desiredSize ?? 0) <= 0) req.pause();
			};
			req.on('data', onData);
			req.once('end', () => {
				if (open) controller.close();
				stop();
			});
			req.once('error', (error) => {
				if (open) controller.error(error);
				stop();
			});
			req.once('close', () => {
				if (open && !req.complete) controller.error(new Error('the client closed the connection'));
				stop();
			});
		},
		pull() {
			req.resume();
		},
		cancel() {
			stop();
			req.resume();
		},
	});
}

/**
 * Writes a Web `Response`. Resolves once it is handed to the socket; rejects when the client
 * went away first.
 */
async function send(res: ServerResponse, response: Response): Promise<void> {
	const body = Buffer.from(await response.arrayBuffer());
	await new Promise<void>((resolve, reject) => {
		if (res.destroyed) {
			reject(new Error('the client closed the connection'));
			return;
		}
		res.once('close', () =>
			res.writableFinished ? resolve() : reject(new Error('the client closed the connection')),
		);
		const headers: Record<string, string> = {};
		response.headers.forEach((value, name) => {
			headers[name] = value;
		});
		res.writeHead(response.status, { ...headers, 'content-length': body.byteLength });
		res.end(body, () => resolve());
	});
}
