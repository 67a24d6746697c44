import {
	ChannelType,
	GuildFeature,
	OverwriteType,
	PermissionFlagsBits,
	ThreadAutoArchiveDuration,
} from 'discord-api-types/v10';
import type { GuildSeed } from './model.js';

/** The bot token a local Discord accepts unless told otherwise. Made up; never a real one. */
export const DEFAULT_TOKEN = 'local-bot-token';

/** The application id (and bot user id) of a local Discord unless told otherwise. */
export const DEFAULT_APPLICATION_ID = '1100000000000000400';

/**
 * The fixed ids of the default seed. Stable across runs, so snapshots and logs stay
 * readable; the names below say what each is.
 */
export const seedIds = {
	guild: '1100000000000000000',
	roles: {
		everyone: '1100000000000000000',
		member: '1100000000000000101',
		helper: '1100000000000000102',
		moderator: '1100000000000000103',
		inviteBot: '1100000000000000104',
		admin: '1100000000000000105',
	},
	channels: {
		textChannels: '1100000000000000201',
		general: '1100000000000000202',
		announcements: '1100000000000000203',
		voice: '1100000000000000204',
		stage: '1100000000000000205',
		forum: '1100000000000000206',
		media: '1100000000000000207',
		thread: '1100000000000000208',
		noInvites: '1100000000000000209',
		staff: '1100000000000000210',
	},
	users: {
		owner: '1100000000000000301',
		admin: '1100000000000000302',
		moderator: '1100000000000000303',
		member: '1100000000000000304',
		helper: '1100000000000000305',
		guest: '1100000000000000306',
		streamer: '1100000000000000307',
		listener: '1100000000000000308',
		/** Exists on Discord but is not in the guild. */
		outsider: '1100000000000000309',
		/** Not in the guild either: people an invite may be limited to. */
		alice: '1100000000000000310',
		bob: '1100000000000000311',
	},
	/** The embedded activity application (`target_type: 2` invites). */
	activityApplication: '1100000000000000500',
} as const;

/** The names in the default seed, for `interaction({ user, channel })` and lookups. */
export const seedNames = {
	guild: 'Local Guild',
	roles: {
		everyone: '@everyone',
		member: 'member',
		helper: 'helper',
		moderator: 'moderator',
		inviteBot: 'invite bot',
		admin: 'admin',
	},
	channels: {
		textChannels: 'text channels',
		general: 'general',
		announcements: 'announcements',
		voice: 'voice',
		stage: 'stage',
		forum: 'forum',
		media: 'media',
		thread: 'thread',
		noInvites: 'no-invites',
		staff: 'staff',
	},
	members: {
		owner: 'owner',
		admin: 'admin',
		moderator: 'moderator',
		member: 'member',
		helper: 'helper',
		guest: 'guest',
		streamer: 'streamer',
		listener: 'listener',
		bot: 'invite-bot',
	},
	users: { outsider: 'outsider', alice: 'alice', bob: 'bob' },
} as const;

const P = PermissionFlagsBits;
const str = (...flags: bigint[]): string => flags.reduce((all, flag) => all | flag, 0n).toString();

/**
 * A small guild that covers every case the /invite command meets:
 * - roles, low to high: @everyone (talk and use commands, but no Create Instant Invite),
 *   member, helper (Create Instant Invite), moderator (+ Manage Roles), invite bot (the
 *   bot's managed role: Create Instant Invite, Manage Roles, View Channel, Manage Server), admin
 *   (Administrator, above the bot);
 * - channels: a category, general, announcements, voice, stage, forum, media, a public
 *   thread in general, no-invites (member and bot roles denied Create Instant Invite) and
 *   staff (hidden from @everyone and the bot, visible to moderators);
 * - members: owner, admin, moderator, member, helper, guest (no roles), streamer (streaming
 *   in voice), listener (in voice, not streaming) and the bot; plus outsider, alice and bob,
 *   users who are not in the guild.
 *
 * @param applicationId - the bot's application id, which is also its user id
 */
