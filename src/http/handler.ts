/**
 * The HTTP transport (Discord's "Interactions Endpoint URL") as one host-free function:
 * a request (method, path, headers, raw body) in, an answer (status, headers, body) out.
 * Verify the signature first (401), then hand the payload to the pipeline every host feeds
 * (src/pipeline/), answering its first callback in the HTTP response. Host adapters stay thin: the Web one here (a `Request` in, a `Response` out:
 * Cloudflare Workers in `worker.ts`, `Deno.serve` / `Bun.serve` as they are) and Node's
 * (`server.ts`, which reads and writes its sockets directly and verifies with `node:crypto`).
 * Imports no `node:` module and never discord.js: it runs wherever `fetch` and `crypto.subtle` do.
 */
import type { REST } from '@discordjs/rest';
import { COMMANDS } from '../commands/invite.js';
import type { InviteCooldowns } from '../core/cooldown.js';
import { type Clock, systemClock } from '../core/deadline.js';
import type { InviteOutcome, PendingTargetUsersJob } from '../core/invite.js';
import { type ReplayGuard, SeenInteractions } from '../core/replay.js';
import type { AttachmentFetch } from '../discord/attachments.js';
import { readAtMost } from '../discord/bounded-body.js';
import { createInviteRest } from '../discord/invites.js';
import { createRest, globalPacerOf, restOptions, watchToken } from '../discord/rest.js';
import { createConsoleLogger, type Logger, silentLogger } from '../log-core.js';
import { createHealth, type Health, healthResponse } from '../ops/health.js';
import type { InviteMetrics } from '../ops/metrics-types.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { type Responder, restResponder } from '../pipeline/responder.js';
import type { InviteStore } from '../store/repository.js';
import { type InteractionEnv, settingsFromEnv } from './bindings.js';
import { checkSignature, Ed25519PublicKey, type SignatureVerifier } from './signature.js';

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

export interface InteractionHandlerOptions {
	/** The application's public key, 64 hex characters (`DISCORD_PUBLIC_KEY`). */
	publicKey: string;
	/** Ordinary REST client: lookups and edits of the deferred response. */
	rest: REST;
	/** REST client for Create Channel Invite: see `createInviteRest` (never repeats the POST). */
	inviteRest: REST;
	/** The application id (`DISCORD_APPLICATION_ID`). */
	applicationId: string;
	logger?: Logger | undefined;
	/** How far (seconds) a signed timestamp may be from now. Default 300. */
	replayWindowSeconds?: number | undefined;
	/** Largest body accepted; larger answers 413. Default 64 KiB. */
	bodyLimitBytes?: number | undefined;
	/** Budget before deferring (ms from receipt). Default: the core's 1.5 s. */
	deferAfterMs?: number | undefined;
	/** The clock for the replay window (ms since epoch). Default: `clock.now`. */
	now?: (() => number) | undefined;
	/** The one clock of every timing rule (the deadline, the job follow-up, retries). Default: the system's. */
	clock?: Clock | undefined;
	/** Where seen interaction ids are kept. Default: in memory, for twice the replay window. */
	replayGuard?: ReplayGuard | undefined;
	/** What `GET /healthz` reports: 200 when `ready`, 503 otherwise. Default: always ready. */
	status?: (() => string) | undefined;
	/** Called with each `/invite` outcome (logs, metrics, tests). */
	onOutcome?: ((outcome: InviteOutcome) => void) | undefined;
	/** Longest download of `users_file` (ms). Default 5 s. */
	attachmentTimeoutMs?: number | undefined;
	/** How `users_file` is downloaded. Default: fetch, hosts checked; the Node adapter passes one that checks addresses too. */
	attachmentFetch?: AttachmentFetch | undefined;
	/** Waits between polls of the target-users job (ms). Default: backing off over about 2 minutes. */
	jobPollDelaysMs?: readonly number[] | undefined;
	/** Ends background work (following a target-users job) early: the Node adapter aborts it on close. */
	signal?: AbortSignal | undefined;
	/**
	 * Metrics to record outcomes and REST responses into (type only here: prom-client is loaded
	 * by whoever creates them; the Node adapter serves them on `GET /metrics`).
	 */
	metrics?: InviteMetrics | undefined;
	/** Per-user and per-server invite limits (see `createCooldowns`). Default: none. */
	cooldowns?: InviteCooldowns | undefined;
	/**
	 * Takes over target-users job follow-ups (a Worker's Durable Object), given the interaction
	 * token that edits the reply. Default: polled here.
	 */
	jobFollower?: ((job: PendingTargetUsersJob, interactionToken: string) => Promise<unknown>) | undefined;
	/** Health state others mark; `GET /healthz` answers 503 while a check fails. Default: a fresh one. */
	health?: Health | undefined;
	/**
	 * Checks the signatures with `publicKey`. Default: Web Crypto (`Ed25519PublicKey`); the Node
	 * adapter passes its `node:crypto` one.
	 */
	verifier?: SignatureVerifier | undefined;
	/** The invite ledger and each server's settings (src/store), handed to every command. Default: none. */
	store?: InviteStore | undefined;
}

