/**
 * The Interactions Endpoint URL, host-free: a request (method, path, headers, raw body) in, an
 * answer (status, headers, body) out. Verify the signature first (401), then hand the payload to
 * the pipeline, answering its first callback in the HTTP response and mapping what else became
 * of it (`Handled`) to a status. Every HTTP host calls it: the Web adapter (Workers, Deno, Bun,
 * `src/http/handler.ts`) and Node's (`src/http/server.ts`). Imports no `node:` module.
 */
import type { REST } from '@discordjs/rest';
import type { Clock } from '../core/deadline.js';
import type { Logger } from '../log-core.js';
import { type Health, healthResponse } from '../ops/health.js';
import type { Pipeline } from './pipeline.js';
import { type Responder, restResponder } from './responder.js';
import { checkSignature, type SignatureVerifier } from './signature.js';

/** Where Discord posts interactions, and where load balancers ask whether we are up. */
export const INTERACTIONS_PATH = '/interactions';
export const HEALTH_PATH = '/healthz';

/** Defaults, spread under the caller's options. */
export const HANDLER_DEFAULTS = {
	/** Discord's interaction payloads are a few KiB; 64 KiB leaves room for large `resolved` maps. */
	bodyLimitBytes: 64 * 1024,
	replayWindowSeconds: 300,
} as const;

/**
 * What a host offers to keep work alive after the response went out: Cloudflare's
 * `ExecutionContext` has it; the Node adapter uses it to finish in-flight work on close.
 */
export interface HandlerContext {
	waitUntil(promise: Promise<unknown>): void;
}

/** What a body reader returns for a body over the limit. */
export const TOO_LARGE: unique symbol = Symbol('body too large');

/** The client's side of the connection, as far as the answer cares. */
export interface ClientConnection {
	/** Whether the client hung up before the answer. */
	readonly closed: boolean;
	/** Calls `listener` once if the client hangs up before the answer. */
	onClose(listener: () => void): void;
}

/** A request as the transport-free endpoint sees it; each host adapter makes one from its own. */
export interface InteractionRequest {
	method: string;
	/** The path, without the query. */
	path: string;
	/** A header by its lower-case name; null or undefined when absent. */
	header(name: string): string | null | undefined;
	/**
	 * Reads the raw body, up to `limit` bytes: `TOO_LARGE` beyond it (the adapter stops reading
	 * and lets the 413 through); rejects when the body cannot be received. Called at most once,
	 * and only for a request that needs it.
	 */
	body(limit: number): Promise<Uint8Array | typeof TOO_LARGE>;
	connection?: ClientConnection | undefined;
}

/** The transport-free endpoint's answer; the adapter writes it (adding the content length). */
export interface InteractionAnswer {
	status: number;
	headers: Record<string, string>;
	body: string;
}

/** The transport-free endpoint: what every host adapter calls. */
export type InteractionCore = (request: InteractionRequest, ctx?: HandlerContext) => Promise<InteractionAnswer>;

/** What the endpoint stands on; whoever builds it has read the options and made the pipeline. */
export interface EndpointOptions {
	pipeline: Pick<Pipeline<unknown>, 'handle'>;
	/** Checks the signatures with the application's public key. */
	verifier: SignatureVerifier;
	/** Edits and follow-ups after the HTTP response (the deferred answer), over REST. */
	rest: REST;
	applicationId: string;
	clock: Clock;
	/** The replay window's clock (ms since epoch). */
	now: () => number;
	logger: Logger;
	bodyLimitBytes: number;
	replayWindowSeconds: number;
	/** `GET /healthz`: 503 with this state while it is not `ready`, else the health checks. */
	status: () => string;
	health: Health;
}

