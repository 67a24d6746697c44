/**
 * The core's lookups over REST, for every host without a cache (the HTTP endpoint and the
 * Worker, whose replicas are stateless, and the cache-less gateway bot): each interaction asks
 * Discord for what its payload lacks, and only that. Requests within one interaction share a
 * memo; nothing outlives it.
 */
import { DiscordAPIError, type REST } from '@discordjs/rest';
import {
	type APIChatInputApplicationCommandInteraction,
	type RESTGetAPIChannelResult,
	type RESTGetAPIGuildMemberResult,
	type RESTGetAPIGuildResult,
	type RESTGetAPIUserResult,
	RESTJSONErrorCodes,
	Routes,
} from 'discord-api-types/v10';
import { THREAD_TYPES } from '../core/checks.js';
import { type Clock, LOOKUP_TIMEOUT_MS, systemClock } from '../core/deadline.js';
import type { InviteLookups } from '../core/invite.js';
import { computeBasePermissions, computeChannelPermissions, type PermissionOverwrite } from '../core/permissions.js';
import type { ChannelPermissions, InvocationRole, RoleStanding } from '../core/types.js';
import { type AttachmentFetch, fetchAttachment } from '../discord/attachments.js';

export interface RestLookupsOptions {
	/** The ordinary REST client (GETs may be retried). */
	rest: REST;
	/** The bot's user id (= the application id): its member and roles are looked up. */
	applicationId: string;
	/** Abort each lookup after this long (ms). Default 5 s: the core defers meanwhile. */
	timeoutMs?: number | undefined;
	/** How `users_file` is downloaded: the Node hosts pass one that checks addresses (attachment-transport.ts). */
	attachmentFetch?: AttachmentFetch | undefined;
	/** The clock the timeout runs on. Default: the system's. */
	clock?: Clock | undefined;
}

/** The bot may not view a channel (GET /channels/{id} answered 50001). */
const HIDDEN = Symbol('hidden from the bot');
const hiddenFromBot = (error: unknown): typeof HIDDEN => {
	if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingAccess) return HIDDEN;
	throw error;
};

/**
 * Lookups for one interaction. A lookup that fails throws: the core logs it and counts the
 * answer as unknown.
 */
export function restLookups(
	payload: APIChatInputApplicationCommandInteraction,
	options: RestLookupsOptions,
): InviteLookups {
	const { rest, applicationId } = options;
	const guildId = payload.guild_id;
	const member = payload.member;
	const timeoutMs = options.timeoutMs ?? LOOKUP_TIMEOUT_MS;
	const signal = (): AbortSignal => AbortSignal.timeout(timeoutMs);
	const memo = new Map<string, Promise<unknown>>();
	const get = <T>(route: `/${string}`): Promise<T> => {
		let pending = memo.get(route);
		if (!pending) {
			// The signal ends a request on the wire; the race also ends a rate-limit wait, which
			// @discordjs/rest sleeps through without looking at the signal.
			pending = withTimeout(
				options.clock ?? systemClock,
				rest.get(route, { signal: signal() }),
				timeoutMs,
				route,
			);
			memo.set(route, pending);
		}
		return pending as Promise<T>;
	};
	const guild = (id: string) => get<RESTGetAPIGuildResult>(Routes.guild(id));
	// The bot's user id is the application id, except for some old applications: then ask.
	const botMember = (id: string) =>
		get<RESTGetAPIGuildMemberResult>(Routes.guildMember(id, applicationId)).catch(async (error: unknown) => {
			if (!(error instanceof DiscordAPIError) || error.code !== RESTJSONErrorCodes.UnknownMember) throw error;
			const me = await get<RESTGetAPIUserResult>(Routes.user('@me'));
			if (me.id === applicationId) throw error;
			return get<RESTGetAPIGuildMemberResult>(Routes.guildMember(id, me.id));
		});
	const channel = (id: string) => get<RESTGetAPIChannelResult>(Routes.channel(id));

	return {
		async roleStanding(): Promise<RoleStanding | undefined> {
			if (!guildId || !member) return undefined;
			const [server, bot] = await Promise.all([guild(guildId), botMember(guildId)]);
			const positions = new Map(server.roles.map((role) => [role.id, role.position]));
			const highest = (roleIds: readonly string[]): number =>
				Math.max(0, ...roleIds.map((id) => positions.get(id) ?? 0));
			const common = { guildOwnerId: server.owner_id, everyoneRoleId: server.id, roles: server.roles };
			return {
				invokerIsOwner: server.owner_id === member.user.id,
				invokerHighestPosition: highest(member.roles),
				botHighestPosition: highest(bot.roles),
				// Server-wide, from roles: the payload's member.permissions include channel overwrites.
				invokerPermissions: computeBasePermissions({
					...common,
					memberId: member.user.id,
					memberRoleIds: member.roles,
				}),
				botPermissions: computeBasePermissions({
					...common,
					memberId: bot.user?.id ?? applicationId,
					memberRoleIds: bot.roles,
				}),
			};
		},

		async roles(ids: readonly string[]): Promise<ReadonlyMap<string, InvocationRole> | undefined> {
			if (!guildId) return undefined;
			const server = await guild(guildId);
			const wanted = new Set(ids);
			return new Map(
				server.roles
					.filter((role) => wanted.has(role.id))
					.map((role) => [
						role.id,
						{ id: role.id, name: role.name, position: role.position, managed: role.managed },
					]),
			);
		},

		attachment: (attachment, limits) =>
			fetchAttachment(attachment.url, limits, {
				apiUrl: rest.options.api,
				fetch: options.attachmentFetch,
				expectedBytes: attachment.size,
			}),

		async channelPermissions(channelId: string): Promise<ChannelPermissions | undefined> {
			if (!guildId || !member) return undefined;
			const [target, server, bot] = await Promise.all([
				channel(channelId).catch(hiddenFromBot),
				guild(guildId),
				botMember(guildId),
			]);
			// Discord answers Missing Access when the bot cannot view the channel: it has nothing there.
			if (target === HIDDEN) return { bot: 0n };
			// A thread takes its parent's overwrites.
			const parentId = THREAD_TYPES.includes(target.type) && 'parent_id' in target ? target.parent_id : undefined;
			const source = parentId ? await channel(parentId) : target;
			const overwrites: readonly PermissionOverwrite[] =
				'permission_overwrites' in source ? (source.permission_overwrites ?? []) : [];
			const common = {
				guildOwnerId: server.owner_id,
				everyoneRoleId: server.id,
				roles: server.roles,
				overwrites,
			};
			return {
				channel: {
					type: target.type,
					guildId: 'guild_id' in target ? target.guild_id : undefined,
					parentId: 'parent_id' in target ? target.parent_id : undefined,
				},
				invoker: computeChannelPermissions({
					...common,
					memberId: member.user.id,
					memberRoleIds: member.roles,
				}),
				bot: computeChannelPermissions({
					...common,
					memberId: bot.user?.id ?? applicationId,
					memberRoleIds: bot.roles,
				}),
			};
		},
	};
}

/** Rejects after `ms` when the lookup has not settled (whatever it is waiting on). */
function withTimeout<T>(clock: Clock, promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: unknown;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = clock.setTimer(() => reject(new Error(`lookup of ${what} took longer than ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clock.clearTimer(timer));
}

/** What a command may look up of the server (from a host's cache, or over REST here). */
export type Lookups = InviteLookups;