/** The endpoint: every request of the Interactions Endpoint URL (and `/healthz`) goes here. */
export type InteractionHandler = (request: Request, ctx?: HandlerContext) => Promise<Response>;

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

/** The health check a refused bot token fails. */
export const TOKEN_CHECK = 'discord-token';

/** Builds the handler (Web `Request` in, `Response` out). Throws at once on a malformed public key. */
export function createInteractionHandler(options: InteractionHandlerOptions): InteractionHandler {
	const core = createInteractionCore(options);
	return async (request, ctx) => webResponse(await core(webRequest(request), ctx));
}

/**
 * Builds the transport-free endpoint every adapter calls (the Web one above, Node's in
 * `server.ts`). Throws at once on a malformed public key.
 */
export function createInteractionCore(options: InteractionHandlerOptions): InteractionCore {
	const bodyLimitBytes = options.bodyLimitBytes ?? HANDLER_DEFAULTS.bodyLimitBytes;
	const replayWindowSeconds = options.replayWindowSeconds ?? HANDLER_DEFAULTS.replayWindowSeconds;
	const logger = options.logger ?? silentLogger;
	const clock = options.clock ?? systemClock;
	const now = options.now ?? (() => clock.now());
	const status = options.status ?? (() => 'ready');
	const health = options.health ?? createHealth();
	const metrics = options.metrics;
	if (metrics) for (const client of new Set([options.rest, options.inviteRest])) metrics.instrumentRest(client);
	// A 401 means no invite can be made until an operator replaces the token: /healthz says so
	// (503) until a request with the token succeeds again. The clients keep the token (rest.ts).
	for (const client of new Set([options.rest, options.inviteRest]))
		watchToken(client, {
			rejected: ({ method, route }) => {
				if (health.ok || !health.problems()[TOKEN_CHECK])
					logger.error(
						{ method, route },
						'Discord rejected DISCORD_TOKEN (401): reset it in the Developer Portal (Bot → Reset Token) and restart with the new one',
					);
				health.fail(TOKEN_CHECK, 'Discord answered 401 to the bot token: reset it (Developer Portal → Bot)');
			},
			accepted: () => health.clear(TOKEN_CHECK),
		});
	const key = options.verifier ?? new Ed25519PublicKey(options.publicKey);
	// Made with the handler: it refuses requests signed (well) before it existed, which a restart
	// would otherwise let run again.
	const seen = options.replayGuard ?? new SeenInteractions(replayWindowSeconds * 1_000 * 2, undefined, now());
	const pipeline = createPipeline<InviteOutcome>({
		commands: COMMANDS,
		rest: { api: options.rest, create: options.inviteRest },
		transport: 'http',
		clock,
		logger,
		metrics,
		replayGuard: seen,
		cooldowns: options.cooldowns,
		deferAfterMs: options.deferAfterMs,
		settings: {
			attachmentTimeoutMs: options.attachmentTimeoutMs,
			jobPollDelaysMs: options.jobPollDelaysMs,
			jobFollower: options.jobFollower,
		},
		attachmentFetch: options.attachmentFetch,
		signal: options.signal,
		onOutcome: options.onOutcome,
		store: options.store,
	});

	async function handle(request: InteractionRequest, ctx?: HandlerContext): Promise<InteractionAnswer> {
		const receivedAt = clock.now();
		// A trailing slash names the same route (an endpoint URL pasted with one still works).
		const path = request.path.length > 1 && request.path.endsWith('/') ? trimSlashes(request.path) : request.path;
		if (path === HEALTH_PATH) {
			if (request.method !== 'GET' && request.method !== 'HEAD')
				return json(405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
			const state = status();
			if (state !== 'ready') return json(503, { status: state });
			const answer = healthResponse(health);
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
			key,
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

const fromEnv = new Map<string, InteractionHandler>();

/**
 * The endpoint configured from a host's variables (`DISCORD_PUBLIC_KEY`, `DISCORD_TOKEN`,
 * `DISCORD_APPLICATION_ID`, optional `DISCORD_API_URL`, `LOG_LEVEL`, `REPLAY_WINDOW_SECONDS`,
 * `DISCORD_REST_GLOBAL_RPS`):
 * what a Cloudflare Worker's `fetch`, `Deno.serve` or `Bun.serve` calls. The handler (its REST
 * clients, the imported key, the replay memory) is built on the first request and reused by
 * every later one the isolate or process serves. Logs go to `console.log`, secrets masked.
 * Misconfigured, it answers 500 (and `/healthz` 503) and logs every problem.
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

/** Timings a host may tune beyond the variables (tests use them to make Discord's slowness quick). */
export interface HandlerTuning {
	/** Budget before deferring (ms from receipt). */
	deferAfterMs?: number | undefined;
	/** Abort Create Channel Invite after this long (ms). */
	inviteTimeoutMs?: number | undefined;
	/** Give up on rate-limit waits longer than this (ms). */
	maxRateLimitWaitMs?: number | undefined;
	/** Longest download of `users_file` (ms). */
	attachmentTimeoutMs?: number | undefined;
	/** Waits between polls of the target-users job (ms). */
	jobPollDelaysMs?: readonly number[] | undefined;
}

/** What a host keeps beyond one isolate (a Worker's Durable Objects), handed to the handler as is. */
export type HostedState = Pick<InteractionHandlerOptions, 'replayGuard' | 'cooldowns' | 'jobFollower' | 'store'>;

/** The handler `handleInteraction` builds from a host's variables; misconfigured, it answers 500. */
export function handlerFromEnv(
	env: InteractionEnv,
	tuning: HandlerTuning = {},
	hosted: HostedState = {},
): InteractionHandler {
	const read = settingsFromEnv(env);
	if (!read.ok) {
		const problems = read.problems.map((problem) => `  - ${problem}`).join('\n');
		console.error(`Configuration problems:\n${problems}`);
		return async (request) =>
			webResponse(
				new URL(request.url).pathname === HEALTH_PATH
					? json(503, { status: 'misconfigured' })
					: json(500, { error: 'endpoint misconfigured' }),
			);
	}
	const { settings } = read;
	const shared = { api: settings.apiUrl, globalRequestsPerSecond: settings.restGlobalRps };
	const rest = createRest({ ...restOptions(shared), token: settings.token });
	return createInteractionHandler({
		publicKey: settings.publicKey,
		rest,
		inviteRest: createInviteRest({
			...shared,
			// One pacer for the bot's clients: Discord counts the global limit per bot.
			pacer: globalPacerOf(rest),
			token: settings.token,
			timeoutMs: tuning.inviteTimeoutMs,
			maxRateLimitWaitMs: tuning.maxRateLimitWaitMs,
		}),
		applicationId: settings.applicationId,
		replayWindowSeconds: settings.replayWindowSeconds,
		deferAfterMs: tuning.deferAfterMs,
		attachmentTimeoutMs: tuning.attachmentTimeoutMs,
		jobPollDelaysMs: tuning.jobPollDelaysMs,
		logger: createConsoleLogger(settings.logLevel, { secrets: [settings.token] }),
		...hosted,
	});
}

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

/**
 * The Web adapter's request: a `Request` as the transport-free endpoint reads it. It never reads
 * `request.signal`: Deno.serve aborts it after every successful response (and warns once that
 * it does), Workers only with a flag; the host drops an answer nobody waits for.
 */
function webRequest(request: Request): InteractionRequest {
	return {
		method: request.method,
		path: new URL(request.url).pathname,
		header: (name) => request.headers.get(name),
		body: (limit) => readBody(request, limit),
	};
}

/** The Web adapter's response. */
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

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export { type ReplayGuard, SeenInteractions } from '../core/replay.js';
