/**
 * One request of the Node adapter and its response, as the transport-free endpoint reads it
 * (`InteractionRequest`): the headers from Node's parsed object, the body from the socket into a
 * Buffer (no Web `Request`, stream or `AbortController`: those were about a third of the
 * endpoint's CPU), the hang-up from the response's `close`, the answer written straight to the
 * socket.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
	type ClientConnection,
	type InteractionAnswer,
	type InteractionRequest,
	TOO_LARGE,
} from '../pipeline/endpoint.js';

/** The path of a request target, without the query, as `new URL` would read it. */
export function pathOf(url = '/'): string {
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
export class Exchange implements InteractionRequest, ClientConnection {
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
