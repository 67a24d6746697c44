/**
 * The core's lookups for a discord.js interaction: from the host bot's caches where they hold
 * everything a check reads, over REST otherwise (the HTTP endpoint's lookups). A host bot
 * with limited caches gets the same answers as one caching everything, never a guess from a
 * partial cache.
 */
import type { REST } from '@discordjs/rest';
import { type ChatInputCommandInteraction, GuildMember } from 'discord.js';
import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';
import type { InviteLookups } from '../core/invite.js';
import type { AttachmentLimits, InvocationAttachment, InvocationRole } from '../core/types.js';
import { nodeAttachmentFetch } from '../discord/attachment-transport.js';
import { fetchAttachment } from '../discord/attachments.js';
import { restLookups } from '../pipeline/lookups.js';
import { roleIdsOf } from './discordjs-read.js';

/** Lookups for one `/invite` interaction; `lookupRest` is the command's own REST client. */
export function lookupsFor(interaction: ChatInputCommandInteraction, lookupRest: () => REST): InviteLookups {
	const guild = interaction.guild;
	const memberRoleIds = roleIdsOf(interaction.member);
	let remote: InviteLookups | undefined;
	const overRest = (): InviteLookups =>
		(remote ??= restLookups(lookupPayload(interaction, memberRoleIds), {
			rest: lookupRest(),
			applicationId: interaction.applicationId,
		}));
	// The cache answers only when it holds the server, and every role of the invoker and the bot.
	const rolesCached = (ids: readonly string[] | undefined): boolean =>
		(guild?.roles.cache.has(guild.id) ?? false) && (ids?.every((id) => guild?.roles.cache.has(id)) ?? false);
	// A fetch that fails throws: the core logs it and counts the answer as unknown.
	const memberOf = async (): Promise<GuildMember | undefined> =>
		interaction.member instanceof GuildMember ? interaction.member : guild?.members.fetch(interaction.user.id);
	const me = async (): Promise<GuildMember | undefined> => guild?.members.me ?? guild?.members.fetchMe();
	const cachedPair = async (): Promise<[GuildMember, GuildMember] | undefined> => {
		if (!guild || !rolesCached(memberRoleIds)) return undefined;
		const [member, bot] = await Promise.all([memberOf(), me()]);
		return member && bot && rolesCached(roleIdsOf(bot)) ? [member, bot] : undefined;
	};
	return {
		async roleStanding() {
			const pair = await cachedPair();
			if (!guild || !pair) return overRest().roleStanding?.();
			const [member, bot] = pair;
			return {
				invokerIsOwner: guild.ownerId === member.id,
				invokerHighestPosition: member.roles.highest.rawPosition,
				botHighestPosition: bot.roles.highest.rawPosition,
				invokerPermissions: member.permissions.bitfield,
				botPermissions: bot.permissions.bitfield,
			};
		},
		async roles(ids: readonly string[]) {
			if (!guild || !ids.every((id) => guild.roles.cache.has(id))) return overRest().roles?.(ids);
			const found = new Map<string, InvocationRole>();
			for (const id of ids) {
				const role = guild.roles.cache.get(id);
				if (role) found.set(id, { id, name: role.name, position: role.rawPosition, managed: role.managed });
			}
			return found;
		},
		attachment: (attachment: InvocationAttachment, limits: AttachmentLimits) =>
			fetchAttachment(attachment.url, limits, {
				apiUrl: interaction.client.rest.options.api,
				fetch: nodeAttachmentFetch,
				expectedBytes: attachment.size,
			}),
		async channelPermissions(channelId: string) {
			const channel = guild?.channels.cache.get(channelId);
			// A thread takes its parent's overwrites: the parent must be cached too.
			const source = channel?.isThread() ? channel.parent : channel;
			const pair = channel && source ? await cachedPair() : undefined;
			if (!channel || !pair) return overRest().channelPermissions?.(channelId);
			const [member, bot] = pair;
			return {
				channel: { type: channel.type, guildId: channel.guildId, parentId: channel.parentId },
				invoker: channel.permissionsFor(member).bitfield,
				bot: channel.permissionsFor(bot).bitfield,
			};
		},
	};
}

/** What the REST lookups read of the interaction payload: the server, and who invoked with which roles. */
function lookupPayload(
	interaction: ChatInputCommandInteraction,
	roleIds: string[] | undefined,
): APIChatInputApplicationCommandInteraction {
	return {
		guild_id: interaction.guildId ?? undefined,
		// Without the invoker's roles, nothing about them can be computed: the checks refuse.
		member: roleIds ? { user: { id: interaction.user.id }, roles: roleIds } : undefined,
	} as unknown as APIChatInputApplicationCommandInteraction;
}
