/**
 * The HTTP transport (Discord's "Interactions Endpoint URL"): verify the signature first
 * (401), then PING, then `/invite` through the same core as the gateway bot. Stateless: any
 * replica can take any interaction. Loads only node:http, @discordjs/rest, discord-api-types
 * and the core; never discord.js.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiscordAPIError, type REST } from '@discordjs/rest';
import {
	type APIApplicationCommandAutocompleteInteraction,
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
import { suggestExpires } from '../core/autocomplete.js';
import { COMMAND_NAME } from '../core/command.js';
import type { InteractionResponder } from '../core/deadline.js';
import { type InviteOutcome, runInvite } from '../core/invite.js';
import { messagesFor, vocabularyOf } from '../i18n/index.js';
import { type Logger, silentLogger } from '../log.js';
import { autocompleteFromPayload, invocationFromPayload } from './invocation.js';
import { restLookups } from './lookups.js';
import { checkSignature, ed25519PublicKey } from './signature.js';

/** Where Discord posts interactions, and where load balancers ask whether we are up. */
export const INTERACTIONS_PATH = '/interactions';
export const HEALTH_PATH = '/healthz';

/** Defaults, spread under the caller's options. */
export const SERVER_DEFAULTS = {
	/** Discord's interaction payloads are a few KiB; 64 KiB leaves room for large `resolved` maps. */
	bodyLimitBytes: 64 * 1024,
	replayWindowSeconds: 300,
	/** Time to receive the headers, the whole request, and between requests on a kept-alive socket. */
	headersTimeoutMs: 5_000,
	requestTimeoutMs: 10_000,
	keepAliveTimeoutMs: 5_000,
} as const;

