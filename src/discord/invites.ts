/**
 * The Discord routes `/invite` calls, one typed function each, over @discordjs/rest.
 */
import type { RateLimitData, REST } from '@discordjs/rest';
import {
	type RESTDeleteAPIInviteResult,
	type RESTGetAPIChannelInvitesResult,
	type RESTGetAPIGuildInvitesResult,
	type RESTGetAPIInviteTargetUsersJobStatusResult,
	type RESTPostAPIChannelInviteFormDataBody,
	type RESTPostAPIChannelInviteJSONBody,
	type RESTPostAPIChannelInviteResult,
	Routes,
	type Snowflake,
} from 'discord-api-types/v10';
import { createRest, restOptions, type SharedRestOptions } from './rest.js';

/** Options of the REST client that creates invites. */
export interface InviteRestOptions extends SharedRestOptions {
	token: string;
	/** Abort the request this long after it went out (ms). Default 10 s: the deferred reply can wait. */
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
		...restOptions({ ...options, timeoutMs: options.timeoutMs ?? 10_000 }),
		token: options.token,
		retries: 0,
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

/** The form field Discord reads the list of users from (Create Channel Invite, Update Target Users). */
export const TARGET_USERS_FILE_FIELD = 'target_users_file' satisfies keyof RESTPostAPIChannelInviteFormDataBody;

/** A `target_users_file`: a CSV whose header is `user_id`, then one user id a line. */
export interface TargetUsersFile {
	name: string;
	data: string;
}

/** The `target_users_file` for these users. */
export function targetUsersFile(userIds: readonly string[], name = 'target_users.csv'): TargetUsersFile {
	return { name, data: `user_id\n${userIds.map((id) => `${id}\n`).join('')}` };
}

/** The file as @discordjs/rest uploads it: its own form part, the JSON body going to `payload_json`. */
const filePart = (file: TargetUsersFile) => ({
	key: TARGET_USERS_FILE_FIELD,
	name: file.name,
	data: file.data,
	contentType: 'text/csv',
});

/**
 * Create Channel Invite. Resolves to the invite, or `undefined` when Discord answers 204.
 * With `targetUsers` the request is multipart: the body goes in `payload_json` (never
 * `appendToFormData`, which would flatten `role_ids`), the CSV in `target_users_file`; it
 * is still one request, never retried by a client from `createInviteRest`.
 * @param targetUsers - who alone may accept the invite (`target_users_file`)
 * @param reason - the `X-Audit-Log-Reason` (1-512 characters)
 * @see https://discord.com/developers/docs/resources/channel#create-channel-invite
 */
export async function createChannelInvite(
	rest: REST,
	channelId: Snowflake,
	body: RESTPostAPIChannelInviteJSONBody,
	targetUsers?: TargetUsersFile,
	{ reason, signal }: { reason?: string | undefined; signal?: AbortSignal | undefined } = {},
): Promise<RESTPostAPIChannelInviteResult | undefined> {
	const result: unknown = await rest.post(Routes.channelInvites(channelId), {
		// Always a JSON body, `{}` at least: Discord requires one, and @discordjs/rest sets the
		// JSON content type only when a body is given.
		body,
		...(targetUsers ? { files: [filePart(targetUsers)] } : {}),
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

/**
 * Get Guild Invites. Needs Manage Server or View Audit Log; Discord includes the invite
 * metadata (`uses`, `max_uses`, `max_age`, `temporary`, `created_at`) only with Manage Server.
 * @see https://discord.com/developers/docs/resources/guild#get-guild-invites
 */
export async function getGuildInvites(
	rest: REST,
	guildId: Snowflake,
	{ signal }: { signal?: AbortSignal | undefined } = {},
): Promise<RESTGetAPIGuildInvitesResult> {
	return (await rest.get(Routes.guildInvites(guildId), signal ? { signal } : {})) as RESTGetAPIGuildInvitesResult;
}

/**
 * Delete Invite: Manage Channels on the invite's channel, or Manage Server. Resolves to the
 * deleted invite; Discord then sends INVITE_DELETE. An invite already gone is 10006 (Unknown
 * Invite). Check the code belongs to your server first: the route takes only the code.
 * @param reason - the `X-Audit-Log-Reason` (1-512 characters)
 * @see https://discord.com/developers/docs/resources/invite#delete-invite
 */
export async function deleteInvite(
	rest: REST,
	code: string,
	{ reason, signal }: { reason?: string | undefined; signal?: AbortSignal | undefined } = {},
): Promise<RESTDeleteAPIInviteResult> {
	return (await rest.delete(Routes.invite(code), {
		...(reason !== undefined ? { reason } : {}),
		...(signal ? { signal } : {}),
	})) as RESTDeleteAPIInviteResult;
}

/**
 * Get Target Users: who may accept the invite (the inviter, Manage Server or View Audit Log).
 * Discord answers a CSV with the `user_id` header.
 * @see https://discord.com/developers/docs/resources/invite#get-target-users
 */
export async function getInviteTargetUsers(rest: REST, code: string, signal?: AbortSignal): Promise<string[]> {
	const result: unknown = await rest.get(Routes.inviteTargetUsers(code), signal ? { signal } : {});
	const text = typeof result === 'string' ? result : new TextDecoder().decode(result as ArrayBuffer);
	return text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line, index) => line !== '' && !(index === 0 && line === 'user_id'));
}

/**
 * Update Target Users: replaces who may accept the invite (the inviter or Manage Server).
 * Processed asynchronously like the file of Create Channel Invite: see the job status.
 * @see https://discord.com/developers/docs/resources/invite#update-target-users
 */
export async function updateInviteTargetUsers(
	rest: REST,
	code: string,
	file: TargetUsersFile,
	options: { reason?: string | undefined; signal?: AbortSignal | undefined } = {},
): Promise<void> {
	await rest.put(Routes.inviteTargetUsers(code), {
		files: [filePart(file)],
		...(options.reason ? { reason: options.reason } : {}),
		...(options.signal ? { signal: options.signal } : {}),
	});
}

/**
 * Get Target Users Job Status: whether Discord has processed the uploaded list yet.
 * @see https://discord.com/developers/docs/resources/invite#get-target-users-job-status
 */
export async function getInviteTargetUsersJobStatus(
	rest: REST,
	code: string,
	signal?: AbortSignal,
): Promise<RESTGetAPIInviteTargetUsersJobStatusResult> {
	return (await rest.get(
		Routes.inviteTargetUsersJobStatus(code),
		signal ? { signal } : {},
	)) as RESTGetAPIInviteTargetUsersJobStatusResult;
}
