import { ChannelType, GuildFeature, OverwriteType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { GuildSeed, SeedChannel, SeedMember, SeedRole } from './model.js';
import { DEFAULT_APPLICATION_ID } from './seed.js';

/** How big a generated guild is. Every field has a default. */
export interface GeneratedGuildOptions {
	/** Which guild: ids and names derive from it, so the same index gives the same guild. Default 0. */
	index?: number;
	/** Channels that are not categories; a category heads every 6. Default 24. */
	channels?: number;
	/** Roles besides @everyone and the bot's managed role. Default 10. */
	roles?: number;
	/** Members besides the bot. Default 50. */
	members?: number;
	/** The bot's application id (= its user id). Default the local Discord's. */
	applicationId?: string;
}

export const GENERATED_GUILD_DEFAULTS = { index: 0, channels: 24, roles: 10, members: 50 } as const;

const P = PermissionFlagsBits;
const str = (...flags: bigint[]): string => flags.reduce((all, flag) => all | flag, 0n).toString();
/** Channel types in the proportions of a typical community server: mostly text, some voice. */
const TYPE_CYCLE: readonly ChannelType[] = [
	ChannelType.GuildText,
	ChannelType.GuildText,
	ChannelType.GuildVoice,
	ChannelType.GuildText,
	ChannelType.GuildAnnouncement,
	ChannelType.GuildText,
	ChannelType.GuildVoice,
	ChannelType.GuildForum,
	ChannelType.GuildText,
	ChannelType.GuildStageVoice,
];

/**
 * Ids of generated guild `index`: 2xxx... snowflakes, apart from the default seed's
 * (11xx...), unique across up to 10^7 guilds of up to 10^5 objects each.
 */
export function generatedId(index: number, serial: number): string {
	return (2_000_000_000_000_000_000n + BigInt(index) * 100_000n + BigInt(serial)).toString();
}

/**
 * A realistic guild of any size, for load and memory benchmarks: roles with colours, a
 * managed role for the bot, categories over text, voice, announcement, forum and stage
 * channels, some channels with permission overwrites, and members holding 0-3 roles.
 * Everyone may create invites in the channels without overwrites; the bot too.
 * Deterministic: the same options give the same guild.
 *
 * - channels are named `channel-N` (N from 0), members `user-N`, roles `role-N`.
 */
export function generateGuild(options: GeneratedGuildOptions = {}): GuildSeed {
	const index = options.index ?? GENERATED_GUILD_DEFAULTS.index;
	const channelCount = options.channels ?? GENERATED_GUILD_DEFAULTS.channels;
	const roleCount = options.roles ?? GENERATED_GUILD_DEFAULTS.roles;
	const memberCount = options.members ?? GENERATED_GUILD_DEFAULTS.members;
	const applicationId = options.applicationId ?? DEFAULT_APPLICATION_ID;
	let serial = 1;
	const id = (): string => generatedId(index, serial++);
	const guildId = generatedId(index, 0);
	const joinedAt = '2024-03-01T12:00:00.000Z';

	const roles: SeedRole[] = [
		{
			id: guildId,
			name: '@everyone',
			position: 0,
			permissions: str(
				P.ViewChannel,
				P.SendMessages,
				P.ReadMessageHistory,
				P.Connect,
				P.Speak,
				P.UseApplicationCommands,
				P.CreateInstantInvite,
				P.AddReactions,
				P.EmbedLinks,
			),
		},
	];
	for (let r = 0; r < roleCount; r++) {
		roles.push({
			id: id(),
			name: `role-${r}`,
			position: r + 1,
			permissions: r === roleCount - 1 ? str(P.ManageRoles, P.ManageMessages, P.KickMembers) : '0',
			color: (0x3498db + r * 0x1f2f3) & 0xffffff,
			hoist: r % 4 === 3,
			mentionable: r % 2 === 0,
		});
	}
	const botRoleId = id();
	roles.push({
		id: botRoleId,
		name: 'invite bot',
		position: roleCount + 1,
		permissions: str(P.CreateInstantInvite, P.ManageRoles, P.ViewChannel),
		managed: true,
		tags: { bot_id: applicationId },
	});
	const roleIds = roles.slice(1, roleCount + 1).map((role) => role.id);

	const channels: SeedChannel[] = [];
	let category: string | undefined;
	let inCategory = 0;
	for (let c = 0; c < channelCount; c++) {
		if (c % 6 === 0) {
			category = id();
			inCategory = 0;
			channels.push({
				id: category,
				name: `category-${c / 6}`,
				type: ChannelType.GuildCategory,
				position: c / 6,
			});
		}
		const type = TYPE_CYCLE[c % TYPE_CYCLE.length] ?? ChannelType.GuildText;
		// Every third channel has overwrites, as real servers do for staff and announcement rooms.
		const staffRole = roleIds[c % Math.max(1, roleIds.length)];
		const overwrites =
			c % 3 === 2 && staffRole
				? [
						{
							id: staffRole,
							type: OverwriteType.Role,
							allow: str(P.ManageMessages),
							deny: '0',
						},
						{ id: guildId, type: OverwriteType.Role, allow: '0', deny: str(P.SendMessages) },
					]
				: [];
		channels.push({
			id: id(),
			name: `channel-${c}`,
			type,
			position: inCategory++,
			parent_id: category ?? null,
			permission_overwrites: overwrites,
			...(type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement
				? { topic: `Topic of channel ${c}` }
				: {}),
		});
	}

	const members: SeedMember[] = [];
	for (let m = 0; m < memberCount; m++) {
		const held = roleIds.length === 0 ? [] : roleIds.filter((_, r) => (m + r * 7) % 5 === 0).slice(0, 3);
		members.push({
			user: { id: id(), username: `user-${m}`, global_name: `User ${m}` },
			roles: held,
			joined_at: joinedAt,
		});
	}
	const ownerId = members[0]?.user.id ?? applicationId;
	members.push({
		user: { id: applicationId, username: 'invite-bot', global_name: null, bot: true },
		roles: [botRoleId],
		joined_at: joinedAt,
	});

	return {
		guild: {
			id: guildId,
			name: `Generated Guild ${index}`,
			owner_id: ownerId,
			preferred_locale: 'en-US',
			features: [GuildFeature.Community, GuildFeature.News],
			system_channel_id: channels.find((channel) => channel.type === ChannelType.GuildText)?.id ?? null,
			joined_at: joinedAt,
		},
		roles,
		channels,
		members,
		voiceStates: [],
		invites: [],
		activityApplicationId: generatedId(index, 99_999),
	};
}
