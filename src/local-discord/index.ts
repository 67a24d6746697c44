/**
 * A local Discord for tests, the sandbox and benchmarks: a loopback HTTP + WebSocket server
 * that behaves like Discord's REST API and gateway for one guild, so the real discord.js
 * Client and @discordjs/rest run against it unchanged.
 *
 * @example
 * const discord = await startLocalDiscord();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
 * await client.login(discord.token);
 * await discord.ready();
 * const handle = discord.dispatch(discord.interaction({ user: 'member', channel: 'general' }));
 * const message = await handle.message();
 */

export { COMMAND_NAME_PATTERN } from './commands.js';
export { shardOf } from './gateway.js';
export { GENERATED_GUILD_DEFAULTS, type GeneratedGuildOptions, generatedId, generateGuild } from './generate.js';
export { signInteraction } from './http-delivery.js';
export {
	INVITABLE_CHANNEL_TYPES,
	MAX_GUILD_INVITES,
	MAX_INVITE_AGE_SECONDS,
	MAX_INVITE_ROLES,
	MAX_INVITE_USES,
} from './invites.js';
export {
	ALL_PERMISSIONS,
	type ChannelMessageRecord,
	type ChannelRecord,
	type GuildInfo,
	GuildModel,
	type GuildSeed,
	type InviteRecord,
	isInviteLive,
	isThreadType,
	type ModelChange,
	type PermissionBits,
	type SeedChannel,
	type SeedMember,
	type SeedRole,
	type SeedUser,
	type SeedVoiceState,
} from './model.js';
export { DEFAULT_APPLICATION_ID, DEFAULT_TOKEN, defaultSeed, moreGuildSeeds, seedIds, seedNames } from './seed.js';
export { LOCAL_DISCORD_DEFAULTS, NoGatewaySessionError, startLocalDiscord } from './server.js';
export type {
	ComponentInit,
	Fault,
	InteractionHandle,
	InteractionInit,
	InteractionTransport,
	LocalDiscord,
	LocalDiscordOptions,
	MessageState,
	RecordedRequest,
} from './types.js';
