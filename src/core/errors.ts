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

/** A short id shown to the user and written to the log, to find one failure among many. */
export const newReference = (): string =>
	Array.from(crypto.getRandomValues(new Uint8Array(4)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** Classifies anything thrown while creating an invite. `now` is injectable for tests. */
export function classifyError(error: unknown, now: () => number = Date.now): Failure {
	if (error instanceof DiscordAPIError) {
		const code = typeof error.code === 'number' ? error.code : Number.NaN;
		if (code === RESTJSONErrorCodes.InvalidFormBodyOrContentType) {
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
	if (error instanceof Error) {
		const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
		if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return { id: 'network', args: [], log: true };
		if (error.name === 'AbortError' || error.name === 'TimeoutError')
			return { id: 'timeout', args: [], ambiguous: true, log: true };
		// Resets and sockets closed mid-request: the request may have been processed.
		if (typeof code === 'string' && (code === 'ECONNRESET' || code.startsWith('UND_ERR')))
			return { id: 'timeout', args: [], ambiguous: true, log: true };
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

/**
 * Flattens a 50035 body's nested `errors` into `max_age: message; role_ids.0: message`.
 * The nesting mirrors the request body; leaves hold `_errors: [{code, message}]`.
 */
export function formErrors(raw: unknown): string {
	const out: string[] = [];
	const walk = (node: unknown, path: string[]): void => {
		if (!node || typeof node !== 'object') return;
		const leaf = (node as { _errors?: Array<{ message?: string }> })._errors;
		if (Array.isArray(leaf)) {
			for (const entry of leaf) out.push(`${path.join('.') || 'body'}: ${entry.message ?? 'invalid'}`);
		}
		for (const [key, child] of Object.entries(node)) if (key !== '_errors') walk(child, [...path, key]);
	};
	walk((raw as { errors?: unknown } | undefined)?.errors, []);
	if (out.length === 0) return (raw as { message?: string } | undefined)?.message ?? 'invalid form body';
	return out.join('; ');
}
