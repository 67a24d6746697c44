import {
	type APIChannel,
	type APIGuild,
	type APIGuildMember,
	type APIUser,
	ChannelType,
	type GatewayGuildCreateDispatchData,
	GatewayIntentBits,
} from 'discord-api-types/v10';
import { type ChannelRecord, type GuildModel, isThreadType } from './model.js';

/*
 * Model records -> Discord's JSON. Pure functions: what the REST routes and the gateway
 * send. Field sets follow the OpenAPI spec's *Response schemas (required fields present,
 * nulls where Discord sends nulls) so the real clients parse them as they would Discord's.
 */

/** A user object with every field the spec's UserResponse requires. */
export function serializeUser(user: APIUser): APIUser {
	const defaults = { public_flags: 0, flags: 0, primary_guild: null };
	return { ...defaults, ...user } as APIUser;
}

/** A guild member object (with its user). */
export function serializeMember(member: APIGuildMember): APIGuildMember {
	return { ...member, roles: [...member.roles], user: serializeUser(member.user) };
}

/** A guild channel or thread object of the right shape for its type. */
export function serializeChannel(channel: ChannelRecord, guildId: string): APIChannel {
	const base = { id: channel.id, type: channel.type, guild_id: guildId, name: channel.name, flags: 0 };
	if (isThreadType(channel.type)) {
		return {
			...base,
			parent_id: channel.parent_id,
			owner_id: channel.owner_id ?? null,
			thread_metadata: channel.thread_metadata,
			member_count: 1,
			message_count: 0,
			total_message_sent: 0,
			rate_limit_per_user: 0,
			last_message_id: null,
		} as unknown as APIChannel;
	}
	const guildChannel = {
		...base,
		position: channel.position,
		parent_id: channel.parent_id,
		permission_overwrites: channel.permission_overwrites.map((o) => ({ ...o })),
	};
	switch (channel.type) {
		case ChannelType.GuildCategory:
			return guildChannel as unknown as APIChannel;
		case ChannelType.GuildVoice:
		case ChannelType.GuildStageVoice:
			return {
				...guildChannel,
				nsfw: channel.nsfw ?? false,
				bitrate: 64_000,
				user_limit: 0,
				rtc_region: null,
				rate_limit_per_user: 0,
				last_message_id: null,
				...(channel.type === ChannelType.GuildVoice
					? { video_quality_mode: 1 }
					: { topic: channel.topic ?? null }),
			} as unknown as APIChannel;
		case ChannelType.GuildForum:
		case ChannelType.GuildMedia:
			return {
				...guildChannel,
				topic: channel.topic ?? null,
				nsfw: channel.nsfw ?? false,
				rate_limit_per_user: 0,
				last_message_id: null,
				available_tags: [],
				default_reaction_emoji: null,
				default_sort_order: null,
				default_thread_rate_limit_per_user: 0,
				...(channel.type === ChannelType.GuildForum ? { default_forum_layout: 0 } : {}),
			} as unknown as APIChannel;
		default:
			return {
				...guildChannel,
				topic: channel.topic ?? null,
				nsfw: channel.nsfw ?? false,
				rate_limit_per_user: 0,
				last_message_id: null,
				default_auto_archive_duration: 1440,
			} as unknown as APIChannel;
	}
}

/** The guild object GET /guilds/{id} returns (fields per the spec's GuildResponse). */
export function serializeGuild(guild: GuildModel, applicationId: string | null = null): APIGuild {
	const info = guild.info;
	return {
		id: info.id,
		name: info.name,
		icon: info.icon,
		description: info.description,
		home_header: null,
		splash: null,
		discovery_splash: null,
		features: [...info.features],
		banner: null,
		owner_id: info.owner_id,
		application_id: applicationId,
		region: 'deprecated',
		afk_channel_id: null,
		afk_timeout: 300,
		system_channel_id: info.system_channel_id,
		system_channel_flags: 0,
		widget_enabled: false,
		widget_channel_id: null,
		verification_level: info.verification_level,
		roles: guild.roles.map((role) => ({ ...role })),
		default_message_notifications: 0,
		mfa_level: 0,
		explicit_content_filter: 0,
		max_presences: null,
		max_members: 500_000,
		max_stage_video_channel_users: 50,
		max_video_channel_users: 25,
		vanity_url_code: null,
		premium_tier: 0,
		premium_subscription_count: info.premium_subscription_count,
		preferred_locale: info.preferred_locale,
		rules_channel_id: null,
		safety_alerts_channel_id: null,
		public_updates_channel_id: null,
		premium_progress_bar_enabled: false,
		nsfw: false,
		nsfw_level: info.nsfw_level,
		emojis: [],
		stickers: [],
		incidents_data: null,
		hub_type: null,
		latest_onboarding_question_id: null,
	} as unknown as APIGuild;
}

/**
 * The GUILD_CREATE payload for a session with `intents`. Like Discord: members are the
 * bot itself, plus everyone with GUILD_PRESENCES (in a small guild) or the people in voice
 * with GUILD_VOICE_STATES; voice states only with GUILD_VOICE_STATES.
 */
export function serializeGuildCreate(
	guild: GuildModel,
	botUserId: string,
	intents: number,
): GatewayGuildCreateDispatchData {
	const voiceIntent = (intents & GatewayIntentBits.GuildVoiceStates) !== 0;
	const presenceIntent = (intents & GatewayIntentBits.GuildPresences) !== 0;
	const inVoice = new Set(guild.voiceStates.filter((s) => s.channel_id).map((s) => s.user_id));
	const members = guild.members.filter(
		(m) => m.user.id === botUserId || presenceIntent || (voiceIntent && inVoice.has(m.user.id)),
	);
	const channels = guild.channels.filter((c) => !isThreadType(c.type));
	const threads = guild.channels.filter((c) => isThreadType(c.type));
	return {
		...serializeGuild(guild),
		joined_at: guild.info.joined_at,
		large: false,
		unavailable: false,
		member_count: guild.members.length,
		voice_states: voiceIntent ? guild.voiceStates.map(({ guild_id: _guildId, ...state }) => ({ ...state })) : [],
		members: members.map(serializeMember),
		channels: channels.map((c) => serializeChannel(c, guild.id)),
		threads: threads.map((c) => serializeChannel(c, guild.id)),
		presences: [],
		stage_instances: [],
		guild_scheduled_events: [],
		soundboard_sounds: [],
	} as unknown as GatewayGuildCreateDispatchData;
}
