/**
 * The one table from failures to what the invoker reads. Every error the invite call or
 * the network can raise is classified here and nowhere else.
 */
import { TimestampStyles, time } from '@discordjs/formatters';
import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { type ArgsOf, formatEntry, type Messages } from '../i18n/index.js';

type ErrorMessages = Messages['error'];

/** A classified failure: the message key with its values, and what else the caller must know. */
export type Failure = {
	[K in keyof ErrorMessages]: {
		id: K;
		args: ArgsOf<ErrorMessages[K]>;
		/** The request may have reached Discord: an invite may exist although we got no answer. */
		ambiguous?: boolean;
		/** Worth a log line (unexpected, or needs an operator). */
		log?: boolean;
	};
}[keyof ErrorMessages];

/** Discord's JSON error codes and the message each becomes. */
const DISCORD_CODES: Partial<Record<number, keyof ErrorMessages>> = {
	[RESTJSONErrorCodes.UnknownChannel]: 'unknownChannel',
	[RESTJSONErrorCodes.MissingAccess]: 'missingAccess',
	[RESTJSONErrorCodes.MissingPermissions]: 'missingPermissions',
	[RESTJSONErrorCodes.UnknownRole]: 'unknownRole',
	[RESTJSONErrorCodes.UnknownUser]: 'unknownUser',
	[RESTJSONErrorCodes.MaximumNumberOfInvitesReached]: 'maxInvites',
	[RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType]: 'invalidChannelType',
	[RESTJSONErrorCodes.InvalidRole]: 'invalidRole',
	[RESTJSONErrorCodes.UnknownInviteTargetUsersJob]: 'unknownTargetUsersJob',
	[RESTJSONErrorCodes.UnknownInviteTargetUsers]: 'unknownTargetUsers',
	[RESTJSONErrorCodes.InviteCodeInvalidOrTaken]: 'inviteCodeTaken',
};

/**
 * Codes that concern the interaction itself, not the invite: nobody can be told (the
 * interaction is gone or answered), so they are only logged.
 */
export const INTERACTION_GONE_CODES: ReadonlySet<number> = new Set([
	RESTJSONErrorCodes.UnknownInteraction,
	RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
	RESTJSONErrorCodes.UnknownWebhook,
	RESTJSONErrorCodes.InvalidWebhookToken,
]);

/** Network error codes where the request cannot have reached Discord. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'UND_ERR_CONNECT_TIMEOUT',
]);

/** What workerd's fetch rejects with when a connection fails, before or during a request. */
const WORKERD_CONNECTION_LOST = 'Network connection lost.';
/**
 * What Deno's fetch rejects with, naming no code: its cause's message says `client error
 * (Connect)` when nothing was sent, anything else (a reset, "connection closed before message
 * completed") when the request may have been processed.
 */
const DENO_FETCH_FAILED = 'fetch failed';
/**
 * Thrown when the invite request stops waiting on rate limits (see `RateLimitBudget`):
 * nothing was sent since the last 429, so no invite exists.
 */
export class RateLimitGiveUp extends Error {
	constructor(
		/** When the user may try again (ms since epoch). */
		readonly retryAt: number,
		/**
		 * A few 429s in a row (`attempts`), one wait longer than the budget (`wait`), or our own
		 * queue under the global limit longer than its bound (`queue`).
		 */
		readonly why: 'attempts' | 'wait' | 'queue',
	) {
		super(`gave up waiting on rate limits (${why})`);
		this.name = 'RateLimitGiveUp';
	}
}

/** Error codes of a request that was sent and whose answer got lost (reset, closed, cut off). */
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT']);

/** The `code`s along an error's `cause` chain (undici wraps socket errors once or twice). */
function errorCodes(error: unknown): string[] {
	const codes: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string') codes.push(code);
		current = (current as { cause?: unknown }).cause;
	}
	return codes;
}

