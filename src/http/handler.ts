/**
 * The Web adapter of the HTTP endpoint: a Web `Request` in, a `Response` out, around the
 * transport-free endpoint (`src/pipeline/endpoint.ts`, put together in `setup.ts`). What
 * Cloudflare Workers (`worker.ts`), `Deno.serve` and `Bun.serve` call. Imports no `node:` module
 * and never discord.js: it runs wherever `fetch` and `crypto.subtle` do.
 */
import { readAtMost } from '../discord/bounded-body.js';
import {
	type HandlerContext,
	type InteractionAnswer,
	type InteractionCore,
	type InteractionRequest,
	TOO_LARGE,
} from '../pipeline/endpoint.js';
import type { InteractionEnv } from './bindings.js';
import {
	createInteractionCore,
	endpointFromEnv,
	type HandlerTuning,
	type HostedState,
	type InteractionHandlerOptions,
} from './setup.js';

// What the Worker adapter, the tests and the benchmarks import from here.
export { type HandlerContext, HEALTH_PATH, INTERACTIONS_PATH } from '../pipeline/endpoint.js';
export { createInteractionCore, type HandlerTuning, type HostedState } from './setup.js';

/** The endpoint: every request of the Interactions Endpoint URL (and `/healthz`) goes here. */
export type InteractionHandler = (request: Request, ctx?: HandlerContext) => Promise<Response>;

/** Builds the handler (Web `Request` in, `Response` out). Throws at once on a malformed public key. */
export function createInteractionHandler(options: InteractionHandlerOptions): InteractionHandler {
	return webHandler(createInteractionCore(options));
}

/** The handler `handleInteraction` builds from a host's variables; misconfigured, it answers 500. */
export function handlerFromEnv(env: InteractionEnv, tuning?: HandlerTuning, hosted?: HostedState): InteractionHandler {
	return webHandler(endpointFromEnv(env, tuning, hosted));
}

const fromEnv = new Map<string, InteractionHandler>();

/**
 * The endpoint configured from a host's variables (see `endpointFromEnv`): what a Cloudflare
 * Worker's `fetch`, `Deno.serve` or `Bun.serve` calls. The handler (its REST clients, the
 * imported key, the replay memory) is built on the first request and reused by every later one
 * the isolate or process serves.
 */
export function handleInteraction(request: Request, env: InteractionEnv, ctx?: HandlerContext): Promise<Response> {
	const cacheKey = [
		env.DISCORD_PUBLIC_KEY,
		env.DISCORD_TOKEN,
		env.DISCORD_APPLICATION_ID,
		env.DISCORD_API_URL,
		env.LOG_LEVEL,
		env.REPLAY_WINDOW_SECONDS,
		env.DISCORD_REST_GLOBAL_RPS,
	].join('\n');
	let handler = fromEnv.get(cacheKey);
	if (!handler) {
		handler = handlerFromEnv(env);
		fromEnv.set(cacheKey, handler);
	}
	return handler(request, ctx);
}

/** The endpoint, read from and written to the Web's `Request` and `Response`. */
function webHandler(core: InteractionCore): InteractionHandler {
	return async (request, ctx) => webResponse(await core(webRequest(request), ctx));
}

/**
 * A `Request` as the transport-free endpoint reads it. It never reads `request.signal`:
 * Deno.serve aborts it after every successful response (and warns once that it does), Workers
 * only with a flag; the host drops an answer nobody waits for.
 */
function webRequest(request: Request): InteractionRequest {
	return {
		method: request.method,
		path: new URL(request.url).pathname,
		header: (name) => request.headers.get(name),
		body: (limit) => readBody(request, limit),
	};
}

const webResponse = (answer: InteractionAnswer): Response =>
	new Response(answer.body, { status: answer.status, headers: answer.headers });

/**
 * The raw body of a Web `Request`, up to `limit` bytes: a larger Content-Length is refused
 * before reading, a body that grows past the limit is cancelled where it crosses it.
 */
async function readBody(request: Request, limit: number): Promise<Uint8Array | typeof TOO_LARGE> {
	const declared = Number(request.headers.get('content-length') ?? Number.NaN);
	if (Number.isFinite(declared) && declared > limit) {
		await request.body?.cancel().catch(() => undefined);
		return TOO_LARGE;
	}
	if (!request.body) return new Uint8Array(0);
	return (await readAtMost(request.body, limit)) ?? TOO_LARGE;
}
