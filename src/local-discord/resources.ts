import { ApplicationFlags, GatewayIntentBits, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { discordError, type Reply } from './errors.js';
import { ok } from './routing.js';
import { serializeChannel, serializeGuild, serializeMember, serializeUser } from './serialize.js';
import type { LocalState, Route, RouteContext } from './state.js';

/** The application flags that say which privileged intents the application may use. */
export function applicationFlagsFor(privilegedIntents: number): number {
	let flags = 0;
	if (privilegedIntents & GatewayIntentBits.GuildPresences) flags |= ApplicationFlags.GatewayPresence;
	if (privilegedIntents & GatewayIntentBits.GuildMembers) flags |= ApplicationFlags.GatewayGuildMembers;
	if (privilegedIntents & GatewayIntentBits.MessageContent) flags |= ApplicationFlags.GatewayMessageContent;
	return flags;
}

/** The application object GET /applications/@me returns (spec: PrivateApplicationResponse). */
export function serializeApplication(state: LocalState): unknown {
	const flags = applicationFlagsFor(state.options.privilegedIntents);
	const owner = state.guild.findUser(state.guild.info.owner_id);
	return {
		id: state.options.applicationId,
		name: state.botUser().username,
		icon: null,
		description: 'The /invite command, served by a local Discord.',
		type: null,
		bot: serializeUser(state.botUser()),
		bot_public: true,
		bot_require_code_grant: false,
		verify_key: state.publicKey,
		flags,
		flags_new: String(flags),
		redirect_uris: [],
		interactions_endpoint_url: null,
		role_connections_verification_url: null,
		owner: owner ? serializeUser(owner) : null,
		approximate_guild_count: state.guilds.length,
		approximate_user_install_count: 0,
		approximate_user_authorization_count: 0,
		explicit_content_filter: 0,
		team: null,
		eligible_oauth2_scopes: ['applications.commands', 'bot'],
		integration_types_config: {
			'0': { oauth2_install_params: { scopes: ['applications.commands', 'bot'], permissions: '1' } },
		},
	};
}

function gatewayBot(context: RouteContext): Reply {
	const { options, guilds } = context.state;
	return ok({
		url: context.state.gatewayUrl,
		// Discord recommends a shard per 1000 guilds (the generated extra guilds count too: a
		// session over `maxGuildsPerShard` of them is closed with 4011).
		shards: options.shards || Math.max(1, Math.ceil((guilds.length + (options.extraGuilds?.count ?? 0)) / 1000)),
		session_start_limit: {
			total: 1000,
			remaining: 999,
			reset_after: 86_400_000,
			max_concurrency: options.maxConcurrency,
		},
	});
}

function gateway(context: RouteContext): Reply {
	return ok({ url: context.state.gatewayUrl });
}

function currentUser(context: RouteContext): Reply {
	return ok({
		...serializeUser(context.state.botUser()),
		mfa_enabled: false,
		locale: 'en-US',
		verified: true,
		email: null,
	});
}

function user(context: RouteContext): Reply {
	const found = context.state.guild.users.find((u) => u.id === context.params.user);
	return found ? ok(serializeUser(found)) : discordError(RESTJSONErrorCodes.UnknownUser);
}

function application(context: RouteContext): Reply {
	return ok(serializeApplication(context.state));
}

function channel(context: RouteContext): Reply {
	const { state, params } = context;
	const found = state.guild.channels.find((c) => c.id === params.channel);
	if (!found) return discordError(RESTJSONErrorCodes.UnknownChannel);
	if (!(state.guild.permissionsIn(state.options.applicationId, found.id) & PermissionFlagsBits.ViewChannel)) {
		return discordError(RESTJSONErrorCodes.MissingAccess);
	}
	return ok(serializeChannel(found, state.guild.id));
}

/** Our guild, or 10004 for any other id (the bot is in one guild). */
function ourGuild(context: RouteContext): Reply | undefined {
	return context.params.guild === context.state.guild.id ? undefined : discordError(RESTJSONErrorCodes.UnknownGuild);
}

function guild(context: RouteContext): Reply {
	const { state, request } = context;
	const error = ourGuild(context);
	if (error) return error;
	const body = serializeGuild(state.guild) as unknown as Record<string, unknown>;
	if (request.query.get('with_counts') === 'true') {
		body.approximate_member_count = state.guild.members.length;
		body.approximate_presence_count = 0;
	}
	return ok(body);
}

function guildRoles(context: RouteContext): Reply {
	return ourGuild(context) ?? ok(context.state.guild.roles.map((role) => ({ ...role })));
}

function guildChannels(context: RouteContext): Reply {
	const { state } = context;
	const botId = state.options.applicationId;
	// Discord lists only the channels the bot can see; threads have their own routes.
	return (
		ourGuild(context) ??
		ok(
			state.guild.channels
				.filter(
					(c) =>
						!c.thread_metadata && state.guild.permissionsIn(botId, c.id) & PermissionFlagsBits.ViewChannel,
				)
				.map((c) => serializeChannel(c, state.guild.id)),
		)
	);
}

function guildMember(context: RouteContext): Reply {
	const error = ourGuild(context);
	if (error) return error;
	const { state, params } = context;
	const userId = params.user === '@me' ? state.options.applicationId : params.user;
	const found = state.guild.members.find((m) => m.user.id === userId);
	return found ? ok(serializeMember(found)) : discordError(RESTJSONErrorCodes.UnknownMember);
}

function voiceState(context: RouteContext): Reply {
	const error = ourGuild(context);
	if (error) return error;
	const { state, params } = context;
	const userId = params.user === '@me' ? state.options.applicationId : (params.user ?? '');
	const found = state.guild.voiceState(userId);
	if (!found) return discordError(RESTJSONErrorCodes.UnknownVoiceState);
	const member = state.guild.findMember(userId);
	return ok({ ...found, ...(member ? { member: serializeMember(member) } : {}) });
}

/** Gateway discovery, users, the application, channels, guild, roles, members and voice states. */
export function resourceRoutes(): Route[] {
	return [
		{ method: 'GET', path: '/gateway/bot', auth: true, bucket: 'gateway-bot', handle: gatewayBot },
		{ method: 'GET', path: '/gateway', auth: false, bucket: 'gateway', handle: gateway },
		{ method: 'GET', path: '/users/@me', auth: true, bucket: 'users-me', handle: currentUser },
		{ method: 'GET', path: '/users/:user', auth: true, bucket: 'users', handle: user },
		{ method: 'GET', path: '/applications/@me', auth: true, bucket: 'applications-me', handle: application },
		{ method: 'GET', path: '/oauth2/applications/@me', auth: true, bucket: 'applications-me', handle: application },
		{ method: 'GET', path: '/channels/:channel', auth: true, bucket: 'channel', major: 'channel', handle: channel },
		{ method: 'GET', path: '/guilds/:guild', auth: true, bucket: 'guild', major: 'guild', handle: guild },
		{
			method: 'GET',
			path: '/guilds/:guild/roles',
			auth: true,
			bucket: 'guild-roles',
			major: 'guild',
			handle: guildRoles,
		},
		{
			method: 'GET',
			path: '/guilds/:guild/channels',
			auth: true,
			bucket: 'guild-channels',
			major: 'guild',
			handle: guildChannels,
		},
		{
			method: 'GET',
			path: '/guilds/:guild/members/:user',
			auth: true,
			bucket: 'guild-member',
			major: 'guild',
			handle: guildMember,
		},
		{
			method: 'GET',
			path: '/guilds/:guild/voice-states/:user',
			auth: true,
			bucket: 'guild-voice-state',
			major: 'guild',
			handle: voiceState,
		},
	];
}
