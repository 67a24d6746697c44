/**
 * The Discord routes `/invite` calls, one typed function each, over @discordjs/rest.
 */
import { REST, type RateLimitData } from '@discordjs/rest';
import {
	PermissionFlagsBits,
	Routes,
	type APIExtendedInvite,
	type RESTGetAPIChannelInvitesResult,
	type RESTPostAPIChannelInviteResult,
} from 'discord-api-types/v10';
import type { InviteRequest } from '../core/types.js';
import { REUSE_CLOCK_TOLERANCE_MS } from '../core/render.js';

/** Options of the REST client that creates invites. */
export interface InviteRestOptions {
	/** Base URL without the version, as @discordjs/rest's `api` (default `https://discord.com/api`). */
	api?: string | undefined;
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
	return new REST({
		...(options.api ? { api: options.api } : {}),
		retries: 0,
		timeout: options.timeoutMs ?? 10_000,
		rejectOnRateLimit: (data: RateLimitData) => data.timeToReset > maxWait,
	}).setToken(options.token);
}

/**
 * Create Channel Invite. Resolves to the invite, or `undefined` when Discord answers 204.
 * @see https://discord.com/developers/docs/resources/channel#create-channel-invite
 */
export async function createChannelInvite(rest: REST, request: InviteRequest, signal?: AbortSignal): Promise<RESTPostAPIChannelInviteResult | undefined> {
	const result: unknown = await rest.post(Routes.channelInvites(request.channelId), {
		// Always a JSON body, `{}` at least: Discord requires one, and @discordjs/rest sets the
		// JSON content type only when a body is given.
		body: request.body,
		reason: request.reason,
		...(signal ? { signal } : {}),
	});
	// A 204 (or a non-JSON answer) comes back as an empty ArrayBuffer.
	return result && typeof result === 'object' && 'code' in result ? (result as RESTPostAPIChannelInviteResult) : undefined;
}

/**
 * Get Channel Invites (needs Manage Channels).
 * @see https://discord.com/developers/docs/resources/channel#get-channel-invites
 */
export async function getChannelInvites(rest: REST, channelId: string, signal?: AbortSignal): Promise<RESTGetAPIChannelInvitesResult> {
	return (await rest.get(Routes.channelInvites(channelId), signal ? { signal } : {})) as RESTGetAPIChannelInvitesResult;
}

/** Whether the bot may list a channel's invites, which recovery after a lost answer needs. */
export const canListInvites = (permissions: bigint | undefined | null): boolean =>
	permissions !== undefined &&
	permissions !== null &&
	((permissions & PermissionFlagsBits.Administrator) !== 0n || (permissions & PermissionFlagsBits.ManageChannels) !== 0n);

/**
 * After a request whose answer was lost (timeout, reset, 5xx), finds the invite it made, if
 * any: made by the bot, no earlier than the request, with the settings we asked for.
 */
export async function findLostInvite(rest: REST, request: InviteRequest, botUserId: string, requestedAt: number, signal?: AbortSignal): Promise<APIExtendedInvite | undefined> {
	const invites = await getChannelInvites(rest, request.channelId, signal);
	const { body } = request;
	return invites.find(
		(invite) =>
			invite.inviter?.id === botUserId &&
			Date.parse(invite.created_at) >= requestedAt - REUSE_CLOCK_TOLERANCE_MS &&
			invite.max_age === (body.max_age ?? 86_400) &&
			invite.max_uses === (body.max_uses ?? 0) &&
			invite.temporary === (body.temporary ?? false),
	);
}