/** A short id shown to the user and written to the log, to find one failure among many. */
export const newReference = (): string =>
	Array.from(crypto.getRandomValues(new Uint8Array(4)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** Classifies anything thrown while creating an invite. `now` is injectable for tests. */
export function classifyError(error: unknown, now: () => number = Date.now): Failure {
	if (error instanceof RateLimitGiveUp) {
		return error.why === 'attempts' || error.why === 'queue'
			? { id: 'busy', args: [relative(error.retryAt)] }
			: { id: 'rateLimited', args: [relative(error.retryAt)] };
	}
	if (error instanceof DiscordAPIError) {
		const code = typeof error.code === 'number' ? error.code : Number.NaN;
		// The token itself was refused: no invite can be made until an operator acts.
		if (error.status === 401) return { id: 'tokenRejected', args: [], log: true };
		if (code === RESTJSONErrorCodes.InvalidFormBodyOrContentType || hasFileErrors(error.rawError)) {
			return { id: 'invalidForm', args: [formErrors(error.rawError)], log: true };
		}
		const id = DISCORD_CODES[code];
		if (id) return { id, args: [] } as Failure;
		if (error.status === 429) return { id: 'rateLimited', args: [relative(now() + 1_000)] };
		return { id: 'unknown', args: [newReference()], log: true };
	}
	if (error instanceof RateLimitError) {
		return { id: 'rateLimited', args: [relative(now() + error.timeToReset)] };
	}
	if (error instanceof HTTPError) {
		// A 5xx may come after Discord made the invite: we never retry it, and say so.
		return { id: 'discordError', args: [error.status], ambiguous: true, log: true };
	}
	// A 2xx whose body is not JSON: Discord made the invite, its answer got garbled on the way.
	if (error instanceof SyntaxError) return { id: 'lostAnswer', args: [], ambiguous: true, log: true };
	if (error instanceof Error) {
		const codes = errorCodes(error);
		if (codes.some((code) => NOT_SENT_CODES.has(code))) return { id: 'network', args: [], log: true };
		if (error.name === 'AbortError' || error.name === 'TimeoutError')
			return { id: 'timeout', args: [], ambiguous: true, log: true };
		// Resets, sockets closed before or during the answer, bodies cut off: the request may
		// have been processed.
		if (codes.some((code) => LOST_CODES.has(code) || code.startsWith('UND_ERR')) || error.message === 'terminated')
			return { id: 'lostAnswer', args: [], ambiguous: true, log: true };
		// workerd's fetch (Cloudflare Workers) names no code and says this for a refused and a
		// reset connection alike: the request may have been processed.
		if (error.message === WORKERD_CONNECTION_LOST)
			return { id: 'lostAnswer', args: [], ambiguous: true, log: true };
		if (error.message === DENO_FETCH_FAILED && codes.length === 0 && error.cause instanceof Error)
			return error.cause.message.includes('client error (Connect)')
				? { id: 'network', args: [], log: true }
				: { id: 'lostAnswer', args: [], ambiguous: true, log: true };
	}
	return { id: 'unknown', args: [newReference()], log: true };
}

/** The failure's text in the reader's language. */
export function failureText(failure: Failure, messages: Messages): string {
	return formatEntry(messages.error[failure.id], failure.args);
}

/** Whether an error says the interaction can no longer be answered (10062, 40060, expired token). */
export function isInteractionGone(error: unknown): boolean {
	return error instanceof DiscordAPIError && typeof error.code === 'number' && INTERACTION_GONE_CODES.has(error.code);
}

/** A Discord relative timestamp ("in 5 seconds"), shown in each reader's language. */
const relative = (ms: number): string => time(Math.ceil(ms / 1000), TimestampStyles.RelativeTime);

/** A body path segment as we show it: Discord's field names and indexes, nothing else. */
const FIELD_SEGMENT = /^[A-Za-z0-9_]{1,40}$/;

/**
 * The fields a 50035 body names, as `max_age, role_ids.0`: only the paths of its nested
 * `errors` (which mirror the request body). Discord's own texts are never shown: they are
 * upstream words in one language, and whatever a proxy or a fake puts there would reach the
 * user. A segment that is not a plain field name shows as `?`.
 */
export function formErrors(raw: unknown): string {
	const out = new Set<string>();
	const walk = (node: unknown, path: string[], depth: number): void => {
		if (!node || typeof node !== 'object' || depth > 8 || out.size >= 10) return;
		if (Array.isArray((node as { _errors?: unknown })._errors)) out.add(path.join('.') || 'body');
		for (const [key, child] of Object.entries(node)) {
			if (key !== '_errors') walk(child, [...path, FIELD_SEGMENT.test(key) ? key : '?'], depth + 1);
		}
	};
	walk((raw as { errors?: unknown } | undefined)?.errors, [], 0);
	if (hasFileErrors(raw)) out.add('target_users_file');
	return out.size === 0 ? 'body' : [...out].map((field) => `\`${field}\``).join(', ');
}

/**
 * The shape Discord documents for a `target_users_file` with invalid user ids (a 400 without
 * a JSON error code): `{"target_users_file": ["Line 5: invalid user ID ..."]}`.
 */
function hasFileErrors(raw: unknown): boolean {
	return Array.isArray((raw as { target_users_file?: unknown } | undefined)?.target_users_file);
}