export function defaultSeed(applicationId: string = DEFAULT_APPLICATION_ID): GuildSeed {
	const { roles, channels, users } = seedIds;
	const joinedAt = '2024-01-15T12:00:00.000Z';
	return {
		guild: {
			id: seedIds.guild,
			name: seedNames.guild,
			owner_id: users.owner,
			preferred_locale: 'en-US',
			// COMMUNITY and NEWS: a guild needs them to have announcement and stage channels.
			features: [GuildFeature.Community, GuildFeature.News],
			system_channel_id: channels.general,
			joined_at: joinedAt,
		},
		roles: [
			{
				id: roles.everyone,
				name: '@everyone',
				position: 0,
				permissions: str(
					P.ViewChannel,
					P.SendMessages,
					P.ReadMessageHistory,
					P.Connect,
					P.Speak,
					P.UseApplicationCommands,
				),
			},
			{ id: roles.member, name: 'member', position: 1, permissions: str(P.CreateInstantInvite), color: 0x3498db },
			{ id: roles.helper, name: 'helper', position: 2, permissions: str(P.CreateInstantInvite), color: 0x2ecc71 },
			{
				id: roles.moderator,
				name: 'moderator',
				position: 3,
				permissions: str(P.CreateInstantInvite, P.ManageRoles),
				color: 0xe67e22,
			},
			{
				id: roles.inviteBot,
				name: 'invite bot',
				position: 4,
				// Manage Server: an invite may be limited to chosen users (`target_users_file`).
				permissions: str(P.CreateInstantInvite, P.ManageRoles, P.ViewChannel, P.ManageGuild),
				managed: true,
				tags: { bot_id: applicationId },
			},
			{
				id: roles.admin,
				name: 'admin',
				position: 5,
				permissions: str(P.Administrator),
				color: 0xe74c3c,
				hoist: true,
			},
		],
		channels: [
			{ id: channels.textChannels, name: 'text channels', type: ChannelType.GuildCategory, position: 0 },
			{
				id: channels.general,
				name: 'general',
				type: ChannelType.GuildText,
				position: 0,
				parent_id: channels.textChannels,
				topic: 'Talk here',
			},
			{
				id: channels.announcements,
				name: 'announcements',
				type: ChannelType.GuildAnnouncement,
				position: 1,
				parent_id: channels.textChannels,
			},
			{
				id: channels.voice,
				name: 'voice',
				type: ChannelType.GuildVoice,
				position: 2,
				parent_id: channels.textChannels,
			},
			{
				id: channels.stage,
				name: 'stage',
				type: ChannelType.GuildStageVoice,
				position: 3,
				parent_id: channels.textChannels,
			},
			{
				id: channels.forum,
				name: 'forum',
				type: ChannelType.GuildForum,
				position: 4,
				parent_id: channels.textChannels,
			},
			{
				id: channels.media,
				name: 'media',
				type: ChannelType.GuildMedia,
				position: 5,
				parent_id: channels.textChannels,
			},
			{
				id: channels.thread,
				name: 'thread',
				type: ChannelType.PublicThread,
				position: 0,
				parent_id: channels.general,
				owner_id: users.member,
				thread_metadata: {
					archived: false,
					auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
					archive_timestamp: joinedAt,
					locked: false,
					create_timestamp: joinedAt,
				},
			},
			{
				id: channels.noInvites,
				name: 'no-invites',
				type: ChannelType.GuildText,
				position: 6,
				parent_id: channels.textChannels,
				permission_overwrites: [
					{ id: roles.member, type: OverwriteType.Role, allow: '0', deny: str(P.CreateInstantInvite) },
					{ id: roles.inviteBot, type: OverwriteType.Role, allow: '0', deny: str(P.CreateInstantInvite) },
				],
			},
			{
				id: channels.staff,
				name: 'staff',
				type: ChannelType.GuildText,
				position: 7,
				parent_id: channels.textChannels,
				permission_overwrites: [
					{ id: roles.everyone, type: OverwriteType.Role, allow: '0', deny: str(P.ViewChannel) },
					{ id: roles.moderator, type: OverwriteType.Role, allow: str(P.ViewChannel), deny: '0' },
				],
			},
		],
		members: [
			{ user: { id: users.owner, username: 'owner', global_name: 'Owner' }, roles: [] },
			{ user: { id: users.admin, username: 'admin', global_name: 'Admin' }, roles: [roles.admin] },
			{
				user: { id: users.moderator, username: 'moderator', global_name: 'Moderator' },
				roles: [roles.member, roles.moderator],
			},
			{ user: { id: users.member, username: 'member', global_name: 'Member' }, roles: [roles.member] },
			{ user: { id: users.helper, username: 'helper', global_name: 'Helper' }, roles: [roles.helper] },
			{ user: { id: users.guest, username: 'guest', global_name: 'Guest' }, roles: [] },
			{ user: { id: users.streamer, username: 'streamer', global_name: 'Streamer' }, roles: [roles.member] },
			{ user: { id: users.listener, username: 'listener', global_name: 'Listener' }, roles: [roles.member] },
			{
				user: { id: applicationId, username: 'invite-bot', global_name: null, bot: true },
				roles: [roles.inviteBot],
				joined_at: joinedAt,
			},
		].map((member) => ({ joined_at: '2024-01-01T12:00:00.000Z', ...member })),
		users: [
			{ id: users.outsider, username: 'outsider', global_name: 'Outsider' },
			{ id: users.alice, username: 'alice', global_name: 'Alice' },
			{ id: users.bob, username: 'bob', global_name: 'Bob' },
		],
		voiceStates: [
			{ user_id: users.streamer, channel_id: channels.voice, self_stream: true, self_video: false },
			{ user_id: users.listener, channel_id: channels.voice },
		],
		invites: [],
		activityApplicationId: seedIds.activityApplication,
		activityApplicationName: 'Watch Together',
		embeddedApplications: DISCORD_ACTIVITY_APPLICATIONS,
	};
}

