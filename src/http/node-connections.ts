/**
 * What the Node adapter holds against slow and many clients: timeouts, and how many connections
 * at once, with what gives way at the cap. The process must never run out of descriptors
 * (EMFILE would stop `/healthz` and the REST calls to Discord too), and idle sockets must never
 * lock a real client out.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { HANDLER_DEFAULTS } from '../pipeline/endpoint.js';

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

export interface ConnectionLimits {
	/** Server timeouts against slow clients (ms). */
	headersTimeoutMs?: number | undefined;
	requestTimeoutMs?: number | undefined;
	keepAliveTimeoutMs?: number | undefined;
	/** Client connections held at once (`MAX_CONNECTIONS`). Default: `connectionCap()`. */
	maxConnections?: number | undefined;
}

/** Holds `server` to the limits (defaults: `SERVER_DEFAULTS`, `connectionCap()`). */
export function limitConnections(server: Server, limits: ConnectionLimits): void {
	capConnections(server, connectionCap(undefined, limits.maxConnections));
	server.headersTimeout = limits.headersTimeoutMs ?? SERVER_DEFAULTS.headersTimeoutMs;
	server.requestTimeout = limits.requestTimeoutMs ?? SERVER_DEFAULTS.requestTimeoutMs;
	server.keepAliveTimeout = limits.keepAliveTimeoutMs ?? SERVER_DEFAULTS.keepAliveTimeoutMs;
}

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

/**
 * Holds `server` to `cap` connections. At the cap, the oldest connection that is not serving a
 * request (still sending its headers, or idle between keep-alive requests) makes room for the
 * new one; with none such, the new one is refused.
 */
function capConnections(server: Server, cap: number): void {
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
}
