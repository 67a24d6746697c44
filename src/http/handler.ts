/**
 * The HTTP transport (Discord's "Interactions Endpoint URL") as one host-free function:
 * a request (method, path, headers, raw body) in, an answer (status, headers, body) out.
 * Verify the signature first (401), then PING, then `/invite` through the same core as the
 * gateway bot. Host adapters stay thin: the Web one here (a `Request` in, a `Response` out:
 * Cloudflare Workers in `worker.ts`, `Deno.serve` / `Bun.serve` as they are) and Node's
 * (`server.ts`, which reads and writes its sockets directly and verifies with `node:crypto`).
 * Imports no `node:` module and never discord.js: it runs wherever `fetch` and `crypto.subtle` do.
 */
import { DiscordAPIError, type REST } from '@discordjs/rest';
import {
	type APIChatInputApplicationCommandInteraction,
	type APIInteractionResponse,
	ApplicationCommandType,
	InteractionResponseType,
	InteractionType,
	MessageFlags,
	RESTJSONErrorCodes,
	type RESTPatchAPIInteractionOriginalResponseJSONBody,
	Routes,
} from 'discord-api-types/v10';
import { type AutocompleteQuery, autocompleteChoices } from '../core/autocomplete.js';
import { COMMAND_NAME } from '../core/command.js';
import type { InviteCooldowns } from '../core/cooldown.js';
import type { InteractionResponder } from '../core/deadline.js';
import { type InviteOutcome, type PendingTargetUsersJob, runInvite } from '../core/invite.js';
import { readAutocompletePayload, readCommandPayload } from '../core/payload.js';
import { messageBody, type ReplyMessage, unknownCommandReply } from '../core/render.js';
import { type ReplayGuard, SeenInteractions } from '../core/replay.js';
import type { InviteInvocation } from '../core/types.js';
import { createInviteRest } from '../discord/invites.js';
import { createRest, restOptions, watchToken } from '../discord/rest.js';
import { createConsoleLogger, type Logger, silentLogger } from '../log-core.js';
import { createHealth, type Health, healthResponse } from '../ops/health.js';
import type { InviteMetrics } from '../ops/metrics.js';
import { type InteractionEnv, settingsFromEnv } from './bindings.js';
import { restLookups } from './lookups.js';
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
	/** The clock for the replay window (ms since epoch). Default `Date.now`. */
	now?: (() => number) | undefined;
	/** Where seen interaction ids are kept. Default: in memory, for twice the replay window. */
	replayGuard?: ReplayGuard | undefined;
	/** What `GET /healthz` reports: 200 when `ready`, 503 otherwise. Default: always ready. */
	status?: (() => string) | undefined;
	/** Called with each `/invite` outcome (logs, metrics, tests). */
	onOutcome?: ((outcome: InviteOutcome) => void) | undefined;
	/** Longest download of `users_file` (ms). Default 5 s. */
	attachmentTimeoutMs?: number | undefined;
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
	const now = options.now ?? Date.now;
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
	// Only a lost answer needs the bot's user id (old applications' differs from the
	// application id): asked once, when first needed.
	let botId: Promise<string> | undefined;
	const botUserId = (): Promise<string> =>
		(botId ??= (options.rest.get(Routes.user('@me')) as Promise<{ id: string }>).then(
			(user) => user.id,
			(error: unknown) => {
				botId = undefined;
				throw error;
			},
		));

	async function handle(request: InteractionRequest, ctx?: HandlerContext): Promise<InteractionAnswer> {
		const receivedAt = Date.now();
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

		switch (payload.type) {
			case InteractionType.Ping:
				return json(200, { type: InteractionResponseType.Pong } satisfies APIInteractionResponse);
			case InteractionType.ApplicationCommand: {
				if (typeof payload.token !== 'string' || typeof payload.id !== 'string')
					return json(400, { error: 'not an interaction' });
				// A captured request replayed within the window carries a valid signature: each
				// interaction runs once (per process or isolate unless the guard is shared: see the README).
				// The signature is verified: its timestamp is when Discord signed this request.
				const signedAtMs = Number(request.header('x-signature-timestamp')) * 1_000;
				if (!(await seen.firstSeen(payload.id, now(), signedAtMs))) {
					logger.warn({ interaction: payload.id }, 'refused a replayed interaction');
					return json(401, { error: 'replayed interaction' });
				}
				// A command we do not serve (a stale registration) still gets an answer the user reads.
				if (!isInvite(payload)) return unknownCommand(payload);
				// One validating reader for everything the core takes: malformed is a 400, never a 500.
				const read = readCommandPayload(payload);
				if (!read.ok) return malformed(payload, read.problem);
				return runCommand(
					payload as unknown as APIChatInputApplicationCommandInteraction,
					read.value,
					request,
					receivedAt,
					ctx,
				);
			}
			case InteractionType.ApplicationCommandAutocomplete: {
				const read = readAutocompletePayload(payload);
				if (!read.ok) return malformed(payload, read.problem);
				return autocomplete(payload, read.value);
			}
			default:
				return json(400, { error: `unsupported interaction type ${payload.type}` });
		}
	}

	/**
	 * Runs `/invite`. The response is the first answer (the reply, or the defer when the
	 * deadline comes first); the rest (the edit of `@original`) goes on after it, kept alive
	 * by `ctx.waitUntil` where the host needs that.
	 */
	async function runCommand(
		payload: APIChatInputApplicationCommandInteraction,
		invocation: InviteInvocation,
		request: InteractionRequest,
		receivedAt: number,
		ctx: HandlerContext | undefined,
	): Promise<InteractionAnswer> {
		let answered = false;
		let answer: (response: InteractionAnswer) => void = () => undefined;
		const first = new Promise<InteractionAnswer>((resolve) => {
			answer = resolve;
		});
		const connection = request.connection;
		const respond = (body: APIInteractionResponse): Promise<void> => {
			if (answered) return Promise.reject(new Error('the response was already sent'));
			if (connection?.closed) return Promise.reject(new Error('the client closed the connection'));
			answered = true;
			answer(json(200, body));
			return Promise.resolve();
		};
		connection?.onClose(() => {
			if (!answered) logger.warn({ interaction: payload.id }, 'Discord closed the connection before the answer');
		});
		const responder: InteractionResponder = {
			reply: (message) => respond({ type: InteractionResponseType.ChannelMessageWithSource, data: message }),
			defer: () =>
				respond({
					type: InteractionResponseType.DeferredChannelMessageWithSource,
					data: { flags: MessageFlags.Ephemeral },
				}),
			edit: (message) => editOriginal(options.rest, options.applicationId, payload.token, message),
		};
		const follow = options.jobFollower;
		const work = runInvite(invocation, {
			rest: options.inviteRest,
			responder,
			lookups: restLookups(payload, { rest: options.rest, applicationId: options.applicationId }),
			botUserId,
			logger,
			receivedAt,
			deferAfterMs: options.deferAfterMs,
			cooldowns: options.cooldowns,
			attachmentTimeoutMs: options.attachmentTimeoutMs,
			jobPollDelaysMs: options.jobPollDelaysMs,
			jobFollower: follow && ((job) => follow(job, payload.token).then(() => undefined)),
			signal: options.signal,
		})
			.then((outcome) => {
				// The follow-up of a target-users job edits the reply later: keep it alive too.
				if (outcome.job) ctx?.waitUntil(outcome.job);
				metrics?.recordOutcome(outcome, 'http');
				options.onOutcome?.(outcome);
			})
			.catch((error: unknown) => logger.error({ err: error }, 'unexpected error after /invite'));
		ctx?.waitUntil(work);
		// runInvite always answers unless the client left first: then nobody reads this response.
		return (await Promise.race([first, work.then(() => undefined)])) ?? json(500, { error: 'no answer' });
	}

	function unknownCommand(payload: Record<string, unknown>): InteractionAnswer {
		const data = isObject(payload.data) ? payload.data : {};
		const name = typeof data.name === 'string' ? data.name : '?';
		logger.warn({ name, interaction: payload.id }, 'unknown command');
		const locale = typeof payload.locale === 'string' ? payload.locale : undefined;
		const guildLocale = typeof payload.guild_locale === 'string' ? payload.guild_locale : undefined;
		return json(200, {
			type: InteractionResponseType.ChannelMessageWithSource,
			data: unknownCommandReply(name, locale, guildLocale),
		} satisfies APIInteractionResponse);
	}

	/** Suggestions for `/invite`; any other command gets none. */
	function malformed(payload: Record<string, unknown>, problem: string): InteractionAnswer {
		logger.warn(
			{ interaction: typeof payload.id === 'string' ? payload.id : undefined, problem },
			'malformed interaction refused',
		);
		return json(400, { error: 'malformed interaction' });
	}

	function autocomplete(payload: Record<string, unknown>, query: AutocompleteQuery): InteractionAnswer {
		const choices = isInvite(payload) ? autocompleteChoices(query) : [];
		return json(200, {
			type: InteractionResponseType.ApplicationCommandAutocompleteResult,
			data: { choices },
		} satisfies APIInteractionResponse);
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
export type HostedState = Pick<InteractionHandlerOptions, 'replayGuard' | 'cooldowns' | 'jobFollower'>;

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
	return createInteractionHandler({
		publicKey: settings.publicKey,
		rest: createRest({ ...restOptions(shared), token: settings.token }),
		inviteRest: createInviteRest({
			...shared,
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

/**
 * Replaces the deferred response with the answer (no bot auth: the token is the key).
 * Discord may not have recorded the deferred HTTP response yet when an answer comes within
 * milliseconds of it: 10008 Unknown Message then, so try again briefly.
 */
async function editOriginal(rest: REST, applicationId: string, token: string, message: ReplyMessage): Promise<void> {
	const body: RESTPatchAPIInteractionOriginalResponseJSONBody = messageBody(message);
	for (let attempt = 0; ; attempt++) {
		try {
			await rest.patch(Routes.webhookMessage(applicationId, token), { body, auth: false });
			return;
		} catch (error) {
			if (attempt >= 3 || !(error instanceof DiscordAPIError) || error.code !== RESTJSONErrorCodes.UnknownMessage)
				throw error;
			await new Promise((resolve) => setTimeout(resolve, 150 * (attempt + 1)));
		}
	}
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
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => undefined);
			return TOO_LARGE;
		}
		chunks.push(value);
	}
	const body = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		body.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return body;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether an application-command payload is `/invite` as a slash command. */
function isInvite(payload: Record<string, unknown>): boolean {
	const data = payload.data;
	return isObject(data) && data.name === COMMAND_NAME && data.type === ApplicationCommandType.ChatInput;
}

export { type ReplayGuard, SeenInteractions } from '../core/replay.js';
