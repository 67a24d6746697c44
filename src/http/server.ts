/**
 * The Node adapter of the HTTP endpoint (`npm run serve`): a `node:http` server around the
 * transport-free endpoint (`createInteractionCore` in `setup.ts`, the same one the Web
 * adapter calls). It reads the body into a Buffer, verifies with `node:crypto` and writes the
 * answer itself: no Web `Request`, `Response`, stream or `AbortController` per request (those
 * were about a third of its CPU). What only a Node server has lives here too: timeouts against
 * slow clients, draining a refused body, and a graceful close that finishes the interactions
 * in flight (deferred answers included).
 */

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { nodeAttachmentFetch } from '../discord/attachment-transport.js';
import { silentLogger } from '../log-core.js';
import type { InviteMetrics } from '../ops/metrics-types.js';
import {
	type ClientConnection,
	HANDLER_DEFAULTS,
	type InteractionAnswer,
	type InteractionRequest,
	TOO_LARGE,
} from '../pipeline/endpoint.js';
import { NodeEd25519PublicKey } from './node-signature.js';
import { createInteractionCore, type InteractionHandlerOptions } from './setup.js';

export { HEALTH_PATH, INTERACTIONS_PATH } from '../pipeline/endpoint.js';

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
			if (options.metrics && path === METRICS_PATH) {
				track(serveMetrics(options.metrics, req, res));
				return;
			}
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

/** The path of a request target, without the query, as `new URL` would read it. */
function pathOf(url = '/'): string {
	const query = url.indexOf('?');
	const path = query === -1 ? url : url.slice(0, query);
	// Only a path with dot segments, escapes, doubled slashes or an absolute form needs URL's rules.
	return PLAIN_PATH.test(path) ? path : new URL(url, 'http://localhost').pathname;
}
const PLAIN_PATH = /^(?:\/[\w-]+)+\/?$|^\/$/;

/** The client went away before the answer was written (one instance: nobody reads its stack). */
const CLIENT_CLOSED = new Error('the client closed the connection');

/**
 * One request and its response, as the transport-free endpoint reads it: the headers from
 * Node's parsed object, the body from the socket into a Buffer, the hang-up from the
 * response's `close`, and the answer written straight to the socket.
 */
class Exchange implements InteractionRequest, ClientConnection {
	readonly method: string;
	readonly path: string;
	readonly connection: ClientConnection = this;
	readonly #req: IncomingMessage;
	readonly #res: ServerResponse;
	#closed = false;
	#onClose: (() => void) | undefined;
	#written: (() => void) | undefined;
	#lost: ((error: Error) => void) | undefined;

	constructor(req: IncomingMessage, res: ServerResponse, path: string) {
		this.#req = req;
		this.#res = res;
		this.method = req.method ?? 'GET';
		this.path = path;
		// One listener serves both: Discord hanging up before the answer (the endpoint then
		// answers nobody), and the answer handed to the socket.
		res.once('close', () => {
			if (res.writableFinished) return this.#written?.();
			this.#closed = true;
			this.#onClose?.();
			this.#lost?.(CLIENT_CLOSED);
		});
	}

	get closed(): boolean {
		return this.#closed;
	}

	onClose(listener: () => void): void {
		this.#onClose = listener;
	}

	header(name: string): string | undefined {
		const value = this.#req.headers[name];
		return Array.isArray(value) ? value.join(', ') : value;
	}

	/**
	 * The body, up to `limit` bytes. Over the limit (declared or while reading), the rest is
	 * drained, not the socket destroyed, so the 413 still reaches the client.
	 */
	body(limit: number): Promise<Buffer | typeof TOO_LARGE> {
		const req = this.#req;
		const declared = Number(req.headers['content-length']);
		if (declared > limit) {
			req.resume();
			return Promise.resolve(TOO_LARGE);
		}
		return new Promise((resolve, reject) => {
			const chunks: Buffer[] = [];
			let size = 0;
			const stop = (): void => {
				req.off('data', onData);
				req.off('end', onEnd);
				req.off('error', onError);
				req.off('close', onClose);
			};
			const onData = (chunk: Buffer): void => {
				size += chunk.byteLength;
				if (size > limit) {
					stop();
					req.resume();
					resolve(TOO_LARGE);
				} else chunks.push(chunk);
			};
			const onEnd = (): void => {
				stop();
				resolve(Buffer.concat(chunks, size));
			};
			const onError = (error: Error): void => {
				stop();
				reject(error);
			};
			const onClose = (): void => {
				stop();
				reject(CLIENT_CLOSED);
			};
			req.on('data', onData);
			req.once('end', onEnd);
			req.once('error', onError);
			req.once('close', onClose);
		});
	}

	/**
	 * Writes the answer. Resolves once it is handed to the socket; rejects when the client went
	 * away first.
	 */
	send(answer: InteractionAnswer): Promise<void> {
		const res = this.#res;
		if (this.#closed || res.destroyed) return Promise.reject(CLIENT_CLOSED);
		return new Promise<void>((resolve, reject) => {
			this.#written = resolve;
			this.#lost = reject;
			res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
			res.end(answer.body);
		});
	}
}