/**
 * Discord's own Activities, which the real Discord accepts as `target_application_id` in any
 * guild: the ids libraries such as discord-together list (they are in neither Discord's docs
 * nor its spec). The local Discord imports nothing of the product, so this is its own list;
 * test/sandbox checks that every Activity the bot suggests is one of them.
 */
export const DISCORD_ACTIVITY_APPLICATIONS: readonly { id: string; name: string }[] = [
	{ name: 'Watch Together', id: '880218394199220334' },
	{ name: 'Poker Night', id: '755827207812677713' },
	{ name: 'Betrayal.io', id: '773336526917861400' },
	{ name: 'Fishington.io', id: '814288819477020702' },
	{ name: 'Chess in the Park', id: '832012774040141894' },
	{ name: 'Checkers in the Park', id: '832013003968348200' },
	{ name: 'Letter League', id: '879863686565621790' },
	{ name: 'Word Snacks', id: '879863976006127627' },
	{ name: 'Doodle Crew', id: '878067389634314250' },
	{ name: 'Awkword', id: '879863881349087252' },
	{ name: 'SpellCast', id: '852509694341283871' },
	{ name: 'Sketch Heads', id: '902271654783242291' },
	{ name: 'Blazing 8s', id: '832025144389533716' },
	{ name: 'Putt Party', id: '945737671223947305' },
];

/** Guild ids this far apart land on consecutive shards: Discord routes by `guild_id >> 22`. */
const NEXT_SHARD = 1n << 22n;

/**
 * `count` more guilds like the default seed (same names, roles, channels and members, the
 * same bot), each with every id moved by `n << 22`: the n-th lands on the shard after the
 * (n-1)-th's, so with `count + 1` guilds and as many shards each shard gets one. Names get a
 * number (`Local Guild 2`); look ids up by name on the model (`discord.guilds[1].channel('general')`).
 */
export function moreGuildSeeds(count: number, applicationId: string = DEFAULT_APPLICATION_ID): GuildSeed[] {
	const ids = new Set<string>();
	const collect = (value: unknown): void => {
		if (typeof value === 'string') ids.add(value);
		else if (value && typeof value === 'object') for (const item of Object.values(value)) collect(item);
	};
	const { activityApplication: _shared, ...own } = seedIds;
	collect(own);
	return Array.from({ length: count }, (_, index) => {
		const offset = BigInt(index + 1) * NEXT_SHARD;
		const move = (value: unknown): unknown => {
			if (typeof value === 'string') return ids.has(value) ? (BigInt(value) + offset).toString() : value;
			if (Array.isArray(value)) return value.map(move);
			if (value && typeof value === 'object')
				return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, move(item)]));
			return value;
		};
		const seed = move(defaultSeed(applicationId)) as GuildSeed;
		seed.guild.name = `${seedNames.guild} ${index + 2}`;
		return seed;
	});
}