export interface InteractionServerOptions {
	/** The application's public key, 64 hex characters (`DISCORD_PUBLIC_KEY`). */
	publicKey: string;
	/** Ordinary REST client: lookups and edits of the deferred response. */
	rest: REST;
	/** REST client for Create Channel Invite: see `createInviteRest` (never repeats the POST). */
	inviteRest: REST;
	/** The application id, which is also the bot's user id. */
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
	/** Server timeouts against slow clients (ms). */
	headersTimeoutMs?: number | undefined;
	requestTimeoutMs?: number | undefined;
	keepAliveTimeoutMs?: number | undefined;
	/** Called with each `/invite` outcome (logs, metrics, tests). */
	onOutcome?: ((outcome: InviteOutcome) => void) | undefined;
	/** Longest download of `users_file` (ms). Default 5 s. */
	attachmentTimeoutMs?: number | undefined;
	/** Waits between polls of the target-users job (ms). Default: backing off over about 2 minutes. */
	jobPollDelaysMs?: readonly number[] | undefined;
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

/** A JSON answer for requests we refuse. */
type ErrorBody = { error: string };

class BodyTooLarge extends Error {}

export function createInteractionServer(options: InteractionServerOptions): InteractionServer {
	const settings = {
		bodyLimitBytes: options.bodyLimitBytes ?? SERVER_DEFAULTS.bodyLimitBytes,
		replayWindowSeconds: options.replayWindowSeconds ?? SERVER_DEFAULTS.replayWindowSeconds,
		headersTimeoutMs: options.headersTimeoutMs ?? SERVER_DEFAULTS.headersTimeoutMs,
		requestTimeoutMs: options.requestTimeoutMs ?? SERVER_DEFAULTS.requestTimeoutMs,
		keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? SERVER_DEFAULTS.keepAliveTimeoutMs,
	};
	const logger = options.logger ?? silentLogger;
	const now = options.now ?? Date.now;
	// Built once: a malformed key fails at start-up, not on the first interaction.
	const key = ed25519PublicKey(options.publicKey);
	const inFlight = new Set<Promise<void>>();
	// Background work (following a target-users job) stops when the server closes.
	const closing = new AbortController();
	const seen = new SeenInteractions(settings.replayWindowSeconds * 1_000 * 2);
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
	let state: 'starting' | 'ready' | 'closing' = 'starting';

	const server = createServer((req, res) => {
		const work = handle(req, res).catch((error: unknown) => {
			if (res.destroyed && !res.writableFinished)
				return logger.debug('the client went away before the answer', { error });
			logger.error('unexpected error handling a request', { error });
			if (!res.headersSent) void send(res, 500, { error: 'internal error' }).catch(() => undefined);
		});
		inFlight.add(work);
		void work.finally(() => inFlight.delete(work));
	});
	server.headersTimeout = settings.headersTimeoutMs;
	server.requestTimeout = settings.requestTimeoutMs;
	server.keepAliveTimeout = settings.keepAliveTimeoutMs;

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const receivedAt = Date.now();
		// A trailing slash names the same route (an endpoint URL pasted with one still works).
		const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/(?<=.)\/+$/, '');
		if (path === HEALTH_PATH) {
			if (req.method !== 'GET' && req.method !== 'HEAD')
				return send(res, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
			return state === 'ready' ? send(res, 200, { status: 'ok' }) : send(res, 503, { status: state });
		}
		if (path !== INTERACTIONS_PATH) return send(res, 404, { error: 'not found' });
		if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed' }, { allow: 'POST' });

		let body: Buffer;
		try {
			body = await readBody(req, settings.bodyLimitBytes);
		} catch (error) {
			if (error instanceof BodyTooLarge)
				return send(res, 413, { error: 'body too large' }, { connection: 'close' });
			logger.debug('request body not received', { error });
			return;
		}

		// Verify before anything reads the body: Discord sends bad signatures on purpose.
		const verdict = checkSignature(
			key,
			{ signature: header(req, 'x-signature-ed25519'), timestamp: header(req, 'x-signature-timestamp'), body },
			now(),
			settings.replayWindowSeconds,
		);
		if (!verdict.ok) {
			logger.debug('refused an unsigned or stale request', { problem: verdict.problem });
			return send(res, 401, { error: 'invalid request signature' });
		}

		let payload: unknown;
		try {
			payload = JSON.parse(body.toString('utf8'));
		} catch {
			return send(res, 400, { error: 'malformed JSON' });
		}
		if (!isObject(payload) || typeof payload.type !== 'number')
			return send(res, 400, { error: 'not an interaction' });

		switch (payload.type) {
			case InteractionType.Ping:
				return send(res, 200, { type: InteractionResponseType.Pong } satisfies APIInteractionResponse);
			case InteractionType.ApplicationCommand: {
				if (!isInvite(payload)) return send(res, 400, { error: 'unknown command' });
				if (typeof payload.token !== 'string' || typeof payload.id !== 'string')
					return send(res, 400, { error: 'not an interaction' });
				// A captured request replayed within the window carries a valid signature: each
				// interaction runs once (per process; replicas share no memory, see the README).
				if (!seen.add(payload.id, now())) {
					logger.warn('refused a replayed interaction', { interaction: payload.id });
					return send(res, 401, { error: 'replayed interaction' });
				}
				return runCommand(payload as unknown as APIChatInputApplicationCommandInteraction, res, receivedAt);
			}
			case InteractionType.ApplicationCommandAutocomplete: {
				if (!isInvite(payload)) return send(res, 400, { error: 'unknown command' });
				return autocomplete(payload as unknown as APIApplicationCommandAutocompleteInteraction, res);
			}
			default:
				return send(res, 400, { error: `unsupported interaction type ${payload.type}` });
		}
	}

	async function runCommand(
		payload: APIChatInputApplicationCommandInteraction,
		res: ServerResponse,
		receivedAt: number,
	): Promise<void> {
		res.once('close', () => {
			if (!res.writableFinished)
				logger.warn('Discord closed the connection before the answer', { interaction: payload.id });
		});
		const outcome = await runInvite(invocationFromPayload(payload), {
			rest: options.inviteRest,
			responder: httpResponder(res, payload, options.rest, options.applicationId),
			lookups: restLookups(payload, { rest: options.rest, applicationId: options.applicationId, logger }),
			botUserId,
			logger,
			receivedAt,
			deferAfterMs: options.deferAfterMs,
			attachmentTimeoutMs: options.attachmentTimeoutMs,
			jobPollDelaysMs: options.jobPollDelaysMs,
			signal: closing.signal,
		});
		if (outcome.job) {
			const job = outcome.job.then(() => undefined);
			inFlight.add(job);
			void job.finally(() => inFlight.delete(job));
		}
		options.onOutcome?.(outcome);
	}