/** Builds the transport-free endpoint every HTTP adapter calls. */
export function createEndpoint(options: EndpointOptions): InteractionCore {
	const { pipeline, clock, now, logger, bodyLimitBytes, replayWindowSeconds } = options;

	async function handle(request: InteractionRequest, ctx?: HandlerContext): Promise<InteractionAnswer> {
		const receivedAt = clock.now();
		// A trailing slash names the same route (an endpoint URL pasted with one still works).
		const path = request.path.length > 1 && request.path.endsWith('/') ? trimSlashes(request.path) : request.path;
		if (path === HEALTH_PATH) {
			if (request.method !== 'GET' && request.method !== 'HEAD')
				return json(405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
			const state = options.status();
			if (state !== 'ready') return json(503, { status: state });
			const answer = healthResponse(options.health);
			return json(answer.status, answer.body);
		}
		if (path !== INTERACTIONS_PATH) return json(404, { error: 'not found' });
		if (request.method !== 'POST') return json(405, { error: 'method not allowed' }, { allow: 'POST' });

		let body: Uint8Array | typeof TOO_LARGE;
		try {
			body = await request.body(bodyLimitBytes);
		} catch (error) {
			logger.debug({ err: error }, 'request body not received');
			return json(400, { error: 'body not received' });
		}
		if (body === TOO_LARGE) return json(413, { error: 'body too large' }, { connection: 'close' });

		// Verify before anything reads the body: Discord sends bad signatures on purpose.
		const verdict = await checkSignature(
			options.verifier,
			{
				signature: request.header('x-signature-ed25519'),
				timestamp: request.header('x-signature-timestamp'),
				body,
			},
			now(),
			replayWindowSeconds,
		);
		if (!verdict.ok) {
			logger.debug({ problem: verdict.problem }, 'refused an unsigned or stale request');
			return json(401, { error: 'invalid request signature' });
		}

		let payload: unknown;
		try {
			// Invalid UTF-8 is refused, not patched with U+FFFD: Discord sends valid UTF-8.
			payload = JSON.parse(STRICT_UTF8.decode(body));
		} catch {
			return json(400, { error: 'malformed JSON' });
		}
		if (!isObject(payload) || typeof payload.type !== 'number') return json(400, { error: 'not an interaction' });
		return answer(payload, request, receivedAt, ctx);
	}

	/**
	 * Hands the payload to the pipeline. The HTTP response is the first answer (the reply, the
	 * defer when the deadline comes first, the autocomplete choices); the rest (the edit of
	 * `@original`) goes on after it over REST, kept alive by `ctx.waitUntil` where the host needs that.
	 */
	async function answer(
		payload: Record<string, unknown>,
		request: InteractionRequest,
		receivedAt: number,
		ctx: HandlerContext | undefined,
	): Promise<InteractionAnswer> {
		let answered = false;
		let resolveFirst: (response: InteractionAnswer) => void = () => undefined;
		const first = new Promise<InteractionAnswer>((resolve) => {
			resolveFirst = resolve;
		});
		const connection = request.connection;
		connection?.onClose(() => {
			if (!answered) logger.warn({ interaction: payload.id }, 'Discord closed the connection before the answer');
		});
		const responder: Responder = {
			...restResponder(
				options.rest,
				{ id: String(payload.id), token: String(payload.token), application_id: options.applicationId },
				{ clock },
			),
			callback(body) {
				if (answered) return Promise.reject(new Error('the response was already sent'));
				if (connection?.closed) return Promise.reject(new Error('the client closed the connection'));
				answered = true;
				resolveFirst(json(200, body));
				return Promise.resolve();
			},
		};
		const work = pipeline.handle(payload, responder, {
			receivedAt,
			// The signature is verified: its timestamp is when Discord signed this request. A
			// captured request replayed within the window carries a valid signature: each
			// interaction runs once (per process or isolate unless the guard is shared: see docs/hosting.md).
			signedAtMs: Number(request.header('x-signature-timestamp')) * 1_000,
			replayNowMs: now(),
			waitUntil: ctx ? (promise) => ctx.waitUntil(promise) : undefined,
		});
		const settled = work.then(
			(handled): InteractionAnswer | undefined => {
				if (handled.status === 'malformed') return json(400, { error: 'malformed interaction' });
				if (handled.status === 'replayed') return json(401, { error: 'replayed interaction' });
				if (handled.status === 'unsupported')
					return json(400, { error: `unsupported interaction type ${handled.type}` });
				return undefined;
			},
			(error: unknown) => {
				logger.error({ err: error }, 'unexpected error in the pipeline');
				return undefined;
			},
		);
		ctx?.waitUntil(settled);
		// The pipeline always answers unless the client left first: then nobody reads this response.
		return (await Promise.race([first, settled])) ?? json(500, { error: 'no answer' });
	}

	return async (request, ctx) => {
		try {
			return await handle(request, ctx);
		} catch (error) {
			logger.error({ err: error }, 'unexpected error handling a request');
			return json(500, { error: 'internal error' });
		}
	};
}

/**
 * The endpoint of a host whose variables do not read: `/healthz` says so (503), everything else
 * answers 500 (the host has logged why).
 */
export const misconfiguredEndpoint: InteractionCore = async (request) =>
	request.path === HEALTH_PATH
		? json(503, { status: 'misconfigured' })
		: json(500, { error: 'endpoint misconfigured' });

/** One decoder for every body: `decode` without `stream` keeps no state between calls. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A JSON answer (interaction responses and the short errors of requests we refuse). */
function json(status: number, body: object, headers?: Record<string, string>): InteractionAnswer {
	return {
		status,
		headers: headers ? { 'content-type': 'application/json', ...headers } : { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	};
}

/** `/interactions/` (or `//`) as `/interactions`; `/` stays. */
const trimSlashes = (path: string): string => path.replace(/(?<=.)\/+$/, '');

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
