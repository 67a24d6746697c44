/**
 * The Discord routes `/invite` calls, one typed function each, over @discordjs/rest.
 */
import type { RateLimitData, REST } from '@discordjs/rest';
import {
	type RESTGetAPIChannelInvitesResult,
	type RESTPostAPIChannelInviteJSONBody,
	type RESTPostAPIChannelInviteResult,
	Routes,
	type Snowflake,
} from 'discord-api-types/v10';
import { createRest, restOptions, type SharedRestOptions } from './rest.js';

/** Options of the REST client that creates invites. */
export interface InviteRestOptions extends SharedRestOptions {
	token: string;
	/** Abort the request after this long (ms). Default 10 s: the deferred reply can wait. */
	timeoutMs?: number | undefined;
	/** Fail with a RateLimitError instead of waiting longer than this (ms). Default 30 s. */
	maxRateLimitWaitMs?: number | undefined;
}

/**
 * A REST client for Create Channel Invite that never repeats the POST. @discordjs/rest by
 * default retries 5xx, timeouts and connection resets three times: a POST that reached
 * Discord would make up to four invites. 429s are still waited out (Discord processed
 * nothing), up to `maxRateLimitWaitMs`.
 */
export function createInviteRest(options: InviteRestOptions): REST {
	const maxWait = options.maxRateLimitWaitMs ?? 30_000;
	// Keeps its token after a 401 (see rest.ts): the next interaction still reaches Discord.
	return createRest({
		...restOptions(options),
		token: options.token,
		retries: 0,
		timeout: options.timeoutMs ?? 10_000,
		// A shared-scope or sub-limit 429 sleeps for retryAfter/sublimitTimeout while
		// timeToReset may be 0: the longest of the three is the wait.
		rejectOnRateLimit: (data: RateLimitData) => rateLimitWait(data) > maxWait,
	});
}

/** How long @discordjs/rest will sleep for a rate limit it reports. */
export const rateLimitWait = (data: Pick<RateLimitData, 'timeToReset' | 'retryAfter' | 'sublimitTimeout'>): number =>
	Math.max(data.timeToReset, data.retryAfter, data.sublimitTimeout);

type RateLimitListener = (wait: number) => void;
const rateLimitListeners = new WeakMap<REST, Map<string, Set<RateLimitListener>>>();

/**
 * Calls `listener` with the wait whenever the REST client announces a rate-limit wait for
 * requests on `channelId`. One `rateLimited` listener per client serves every concurrent
 * invocation (a listener each would trip the emitter's leak warning under load).
 * @returns a function that stops listening
 */
export function onChannelRateLimit(rest: REST, channelId: string, listener: RateLimitListener): () => void {
	let byChannel = rateLimitListeners.get(rest);
	if (!byChannel) {
		const channels = new Map<string, Set<RateLimitListener>>();
		byChannel = channels;
		rateLimitListeners.set(rest, channels);
		rest.on('rateLimited', (data) => {
			// Only waits of the invite POST itself: a lookup on the same channel is another queue.
			if (data.method.toUpperCase() !== 'POST' || !data.route.endsWith('/invites')) return;
			for (const notify of channels.get(data.majorParameter) ?? []) notify(rateLimitWait(data));
		});
	}
	const listeners = byChannel.get(channelId) ?? new Set<RateLimitListener>();
	byChannel.set(channelId, listeners);
	listeners.add(listener);
	return () => {
		listeners.delete(listener);
		if (listeners.size === 0) byChannel.delete(channelId);
	};
}

/**
 * Create Channel Invite. Resolves to the invite, or `undefined` when Discord answers 204.
 * @param reason - the `X-Audit-Log-Reason` (1-512 characters)
 * @see https://discord.com/developers/docs/resources/channel#create-channel-invite
 */
export async function createChannelInvite(
	rest: REST,
	channelId: Snowflake,
	body: RESTPostAPIChannelInviteJSONBody,
	{ reason, signal }: { reason?: string | undefined; signal?: AbortSignal | undefined } = {},
): Promise<RESTPostAPIChannelInviteResult | undefined> {
	const result: unknown = await rest.post(Routes.channelInvites(channelId), {
		// Always a JSON body, `{}` at least: Discord requires one, and @discordjs/rest sets the
		// JSON content type only when a body is given.
		body,
		...(reason !== undefined ? { reason } : {}),
		...(signal ? { signal } : {}),
	});
	// A 204 (or a non-JSON answer) comes back as an empty ArrayBuffer.
	return result && typeof result === 'object' && 'code' in result
		? (result as RESTPostAPIChannelInviteResult)
		: undefined;
}

/**
 * Get Channel Invites (needs Manage Channels).
 * @see https://discord.com/developers/docs/resources/channel#get-channel-invites
 */
export async function getChannelInvites(
	rest: REST,
	channelId: Snowflake,
	{ signal }: { signal?: AbortSignal | undefined } = {},
): Promise<RESTGetAPIChannelInvitesResult> {
	return (await rest.get(
		Routes.channelInvites(channelId),
		signal ? { signal } : {},
	)) as RESTGetAPIChannelInvitesResult;
}