	function autocomplete(payload: APIApplicationCommandAutocompleteInteraction, res: ServerResponse): Promise<void> {
		const query = autocompleteFromPayload(payload);
		const messages = messagesFor(query.locale, query.guildLocale);
		const choices =
			query.focused?.name === 'expires'
				? suggestExpires(query.focused.value, query.locale, messages, vocabularyOf(messages))
				: [];
		return send(res, 200, {
			type: InteractionResponseType.ApplicationCommandAutocompleteResult,
			data: { choices },
		} satisfies APIInteractionResponse);
	}

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

/**
 * Answers through the pending HTTP response: the reply or the defer is the response body;
 * the answer after a defer edits `@original` over REST (no bot auth: the token is the key).
 */
function httpResponder(
	res: ServerResponse,
	payload: APIChatInputApplicationCommandInteraction,
	rest: REST,
	applicationId: string,
): InteractionResponder {
	return {
		reply: (message) =>
			send(res, 200, {
				type: InteractionResponseType.ChannelMessageWithSource,
				data: message,
			} satisfies APIInteractionResponse),
		defer: () =>
			send(res, 200, {
				type: InteractionResponseType.DeferredChannelMessageWithSource,
				data: { flags: MessageFlags.Ephemeral },
			} satisfies APIInteractionResponse),
		async edit(message) {
			const body: RESTPatchAPIInteractionOriginalResponseJSONBody = {
				content: message.content,
				components: message.components,
				allowed_mentions: message.allowed_mentions,
			};
			// Discord may not have recorded the deferred HTTP response yet when an answer comes
			// within milliseconds of it: 10008 Unknown Message then, so try again briefly.
			for (let attempt = 0; ; attempt++) {
				try {
					await rest.patch(Routes.webhookMessage(applicationId, payload.token), { body, auth: false });
					return;
				} catch (error) {
					if (
						attempt >= 3 ||
						!(error instanceof DiscordAPIError) ||
						error.code !== RESTJSONErrorCodes.UnknownMessage
					)
						throw error;
					await new Promise((resolve) => setTimeout(resolve, 150 * (attempt + 1)));
				}
			}
		},
	};
}

/**
 * Writes a JSON response. Resolves once it is handed to the socket; rejects when the
 * response was already sent or the client went away first.
 */
function send(
	res: ServerResponse,
	status: number,
	body: APIInteractionResponse | ErrorBody | Record<string, unknown>,
	headers: Record<string, string> = {},
): Promise<void> {
	return new Promise((resolve, reject) => {
		if (res.headersSent || res.destroyed) {
			reject(new Error(res.headersSent ? 'the response was already sent' : 'the client closed the connection'));
			return;
		}
		const text = JSON.stringify(body);
		res.once('close', () =>
			res.writableFinished ? resolve() : reject(new Error('the client closed the connection')),
		);
		res.writeHead(status, {
			'content-type': 'application/json',
			'content-length': Buffer.byteLength(text),
			...headers,
		});
		res.end(text, () => resolve());
	});
}

/** The raw body, up to `limit` bytes (a larger Content-Length is refused before reading). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const declared = Number(req.headers['content-length']);
		if (Number.isFinite(declared) && declared > limit) {
			req.resume(); // discard it; the 413 closes the connection
			reject(new BodyTooLarge());
			return;
		}
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer): void => {
			size += chunk.length;
			if (size > limit) {
				req.off('data', onData);
				req.resume();
				reject(new BodyTooLarge());
				return;
			}
			chunks.push(chunk);
		};
		req.on('data', onData);
		req.once('end', () => resolve(Buffer.concat(chunks)));
		req.once('error', reject);
		req.once('close', () => reject(new Error('the client closed the connection')));
	});
}

const header = (req: IncomingMessage, name: string): string | undefined => {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether an application-command payload is `/invite` as a slash command. */
function isInvite(payload: Record<string, unknown>): boolean {
	const data = payload.data;
	return isObject(data) && data.name === COMMAND_NAME && data.type === ApplicationCommandType.ChatInput;
}

/**
 * Interaction ids seen lately, kept for `ttlMs` (past that the replay window refuses the
 * request anyway). Bounded by what one window can hold; the oldest go first.
 */
class SeenInteractions {
	readonly #expiries = new Map<string, number>();
	constructor(
		readonly ttlMs: number,
		readonly maxSize = 100_000,
	) {}

	/** Records `id`; false when it was already there. */
	add(id: string, now: number): boolean {
		for (const [old, expiry] of this.#expiries) {
			if (expiry > now && this.#expiries.size < this.maxSize) break;
			this.#expiries.delete(old);
		}
		if (this.#expiries.has(id)) return false;
		this.#expiries.set(id, now + this.ttlMs);
		return true;
	}
}
